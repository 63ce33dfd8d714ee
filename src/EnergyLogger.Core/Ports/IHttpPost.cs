namespace EnergyLogger.Core.Ports
{
    /// <summary>
    /// One HTTP POST at a time (the InfluxDB write API), started by the main loop and finished in the background, so
    /// that a slow or absent server never holds up a poll cycle. Core names the endpoint with each post, so that a new
    /// destination takes over at the next post; the adapter owns the transport (TLS, timeouts).
    /// </summary>
    public interface IHttpPost
    {
        /// <summary>
        /// Starts posting the first <paramref name="length"/> bytes of <paramref name="body"/> (copied) to <paramref name="url"/>,
        /// with the header <c>Authorization: <paramref name="authorization"/></c> unless it is null; false while one is in flight.
        /// </summary>
        bool Start(string url, string authorization, byte[] body, int length);

        /// <summary>0 while the post is in flight; then its HTTP status once, or -1 when it failed without one (refused, timeout).</summary>
        int Poll();
    }
}
