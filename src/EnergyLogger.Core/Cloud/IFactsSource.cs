namespace EnergyLogger.Core.Cloud
{
    /// <summary>The facts reported as metadata: the runtime makes them fresh for each publication.</summary>
    public interface IFactsSource
    {
        /// <summary>The facts of an endpoint (0 is the logger's own), or null when it has none.</summary>
        DeviceFacts Facts(int endpoint);
    }
}
