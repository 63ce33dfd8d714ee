namespace EnergyLogger.Core.Ports
{
    /// <summary>
    /// Sees each sample as the poll cycle stores it, whether or not the cloud is reachable: on the host, the daily CSV
    /// log of <c>energylogger run --csv-dir</c>. Called on the loop's thread; an implementation keeps it short and
    /// throws nothing. The board has none.
    /// </summary>
    public interface ISampleTap
    {
        /// <summary>The sample of one endpoint group as published (docs/telemetry-schema.md); the bytes are valid during the call only.</summary>
        void Take(int endpointGroup, byte[] json, int length);
    }
}
