namespace EnergyLogger.Core.Modbus
{
    /// <summary>How one MODBUS transaction ended. Expected failures are statuses, never exceptions.</summary>
    public enum ModbusStatus
    {
        Ok,
        /// <summary>No reply byte within the response timeout.</summary>
        Timeout,
        /// <summary>A reply of the expected shape arrived with a wrong CRC.</summary>
        CrcError,
        /// <summary>A well-formed reply came from a slave other than the one asked.</summary>
        WrongSlave,
        /// <summary>A well-formed reply that does not answer the request (function, byte count or write echo).</summary>
        BadResponse,
        /// <summary>The slave answered with an exception; see the exception code.</summary>
        Exception,
        /// <summary>The reply started but stopped before its end (bus silence mid-frame).</summary>
        Truncated,
        /// <summary>The request itself was out of the protocol's limits; nothing was sent.</summary>
        InvalidRequest,
        /// <summary>The link failed (port gone, socket closed); nothing more can be said of the slave.</summary>
        LinkError,
        /// <summary>The slave is offline and not due for a probe, or the cycle budget is spent; nothing was sent.</summary>
        Skipped,
    }

    /// <summary>Short texts for logs and command results, a table so that they read the same on every runtime (an enum's ToString gives its number on nanoFramework).</summary>
    public static class ModbusStatusText
    {
        private static readonly string[] Texts =
        {
            "ok",
            "timeout",
            "CRC error",
            "reply from another slave",
            "bad response",
            "exception",
            "truncated reply",
            "invalid request",
            "link error",
            "skipped",
        };

        public static string Of(ModbusStatus status)
        {
            return Texts[(int)status];
        }
    }
}
