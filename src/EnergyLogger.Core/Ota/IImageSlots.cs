namespace EnergyLogger.Core.Ota
{
    /// <summary>What the last finished update came to, kept across reboots until it has been reported.</summary>
    public enum SlotOutcome
    {
        None,
        Applied,
        RolledBack,
    }

    /// <summary>
    /// Two application image slots with test-and-confirm semantics, after MCUboot's swap upgrades: a new
    /// package is staged in the inactive slot, marked pending, booted on trial, and either confirmed or
    /// rolled back; an image that never confirms is rolled back by the loader. Files on I:\ today
    /// (FileImageSlots); nanoFramework's In-Field Update can implement the same port when it ships for the
    /// ESP32-S3. Failures are results, never exceptions.
    /// </summary>
    public interface IImageSlots
    {
        /// <summary>The largest package one slot holds, in bytes.</summary>
        int Capacity { get; }

        /// <summary>This boot runs a new image on trial: it must confirm itself or roll back.</summary>
        bool OnTrial { get; }

        /// <summary>A staged package is marked and waits for the reboot that starts its trial.</summary>
        bool Pending { get; }

        /// <summary>
        /// The staged bytes the medium can vouch for: drops whatever a power cut may have torn and returns
        /// the length kept, counted from the start of the package; -1 when the medium fails.
        /// </summary>
        int ResumeStaging();

        /// <summary>Empties the staging slot. Never touches the running image.</summary>
        bool EraseStaging();

        /// <summary>Appends to the staged package; false when the medium refused (nothing is then vouched for).</summary>
        bool AppendStaging(byte[] buffer, int offset, int count);

        /// <summary>Reads staged bytes from <paramref name="position"/>; returns how many, or -1 on failure.</summary>
        int ReadStaging(int position, byte[] buffer, int offset, int count);

        /// <summary>The verified staged package (of <paramref name="version"/>) boots next, on trial.</summary>
        bool MarkPending(string version);

        /// <summary>The image on trial becomes the confirmed one; the outcome becomes Applied.</summary>
        bool Confirm();

        /// <summary>The next boot returns to the previous image; the outcome becomes RolledBack for <paramref name="reason"/>.</summary>
        bool RollBack(UpdateStatus reason);

        /// <summary>The last finished update until <see cref="AcknowledgeOutcome"/>.</summary>
        SlotOutcome Outcome { get; }

        /// <summary>Why the last update was rolled back (NotConfirmed or HealthCheckFailed); Ok when applied.</summary>
        UpdateStatus OutcomeReason { get; }

        /// <summary>The version of the package the outcome is about.</summary>
        string OutcomeVersion { get; }

        /// <summary>The last version that was rolled back here; an offer of it is refused. Empty when none.</summary>
        string RolledBackVersion { get; }

        /// <summary>The outcome has been reported; forget it.</summary>
        bool AcknowledgeOutcome();
    }
}
