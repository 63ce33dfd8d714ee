using EnergyLogger.Host.Samples;
using EnergyLogger.Host.Uplink;

namespace EnergyLogger.Host.Views;

/// <summary>
/// A logger's samples from a broker: its <c>{prefix}/telemetry</c> batches (backlog included) and its retained
/// <c>{prefix}/state</c>, so the view starts with the latest sample at once. The same sample on both arrives twice;
/// the day keeps it once by <c>seq</c>.
/// </summary>
internal sealed class BrokerSource(BrokerFollower follower, string prefix) : ISampleSource
{
    public string Title => prefix;

    public static string[] Filters(string prefix) => [$"{prefix}/telemetry", $"{prefix}/state"];

    public IReadOnlyList<SampleRecord> Next(CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            BrokerMessage? message = follower.Next(1000, stop);
            if (message is not null && SampleRecord.ParseMessage(message.Payload, out _) is { Count: > 0 } samples)
            {
                return samples;
            }
        }

        return [];
    }

    public void Dispose() => follower.Dispose();
}
