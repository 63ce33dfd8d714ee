using System.Net.Sockets;
using System.Text;
using EnergyLogger.Core.Provisioning;
using EnergyLogger.Host.Provisioning;
using Xunit;

namespace EnergyLogger.Integration.Tests.Provisioning;

/// <summary>The port-4242 listener over real sockets: a raw nc-style client, RELIABILITY P1 and P3.</summary>
public sealed class ListenerTests
{
    private const string WifiKey = "raw-socket-wifi-key";
    private const string Password = "raw-socket-password";
    private const string Token = "raw-socket-token";

    [Fact]
    public void RawSocket_FullProvisioning_StoresSettingsAndRequestsReboot()
    {
        using var harness = new ListenerHarness();
        using var client = new RawClient(harness.Port);

        Assert.Equal(ProvisioningSession.Greeting, client.ReadLine());
        // Mixed line ends, as different terminals send them.
        Assert.Equal("ok wifi.ssid set", client.Command("set wifi.ssid Shed AP", "\r\n"));
        Assert.Equal("ok wifi.key set", client.Command("set wifi.key " + WifiKey, "\r"));
        Assert.Equal("ok mqtt.host set", client.Command("set mqtt.host 127.0.0.1"));
        Assert.Equal("ok mqtt.port set", client.Command("set mqtt.port 1883"));
        Assert.Equal("ok mqtt.tls set", client.Command("set mqtt.tls off"));
        Assert.Equal("ok mqtt.username set", client.Command("set mqtt.username logger"));
        Assert.Equal("ok mqtt.password set", client.Command("set mqtt.password " + Password));
        Assert.Equal("ok kaa.token set", client.Command("set kaa.token " + Token));
        Assert.Equal("ok kaa.app set", client.Command("set kaa.app app-v1"));
        Assert.Equal("ok serial.baud set", client.Command("set serial.baud 19200"));
        Assert.Equal("ok ready to apply", client.Command("check"));
        Assert.Equal("ok applied as record 1; rebooting into station mode", client.Command("apply"));
        Assert.True(client.ServerClosed());

        DeviceSettings stored = harness.Stored(out SettingsSource source);
        Assert.Equal(SettingsSource.Current, source);
        Assert.Equal(("Shed AP", WifiKey, "127.0.0.1", 1883, false), (stored.WifiSsid, stored.WifiKey, stored.MqttHost, stored.MqttPort, stored.MqttTls));
        Assert.Equal((Password, Token, 19200), (stored.MqttPassword, stored.KaaToken, stored.SerialBaud));
        WaitFor(() => harness.RebootRequests == 1);
        Assert.Equal(1, harness.Listener.Counters.Applied);
    }

    /// <summary>
    /// A client that goes on sending after the apply that ends the session (a script piped in slower than it is
    /// answered): the listener reads that away before it closes, so the client gets the farewell and a plain end of
    /// stream, never a reset, which can destroy the farewell still on its way or in the client's buffers.
    /// </summary>
    [Fact]
    public void RawSocket_LinesSentPastTheApply_FarewellThenACloseWithoutReset()
    {
        var linger = TimeSpan.FromMilliseconds(500);
        using var harness = new ListenerHarness(new ProvisioningListenerOptions { Linger = linger });
        using var client = new RawClient(harness.Port);
        client.ReadLine();
        foreach (string line in new[] { "set wifi.ssid Shed", "set wifi.key " + WifiKey, "set mqtt.host 127.0.0.1", "set kaa.token " + Token, "set kaa.app app-v1" })
        {
            client.Command(line);
        }

        Assert.Equal("ok applied as record 1; rebooting into station mode", client.Command("apply"));
        client.Write("status\nstatus\n");

        Assert.True(client.ServerClosed());
        Thread.Sleep(linger * 2);
        Assert.Equal(0, (int)client.Socket.GetSocketOption(SocketOptionLevel.Socket, SocketOptionName.Error)!);
        WaitFor(() => harness.RebootRequests == 1);
    }

    [Fact]
    public void RawSocket_SecretsAreNeverInAnyReply()
    {
        using var harness = new ListenerHarness();
        using var client = new RawClient(harness.Port);
        client.ReadLine();

        client.Command("set wifi.key " + WifiKey);
        client.Command("set mqtt.password " + Password);
        client.Command("set kaa.token " + Token);
        client.Command("get wifi.key");
        client.Command("status");
        client.Command(WifiKey);
        client.Command("set " + Password);
        client.Command("set wifi.key " + WifiKey + "\u00e9");
        client.Command("check");
        client.Command("apply");

        Assert.Equal(11, client.Received.Count);
        Assert.Contains("wifi.key=(set) ", client.Received[5]);
        foreach (string secret in new[] { WifiKey, Password, Token })
        {
            Assert.DoesNotContain(client.Received, line => line.Contains(secret, StringComparison.Ordinal));
        }
    }

    [Fact]
    public void P1_OneMegabyteWithoutNewline_RejectedAtTheCapClosedAndListenerStaysUp()
    {
        using var harness = new ListenerHarness();
        using (var flood = new RawClient(harness.Port))
        {
            flood.ReadLine();
            byte[] megabyte = Encoding.ASCII.GetBytes(new string('A', 1 << 20));
            var sender = Task.Run(() =>
            {
                try
                {
                    flood.Write(megabyte);
                }
                catch (IOException)
                {
                    // The listener closed the connection long before the megabyte was through.
                }
            });

            Assert.Equal("error line: longer than 4096 bytes; closing", flood.ReadLine());
            Assert.True(flood.ServerClosed());
            Assert.True(sender.Wait(TimeSpan.FromSeconds(10)));
        }

        WaitFor(() => harness.Listener.Counters.ClosedLineTooLong == 1);
        Assert.Equal(SettingsLimits.LineBytes, harness.Listener.Counters.LargestBuffered);
        Assert.Empty(harness.Files());

        using var next = new RawClient(harness.Port);
        Assert.Equal(ProvisioningSession.Greeting, next.ReadLine());
        Assert.StartsWith("ok stored=none", next.Command("status"));
    }

    [Fact]
    public void P2_BadValuesOverTheWire_OneErrorEachAndStoredSettingsUnchanged()
    {
        using var harness = new ListenerHarness();
        using (var first = new RawClient(harness.Port))
        {
            first.ReadLine();
            first.Command("set wifi.ssid Barn");
            first.Command("set kaa.token t0k");
            first.Command("set kaa.app a1");
            Assert.StartsWith("ok applied", first.Command("apply"));
        }

        Dictionary<string, byte[]> before = harness.Files();
        using var client = new RawClient(harness.Port);
        client.ReadLine();

        Assert.Equal("error wifi.ssid: longer than 32 bytes", client.Command("set wifi.ssid " + new string('x', 33)));
        Assert.StartsWith("error wifi.key: must be 8 to 63", client.Command("set wifi.key 1234567"));
        Assert.Equal("error mqtt.port: must be a whole number from 1 to 65535", client.Command("set mqtt.port 0"));
        Assert.Equal("error field: unknown name; help lists the fields", client.Command("set wifi.channel 6"));
        client.Write([0x73, 0x65, 0x74, 0x20, 0xFF, 0x0A]);
        Assert.Equal("error line: not valid UTF-8", client.ReadLine());
        Assert.Equal(
            "error wifi.ssid: last value refused: longer than 32 bytes; wifi.key: last value refused: must be 8 to 63 printable ASCII characters, " +
            "64 hex digits, or cleared for an open network; mqtt.port: last value refused: must be a whole number from 1 to 65535",
            client.Command("apply"));

        Assert.Equal(before.Keys, harness.Files().Keys);
        Assert.All(before, file => Assert.Equal(file.Value, harness.Files()[file.Key]));
        Assert.Equal("Barn", harness.Stored(out _).WifiSsid);
    }

    [Fact]
    public void P3_TwentyParallelConnections_TwoServedRestToldBusyListenerUnaffected()
    {
        using var harness = new ListenerHarness(new ProvisioningListenerOptions { MaxSessions = 2, IdleTimeout = TimeSpan.FromSeconds(30) });
        var clients = new List<RawClient>();
        try
        {
            Parallel.For(0, 20, _ =>
            {
                var client = new RawClient(harness.Port);
                client.ReadLine();
                lock (clients)
                {
                    clients.Add(client);
                }
            });

            string[] greetings = clients.Select(c => c.Received[0]).ToArray();
            Assert.Equal(2, greetings.Count(g => g == ProvisioningSession.Greeting));
            Assert.Equal(18, greetings.Count(g => g == "error busy: 2 sessions are open; try again later"));
            Assert.All(clients.Where(c => c.Received[0].StartsWith("error busy", StringComparison.Ordinal)), c => Assert.True(c.ServerClosed()));
            Assert.Equal((2, 18), (harness.Listener.Counters.Accepted, harness.Listener.Counters.Refused));

            // The two served sessions still work while the others were turned away.
            Assert.All(clients.Where(c => c.Received[0] == ProvisioningSession.Greeting), c => Assert.StartsWith("ok stored=none", c.Command("status")));
        }
        finally
        {
            clients.ForEach(c => c.Dispose());
        }

        WaitFor(() => harness.Listener.ActiveSessions == 0);
        using var later = new RawClient(harness.Port);
        Assert.Equal(ProvisioningSession.Greeting, later.ReadLine());
    }

    [Fact]
    public void P3_SlowClientOneByteAtATime_ClosedAtIdleTimeoutWhileOthersAreServed()
    {
        var options = new ProvisioningListenerOptions { IdleTimeout = TimeSpan.FromSeconds(1), Tick = TimeSpan.FromMilliseconds(50) };
        using var harness = new ListenerHarness(options);
        using var slow = new RawClient(harness.Port);
        slow.ReadLine();
        var trickle = Task.Run(() =>
        {
            try
            {
                foreach (byte b in "status"u8.ToArray().Concat(Enumerable.Repeat((byte)' ', 100)))
                {
                    slow.Write([b]);
                    Thread.Sleep(100);
                }
            }
            catch (IOException)
            {
                // Cut off, as intended.
            }
        });

        using (var other = new RawClient(harness.Port))
        {
            other.ReadLine();
            Assert.StartsWith("ok stored=none", other.Command("status"));
        }

        Assert.Equal("error idle: no command for 1 s; closing", slow.ReadLine());
        Assert.True(slow.ServerClosed());
        WaitFor(() => harness.Listener.Counters.ClosedIdle == 1);
        trickle.Wait(TimeSpan.FromSeconds(15));
    }

    [Fact]
    public void Dispose_WithOpenSessions_StopsEverything()
    {
        var harness = new ListenerHarness();
        using var client = new RawClient(harness.Port);
        client.ReadLine();

        harness.Dispose();

        Assert.True(client.ServerClosed());
        Assert.Equal(0, harness.Listener.ActiveSessions);
    }

    private static void WaitFor(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "condition not reached within 10 s");
            Thread.Sleep(10);
        }
    }
}
