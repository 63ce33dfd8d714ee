namespace EnergyLogger.Core.Ports
{
    /// <summary>
    /// One HTTP POST at a time to a fixed endpoint (the InfluxDB write API), started by the main loop and finished in the
    /// background, so that a slow or absent server never holds up a poll cycle. The adapter knows the URL and the
    /// credentials; Core only hands it bodies.
    /// </summary>
    public interface IHttpPost
    {
        /// <summary>Starts posting the first <paramref name="length"/> bytes of <paramref name="body"/> (copied); false while one is in flight.</summary>
        bool Start(byte[] body, int length);

        /// <summary>0 while the post is in flight; then its HTTP status once, or -1 when it failed without one (refused, timeout).</summary>
        int Poll();
    }
}
