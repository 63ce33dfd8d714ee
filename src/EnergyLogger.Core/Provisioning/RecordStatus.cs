namespace EnergyLogger.Core.Provisioning
{
    /// <summary>What reading one stored settings record found (RELIABILITY S1).</summary>
    public enum RecordStatus
    {
        Ok,
        /// <summary>A zero-length file: created, never written.</summary>
        Empty,
        /// <summary>Shorter than its header says: a write that stopped part-way.</summary>
        Truncated,
        /// <summary>Not a settings record at all.</summary>
        BadMagic,
        /// <summary>A record layout this firmware cannot read.</summary>
        UnknownVersion,
        /// <summary>The bytes changed after they were written.</summary>
        BadCrc,
        /// <summary>The CRC holds but the entries do not add up (overrun, duplicate tag, trailing bytes).</summary>
        Malformed,
        /// <summary>A value that is not UTF-8 or that its field's rule refuses.</summary>
        InvalidValue,
    }

    /// <summary>The statuses as words for the log (Enum.ToString gives a number on nanoFramework).</summary>
    public static class RecordStatusText
    {
        private static readonly string[] Names = { "ok", "empty", "truncated", "bad-magic", "unknown-version", "bad-crc", "malformed", "invalid-value" };

        public static string Of(RecordStatus status)
        {
            int i = (int)status;
            return i >= 0 && i < Names.Length ? Names[i] : "unknown";
        }
    }
}
