using EnergyLogger.Host.Samples;

namespace EnergyLogger.Host.Views;

/// <summary>Where the live view's samples come from: a bus read through a map, the demo's simulated inverter, or a broker.</summary>
internal interface ISampleSource : IDisposable
{
    /// <summary>What the view's header names: the inverter or the logger.</summary>
    string Title { get; }

    /// <summary>The next samples, waiting for them; empty when the source has ended or <paramref name="stop"/> was set.</summary>
    IReadOnlyList<SampleRecord> Next(CancellationToken stop);
}
