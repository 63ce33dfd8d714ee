using System.Globalization;
using System.Text;
using EnergyLogger.Core.Ota;
using EnergyLogger.Core.Ports;
using EnergyLogger.Core.Tests.Cloud;
using EnergyLogger.Core.Tests.Fakes;
using EnergyLogger.Core.Tests.Ota;
using EnergyLogger.Host.Ota;
using EnergyLogger.Transcripts;

namespace EnergyLogger.Core.Tests.Transcripts;

/// <summary>
/// The world a transcript is recorded against, made of the suite's own fakes: scripted MODBUS slaves
/// (<see cref="SlaveImage"/> answered through <see cref="ReplyBuilder"/>, faults as <see cref="Reply"/> entries),
/// a broker that answers like Kaa (<see cref="FakeMqttSession"/> with <see cref="KaaResponder"/>), an update server
/// (<see cref="FakeUpdateServer"/>) and the release tool's package signer. Its script lines:
/// <code>
/// slave ID                              a slave that answers (exception 02 for any register it lacks)
/// regs ID holding|input ADDR V V ...    register values (decimal, or -N for a signed 16-bit value)
/// fill ID holding|input ADDR COUNT V    COUNT registers holding V
/// fault KIND [ARG] [xN]                 the next N requests: silent, crc, exception CODE, wrong-slave ID,
///                                       truncate BYTES, stall
/// broker down|up                        connects fail (or succeed again)
/// kaa dcx-error N                      the next N DCX batches answered with /error
/// kaa silent on|off                     Kaa answers nothing
/// http truncate N|off, http drop N, http down|up   the update server's copy, a drop mid-body, refusals
/// </code>
/// </summary>
internal sealed class LiveFeed : ITranscriptFeed
{
    private readonly VirtualClock _brokerClock = new();
    private readonly Dictionary<byte, SlaveImage> _slaves = new();
    private readonly Queue<Reply> _faults = new();
    private readonly FakeUpdateServer _server = new() { PieceLength = 4096 };
    private FakeMqttSession _session;
    private int _dcxErrors;

    public LiveFeed()
    {
        _session = NewSession(reachable: true);
    }

    public KaaResponder Kaa { get; } = new();

    public void World(string line)
    {
        string[] w = line.Split(' ');
        switch (w[0])
        {
            case "boot":
                // The board's MQTT client starts afresh; the broker and its knobs stay.
                _session = NewSession(_session.Reachable);
                break;
            case "slave":
                _slaves[byte.Parse(w[1], CultureInfo.InvariantCulture)] = new SlaveImage(byte.Parse(w[1], CultureInfo.InvariantCulture));
                break;
            case "regs":
                for (int i = 4; i < w.Length; i++)
                {
                    Table(w[1], w[2])[Int(w[3]) + i - 4] = unchecked((ushort)Int(w[i]));
                }

                break;
            case "fill":
                for (int i = 0; i < Int(w[4]); i++)
                {
                    Table(w[1], w[2])[Int(w[3]) + i] = unchecked((ushort)Int(w[5]));
                }

                break;
            case "fault":
                Fault(w);
                break;
            case "broker":
                _session.Reachable = w[1] == "up";
                break;
            case "kaa" when w[1] == "dcx-error":
                _dcxErrors = Int(w[2]);
                break;
            case "kaa" when w[1] == "silent":
                Kaa.Silent = w[2] == "on";
                break;
            case "http":
                Http(w);
                break;
            default:
                throw new ArgumentException("unknown script line: " + line);
        }
    }

    public string BusAnswer(byte[] request, int offset, int count)
    {
        Reply reply = _faults.Count > 0 ? _faults.Dequeue() : Reply.Normal;
        if (reply == StallReply)
        {
            return "stall";
        }

        byte[]? burst = ReplyBuilder.Burst(request.AsSpan(offset, count).ToArray(), reply, _slaves, tcp: false);
        return burst == null || burst.Length == 0 ? "silent" : TranscriptCodec.Hex(burst, 0, burst.Length);
    }

    public string Connect(MqttConnectOptions options)
    {
        MqttConnectResult result = _session.Connect(options);
        return result.IsAccepted ? "accepted" : TranscriptMqtt.StatusNames[(int)result.Status] + " " + result.Reason;
    }

    public void Subscribed(string filter) => _session.Subscribe(filter, MqttQos.AtLeastOnce);

    public void Published(string topic, byte[] payload, int offset, int count, MqttQos qos, bool retain, int messageId)
    {
        bool dcx = topic.Contains("/dcx/", StringComparison.Ordinal);
        Kaa.DcxErrors = dcx && _dcxErrors > 0;
        _dcxErrors -= dcx && _dcxErrors > 0 ? 1 : 0;
        int id = _session.Publish(topic, payload, offset, count, qos, retain);
        if (id != messageId)
        {
            throw new InvalidOperationException($"the broker numbered a publish {id}, the transcript's session {messageId}");
        }
    }

    public string? NextMqttEvent()
    {
        var e = new MqttEvent();
        if (!_session.Poll(e))
        {
            return null;
        }

        return e.Kind switch
        {
            MqttEventKind.Acknowledged => "ack " + e.MessageId.ToString(CultureInfo.InvariantCulture),
            MqttEventKind.Message => ("msg " + e.Topic + " " + TranscriptCodec.Payload(e.Payload, 0, e.PayloadLength)).TrimEnd(),
            _ => "lost " + e.Reason,
        };
    }

    public void Disconnected() => _session.Disconnect();

    public void Push(string topic, byte[] payload) => _session.Push(topic, Encoding.UTF8.GetString(payload));

    public void Drop(string reason) => _session.Drop(reason);

    public void Serve(string url, byte[] content) => _server.Put(url, content);

    public string HttpOpen(string url, int offset) =>
        _server.Open(url, offset, out int total) == DownloadStatus.Ok ? "ok " + total.ToString(CultureInfo.InvariantCulture) : "failed";

    public string HttpRead(int count)
    {
        var buffer = new byte[count];
        return _server.Read(buffer, 0, count, out int received) switch
        {
            DownloadStatus.Ok => "data " + received.ToString(CultureInfo.InvariantCulture),
            DownloadStatus.End => "end",
            _ => "failed",
        };
    }

    public void HttpClose() => _server.Close();

    /// <summary>version=.. min=.. target=.. image=BYTES [seed=N], signed with the transcripts' release key.</summary>
    public string Package(string recipe)
    {
        Dictionary<string, string> r = recipe.Split(' ').Select(p => p.Split('=')).ToDictionary(p => p[0], p => p[1]);
        byte[] image = TestPackages.Image(Int(r["image"]), r.TryGetValue("seed", out string? seed) ? Int(seed) : 1);
        byte[] manifest = PackageSigner.Manifest(SemanticVersion.Parse(r["version"]), SemanticVersion.Parse(r["min"]), r["target"], image);
        byte[] package = PackageSigner.Sign(TestPackages.Key(OtaKey.Seed), manifest, image);
        return TranscriptCodec.Hex(package, 0, package.Length);
    }

    private static readonly Reply StallReply = new();

    private FakeMqttSession NewSession(bool reachable) => new(_brokerClock) { Reachable = reachable, Responder = Kaa.Answer };

    private Dictionary<int, ushort> Table(string slave, string table)
    {
        SlaveImage image = _slaves[byte.Parse(slave, CultureInfo.InvariantCulture)];
        return table switch
        {
            "holding" => image.Holding,
            "input" => image.Input,
            _ => throw new ArgumentException("registers are holding or input, not " + table),
        };
    }

    private void Fault(string[] w)
    {
        int times = w[^1].StartsWith('x') ? Int(w[^1][1..]) : 1;
        string arg = w.Length > 2 && !w[2].StartsWith('x') ? w[2] : "";
        Reply reply = w[1] switch
        {
            "silent" => Reply.Silence,
            "crc" => new Reply { FlipCrc = true },
            "exception" => new Reply { ExceptionCode = (byte)Int(arg) },
            "wrong-slave" => new Reply { FromSlave = (byte)Int(arg) },
            "truncate" => new Reply { TruncateAt = Int(arg) },
            "stall" => StallReply,
            _ => throw new ArgumentException("unknown fault " + w[1]),
        };
        for (int i = 0; i < times; i++)
        {
            _faults.Enqueue(reply);
        }
    }

    private void Http(string[] w)
    {
        switch (w[1])
        {
            case "truncate":
                _server.TruncateTo = w[2] == "off" ? -1 : Int(w[2]);
                break;
            case "drop":
                _server.DropAt = Int(w[2]);
                break;
            case "down":
                _server.Unreachable = true;
                break;
            case "up":
                _server.Unreachable = false;
                break;
            default:
                throw new ArgumentException("unknown http line " + w[1]);
        }
    }

    private static int Int(string text) => int.Parse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
}
