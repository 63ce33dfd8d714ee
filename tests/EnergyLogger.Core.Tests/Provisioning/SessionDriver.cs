using System.Text;
using EnergyLogger.Core.Provisioning;
using EnergyLogger.Core.Tests.Fakes;

namespace EnergyLogger.Core.Tests.Provisioning;

/// <summary>Plays a client against a <see cref="ProvisioningSession"/>: bytes in, every reply collected.</summary>
internal sealed class SessionDriver
{
    public const int IdleMs = 60_000;

    /// <param name="gate">The listener's gate when the label has a code; the session then sends its welcome first.</param>
    public SessionDriver(PowerCutFileStore? store = null, VirtualClock? clock = null, AuthGate? gate = null)
    {
        Store = store ?? new PowerCutFileStore();
        Clock = clock ?? new VirtualClock();
        Repository = new SettingsRepository(Store);
        Session = gate is null ? new ProvisioningSession(Repository, Clock, IdleMs) : new ProvisioningSession(Repository, Clock, IdleMs, gate);
        Welcome = Session.Welcome();
    }

    /// <summary>The first line the client got.</summary>
    public string Welcome { get; }

    public PowerCutFileStore Store { get; }

    public VirtualClock Clock { get; }

    public SettingsRepository Repository { get; }

    public ProvisioningSession Session { get; }

    /// <summary>Every reply given so far, in order.</summary>
    public List<string> Replies { get; } = [];

    /// <summary>Feeds raw bytes as a socket would deliver them and returns the replies they caused.</summary>
    public List<string> SendBytes(byte[] data)
    {
        var replies = new List<string>();
        int offset = 0;
        while (offset < data.Length && Session.IsOpen)
        {
            offset += Session.Receive(data, offset, data.Length - offset);
            if (Session.Reply is not null)
            {
                replies.Add(Session.Reply);
            }
        }

        Replies.AddRange(replies);
        return replies;
    }

    public List<string> Send(string text) => SendBytes(Encoding.UTF8.GetBytes(text));

    /// <summary>One command line; exactly one reply is expected.</summary>
    public string Line(string line)
    {
        List<string> replies = Send(line + "\n");
        return replies.Count == 1 ? replies[0] : throw new InvalidOperationException($"{replies.Count} replies to '{line}'");
    }

    /// <summary>Sends the PEM as a ca block and returns the reply to <c>ca end</c>.</summary>
    public string SendCa(string pem)
    {
        List<string> replies = Send("ca begin\n" + pem.TrimEnd('\n') + "\nca end\n");
        return replies[^1];
    }

    /// <summary>Sets every field <see cref="SettingsSamples.Complete"/> sets.</summary>
    public void SendComplete()
    {
        Line("set wifi.ssid Home Net");
        Line("set wifi.key " + SettingsSamples.WifiKey);
        Line("set mqtt.username dongle@tenant");
        Line("set mqtt.password " + SettingsSamples.MqttPassword);
        Line("set kaa.token " + SettingsSamples.KaaToken);
        Line("set kaa.app c0ffee-v1");
    }
}
