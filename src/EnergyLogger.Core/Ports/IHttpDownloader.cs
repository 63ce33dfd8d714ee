namespace EnergyLogger.Core.Ports
{
    /// <summary>What a download call came back with. The end of the body is a result, not a zero.</summary>
    public enum DownloadStatus
    {
        Ok,

        /// <summary>The body is complete; nothing more will arrive.</summary>
        End,

        /// <summary>Connection, TLS (the configured CA did not vouch for the server), HTTP status or timeout.</summary>
        Failed,
    }

    /// <summary>
    /// A ranged HTTPS GET read into the caller's buffer: one open body at a time, so that a 1.5 MB package
    /// never needs 1.5 MB of RAM. HttpClient with the configured CA on the device and on the host.
    /// </summary>
    public interface IHttpDownloader
    {
        /// <summary>
        /// Starts GET <paramref name="url"/> with the body beginning at byte <paramref name="offset"/> (HTTP Range,
        /// RFC 9110 14.2) and gives the length of the whole resource, or -1 when the server does not say
        /// (a chunked page). Closes any body still open.
        /// </summary>
        DownloadStatus Open(string url, int offset, out int totalLength);

        /// <summary>Waits (bounded by the adapter's timeout) for the next bytes of the body; up to <paramref name="count"/>.</summary>
        DownloadStatus Read(byte[] buffer, int offset, int count, out int received);

        /// <summary>Ends the body and releases the connection. Safe to call when nothing is open.</summary>
        void Close();
    }
}
