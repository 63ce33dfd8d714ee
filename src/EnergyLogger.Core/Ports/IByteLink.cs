namespace EnergyLogger.Core.Ports
{
    /// <summary>What a read on a byte link came back with. A timeout is a result, not a zero.</summary>
    public enum LinkStatus
    {
        Ok,
        Timeout,
        /// <summary>The medium failed or closed (port unplugged, TCP reset); the owner may reopen it.</summary>
        Error,
    }

    /// <summary>
    /// A byte pipe to the field bus: an RS-485 UART on the device, a tty/pty or a TCP socket on the host.
    /// It knows nothing of MODBUS framing; the master does that.
    /// </summary>
    public interface IByteLink
    {
        /// <summary>Sends the bytes and returns once they are handed to the medium.</summary>
        LinkStatus Write(byte[] buffer, int offset, int count);

        /// <summary>
        /// Waits up to <paramref name="timeoutMs"/> for at least one byte and returns what has arrived,
        /// at most <paramref name="count"/> bytes. <paramref name="received"/> is 0 unless the status is Ok.
        /// </summary>
        LinkStatus Read(byte[] buffer, int offset, int count, int timeoutMs, out int received);

        /// <summary>Drops whatever input is already buffered (a late reply, line noise).</summary>
        void DiscardInput();
    }
}
