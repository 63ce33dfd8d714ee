using System.Text;
using EnergyLogger.Core.Ports;

namespace EnergyLogger.Core.Tests.Fakes;

/// <summary>An InfluxDB write API that answers each post with the next scripted status (200 when the script is empty), one poll after it started.</summary>
public sealed class ScriptedPost : IHttpPost
{
    private bool _busy;

    public Queue<int> Statuses { get; } = new();

    public List<string> Bodies { get; } = new();

    public List<string> Urls { get; } = new();

    public List<string?> Authorizations { get; } = new();

    public bool Start(string url, string authorization, byte[] body, int length)
    {
        Urls.Add(url);
        Authorizations.Add(authorization);
        Bodies.Add(Encoding.UTF8.GetString(body, 0, length));
        _busy = true;
        return true;
    }

    public int Poll()
    {
        if (!_busy)
        {
            return 0;
        }

        _busy = false;
        return Statuses.Count > 0 ? Statuses.Dequeue() : 200;
    }
}
