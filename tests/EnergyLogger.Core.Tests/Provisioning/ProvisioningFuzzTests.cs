using System.Text;
using EnergyLogger.Core.Provisioning;
using EnergyLogger.Core.Tests.Fakes;
using Xunit;

namespace EnergyLogger.Core.Tests.Provisioning;

/// <summary>
/// Seeded mutation loop over the port-4242 codec (RELIABILITY "Fuzzing"), the verbs of the label included: every
/// reply is one <c>ok</c> or <c>error</c> line, nothing throws, no line is held past the cap, the code and the secrets
/// never come back, and the lockout shared by the sessions stays within its bounds.
/// </summary>
public class ProvisioningFuzzTests
{
    private static readonly string[] Seeds =
    [
        "auth " + LabelSamples.Pop,
        "auth K7M2-X9P4-TR8X",
        "auth",
        "help",
        "status",
        "get ap.key",
        "get ap.pop",
        "set ap.pop " + LabelSamples.Pop,
        "clear ap.key",
        "set wifi.ssid Home Net",
        "set wifi.key " + SettingsSamples.WifiKey,
        "set kaa.token " + SettingsSamples.KaaToken,
        "set kaa.app c0ffee-v1",
        "set mqtt.port 1883",
        "ca begin",
        "-----BEGIN CERTIFICATE-----",
        "MAMCAQA=",
        "-----END CERTIFICATE-----",
        "ca end",
        "ca abort",
        "check",
        "apply",
        "discard",
        "quit",
        "# comment",
        "",
    ];

    private static readonly string[] Fragments = [" ", "\r", "\n", "\r\n", "\0", "\t", "\u00e9", "\u00ff", "auth ", "set ", "ap.", "#", "\u007f"];

    [Theory]
    [InlineData(20260301, true)]
    [InlineData(4242, false)]
    public void Session_SeededMutations_OnlyOkOrErrorLinesAndNoSecretComesBack(int seed, bool withCode)
    {
        var random = new Random(seed);
        var clock = new VirtualClock(1_000);
        var store = new PowerCutFileStore();
        AuthGate gate = withCode ? LabelSamples.Gate(clock) : new AuthGate(new DeviceLabel(), clock);
        string[] secrets = [LabelSamples.Pop, LabelSamples.ApKey, SettingsSamples.WifiKey, SettingsSamples.KaaToken];
        var replies = new List<string>();
        var ends = new HashSet<SessionEnd>();
        SessionDriver client = new(store, clock, gate);
        replies.Add(client.Welcome);
        for (int i = 0; i < 6000; i++)
        {
            if (!client.Session.IsOpen || random.Next(200) == 0)
            {
                ends.Add(client.Session.End);
                clock.Advance(random.Next(4) == 0 ? random.Next(AuthGate.LockoutMs) : random.Next(2000));
                client = new SessionDriver(store, clock, gate);
                replies.Add(client.Welcome);
            }

            byte[] input = Mutate(random, Encoding.UTF8.GetBytes(Seeds[random.Next(Seeds.Length)] + "\r\n"));
            int before = client.Replies.Count;
            FeedInChunks(random, client.Session, input, client.Replies);
            replies.AddRange(client.Replies.Skip(before));

            Assert.InRange(client.Session.Buffered, 0, SettingsLimits.LineBytes);
            Assert.InRange(gate.FailuresLeft, 1, AuthGate.MaxFailures);
            Assert.InRange(gate.LockedForMs(), 0, AuthGate.LockoutMs);
        }

        Assert.All(replies, r => Assert.True(r.StartsWith("ok ", StringComparison.Ordinal) || r.StartsWith("error ", StringComparison.Ordinal), r));
        Assert.All(replies, r => Assert.DoesNotContain(secrets, s => r.Contains(s, StringComparison.Ordinal)));

        // The loop reaches the lockout and the session's other ends, not only the happy path.
        Assert.Contains(SessionEnd.Quit, ends);
        if (withCode)
        {
            Assert.Contains(SessionEnd.Locked, ends);
            Assert.Contains(replies, r => r.StartsWith("ok auth: accepted", StringComparison.Ordinal));
        }
    }

    private static void FeedInChunks(Random random, ProvisioningSession session, byte[] input, List<string> replies)
    {
        int offset = 0;
        while (offset < input.Length && session.IsOpen)
        {
            int chunk = 1 + random.Next(input.Length - offset);
            int used = 0;
            while (used < chunk && session.IsOpen)
            {
                used += session.Receive(input, offset + used, chunk - used);
                if (session.Reply is not null)
                {
                    replies.Add(session.Reply);
                }
            }

            offset += used;
        }
    }

    private static byte[] Mutate(Random random, byte[] seed)
    {
        var bytes = new List<byte>(seed);
        int edits = random.Next(4);
        for (int e = 0; e < edits; e++)
        {
            int at = random.Next(bytes.Count + 1);
            switch (random.Next(4))
            {
                case 0 when bytes.Count > 0:
                    bytes.RemoveAt(Math.Min(at, bytes.Count - 1));
                    break;
                case 1 when bytes.Count > 0:
                    bytes[Math.Min(at, bytes.Count - 1)] ^= (byte)(1 << random.Next(8));
                    break;
                case 2:
                    bytes.InsertRange(at, Encoding.UTF8.GetBytes(Fragments[random.Next(Fragments.Length)]));
                    break;
                default:
                    bytes.InsertRange(at, Enumerable.Repeat((byte)random.Next(256), random.Next(1, 6)));
                    break;
            }
        }

        return [.. bytes];
    }
}
