using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using EnergyLogger.Core.Ports;
using EnergyLogger.Host.Mqtt;

namespace EnergyLogger.Integration.Tests.Cloud;

/// <summary>
/// Plays the Kaa server on a real broker: subscribes to <c>kp1/#</c>, checks every request against the payload
/// shapes of the reference (A.3) and answers it on /status as KPC would. It can push configs and commands.
/// Everything it saw and every shape violation is recorded.
/// </summary>
public sealed class KaaLikeResponder : IDisposable
{
    private static readonly Regex Request = new(@"^kp1/(?<app>[^/]+)/(?<ext>[a-z_]+)/(?<token>[^/]+)/(?<path>.+?)(/(?<rid>\d+))?$", RegexOptions.Compiled);
    private static readonly Regex MetadataKey = new("^[a-zA-Z0-9_]+$", RegexOptions.Compiled);

    private readonly MqttNetSession _client = SessionDriver.NewClient();
    private readonly MqttConnectOptions _options;
    private readonly Thread _thread;
    private volatile bool _stop;

    public KaaLikeResponder(MosquittoBroker broker, int port)
    {
        _options = SessionDriver.Options(broker, port, "kaa-like-responder");
        _thread = new Thread(Loop) { IsBackground = true, Name = "kaa-like-responder" };
        _thread.Start();
        WaitUntil(() => Ready, TimeSpan.FromSeconds(10));
    }

    public volatile bool Ready;

    /// <summary>Every DCX sample received on a request that got /status, in arrival order (duplicates kept).</summary>
    public ConcurrentQueue<JsonElement> Samples { get; } = new();

    public ConcurrentQueue<(string Topic, string Payload)> Requests { get; } = new();

    public ConcurrentQueue<string> Violations { get; } = new();

    public IEnumerable<(string Topic, string Payload)> On(string ext) => Requests.Where(r => r.Topic.Contains("/" + ext + "/", StringComparison.Ordinal));

    public void Publish(string topic, string payload)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(payload);
        lock (_client)
        {
            _client.Publish(topic, bytes, 0, bytes.Length, MqttQos.AtLeastOnce, false);
        }
    }

    private static int _diagnosticsId = 100;

    /// <summary>Asks the logger for its counters with the get_diagnostics command; its payload, or null when no answer came.</summary>
    public JsonElement? Diagnostics(string app, string token, TimeSpan limit)
    {
        int id = Interlocked.Increment(ref _diagnosticsId);
        Publish("kp1/" + app + "/cex/" + token + "/command/get_diagnostics/status", "[{\"id\":" + id + ",\"payload\":{}}]");
        string? payload = null;
        if (!WaitUntil(() => (payload = On("cex").Select(r => r.Payload).LastOrDefault(p => p.Contains("\"id\":" + id + ","))) is not null, limit))
        {
            return null;
        }

        return JsonDocument.Parse(payload!).RootElement[0].GetProperty("payload").Clone();
    }

    public static bool WaitUntil(Func<bool> condition, TimeSpan limit)
    {
        DateTime end = DateTime.UtcNow + limit;
        while (DateTime.UtcNow < end)
        {
            if (condition())
            {
                return true;
            }

            Thread.Sleep(20);
        }

        return condition();
    }

    public void Dispose()
    {
        _stop = true;
        _thread.Join(5000);
        _client.Dispose();
    }

    private void Loop()
    {
        var e = new MqttEvent();
        while (!_stop)
        {
            if (!_client.IsConnected && !Reconnect())
            {
                Thread.Sleep(100);
                continue;
            }

            bool got;
            lock (_client)
            {
                got = _client.Poll(e);
            }

            if (!got)
            {
                Thread.Sleep(2);
                continue;
            }

            if (e.Kind == MqttEventKind.Message)
            {
                Handle(e.Topic!, Encoding.UTF8.GetString(e.Payload, 0, e.PayloadLength));
            }
        }
    }

    private bool Reconnect()
    {
        lock (_client)
        {
            if (!_client.Connect(_options).IsAccepted)
            {
                return false;
            }

            _client.Subscribe("kp1/#", MqttQos.AtLeastOnce);
        }

        // A round trip proves the subscription is active before anyone relies on it.
        Publish("kp1/probe", "ready");
        Ready = true;
        return true;
    }

    private void Handle(string topic, string payload)
    {
        if (topic == "kp1/probe" || topic.EndsWith("/status", StringComparison.Ordinal) || topic.EndsWith("/error", StringComparison.Ordinal))
        {
            return;
        }

        Match m = Request.Match(topic);
        if (!m.Success)
        {
            Violations.Enqueue("not a KP topic: " + topic);
            return;
        }

        Requests.Enqueue((topic, payload));
        string ext = m.Groups["ext"].Value;
        string path = m.Groups["path"].Value;
        bool numbered = m.Groups["rid"].Success;
        string? answer = Check(ext, path, payload, topic);
        if (numbered && answer is not null)
        {
            Publish(topic + "/status", answer);
        }
    }

    /// <summary>The /status body for a well-formed request, or null after recording why it is not.</summary>
    private string? Check(string ext, string path, string payload, string topic)
    {
        JsonElement root;
        try
        {
            root = JsonDocument.Parse(payload).RootElement;
        }
        catch (JsonException)
        {
            Violations.Enqueue("not JSON: " + topic);
            return null;
        }

        switch (ext, path)
        {
            case ("dcx", "json"):
                if (root.ValueKind != JsonValueKind.Array || root.GetArrayLength() == 0 || root.EnumerateArray().Any(s => s.ValueKind != JsonValueKind.Object))
                {
                    return Violation("DCX batch must be a non-empty array of objects (RFC 2)", topic);
                }

                foreach (JsonElement sample in root.EnumerateArray())
                {
                    Samples.Enqueue(sample.Clone());
                }

                return "";
            case ("epmx", "update/keys"):
                if (root.ValueKind != JsonValueKind.Object || !root.EnumerateObject().Any() || root.EnumerateObject().Any(p => !MetadataKey.IsMatch(p.Name)))
                {
                    return Violation("EPMX update/keys needs an object with at least one key matching ^[a-zA-Z0-9_]+$ (RFC 10)", topic);
                }

                return "";
            case ("cmx" or "cmx_ota", "config/json"):
                if (root.ValueKind != JsonValueKind.Object || root.EnumerateObject().Any(p => p.Name is not ("configId" or "observe"))
                    || (root.TryGetProperty("observe", out JsonElement o) && o.ValueKind is not (JsonValueKind.True or JsonValueKind.False)))
                {
                    return Violation("config request must be {configId?, observe?} (RFC 7)", topic);
                }

                return "{}";
            case ("cmx" or "cmx_ota", "applied/json"):
                if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("configId", out JsonElement id) || id.ValueKind != JsonValueKind.String
                    || (root.TryGetProperty("statusCode", out JsonElement code) && code.GetInt32() >= 300 && !root.TryGetProperty("reasonPhrase", out _)))
                {
                    return Violation("applied must carry configId and, on failure, reasonPhrase (RFC 7)", topic);
                }

                return "";
            case ("cex", _) when path.StartsWith("command/", StringComparison.Ordinal):
                return root.ValueKind == JsonValueKind.Object ? "[]" : Violation("command observe must be an object (RFC 11)", topic);
            case ("cex", _) when path.StartsWith("result/", StringComparison.Ordinal):
                if (root.ValueKind != JsonValueKind.Array || root.EnumerateArray().Any(r => !r.TryGetProperty("id", out _) || !r.TryGetProperty("statusCode", out _)))
                {
                    return Violation("command result must be an array of {id, statusCode, ...} (reference A.3 CEX)", topic);
                }

                return "";
            default:
                return Violation("unexpected request", topic);
        }
    }

    private string? Violation(string what, string topic)
    {
        Violations.Enqueue(what + ": " + topic);
        return null;
    }
}
