namespace EnergyLogger.Core.Runtime
{
    /// <summary>Why the previous run of the firmware ended, as the boot journal kept it.</summary>
    public enum ResetReason
    {
        /// <summary>No journal yet: the first start after flashing.</summary>
        FirstStart,
        /// <summary>The run ended without saying why (a power cut, a brown-out, an external watchdog reset, a crash), or the journal was unreadable.</summary>
        Unknown,
        /// <summary>The supervisor saw the main loop stall and restarted (RELIABILITY W1).</summary>
        Stall,
        /// <summary>The main loop threw; the message is kept as the detail.</summary>
        Fault,
        /// <summary>The cloud sent a reboot command.</summary>
        Command,
        /// <summary>Settings were applied on port 4242.</summary>
        Provisioned,
        /// <summary>A long press of the reset button wiped the credentials.</summary>
        FactoryReset,
        /// <summary>The updater staged a new image or rolled one back.</summary>
        Update,
        /// <summary>The provisioning access point opened or closed, which the ESP32 does only at the start of its Wi-Fi.</summary>
        AccessPoint,
        /// <summary>The logger was stopped on purpose (the host's Ctrl+C or SIGTERM): a clean end, not a failed boot.</summary>
        Stopped,
    }

    public static class ResetReasonText
    {
        private static readonly string[] Names = { "first-start", "unknown", "stall", "fault", "command", "provisioned", "factory-reset", "update", "access-point", "stopped" };

        public static string Of(ResetReason reason)
        {
            int i = (int)reason;
            return i >= 0 && i < Names.Length ? Names[i] : "unknown";
        }

        /// <summary>A restart or a stop someone asked for, which says nothing bad about the boot it ended.</summary>
        public static bool IsDeliberate(ResetReason reason)
        {
            return reason == ResetReason.Command || reason == ResetReason.Provisioned || reason == ResetReason.FactoryReset || reason == ResetReason.Update
                || reason == ResetReason.AccessPoint || reason == ResetReason.Stopped;
        }
    }
}
