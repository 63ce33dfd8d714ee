namespace EnergyLogger.Core.Ota
{
    /// <summary>What one step of a download or of the stored image's check came to.</summary>
    internal enum UpdateStep
    {
        /// <summary>Not finished yet (or waiting for data); the next step goes on.</summary>
        Working,

        /// <summary>The work is finished: the package is stored, or the stored package checked out.</summary>
        Done,

        /// <summary>A failure that may pass (transport, truncated copy, storage, hash): worth another attempt.</summary>
        Retry,

        /// <summary>A refusal no retry can change (RELIABILITY O1, O2).</summary>
        Reject,
    }
}
