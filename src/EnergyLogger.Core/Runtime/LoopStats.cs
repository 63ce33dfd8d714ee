namespace EnergyLogger.Core.Runtime
{
    /// <summary>What the main loop did since boot, for diagnostics. Written by the loop thread only.</summary>
    public sealed class LoopStats
    {
        public int Iterations;

        /// <summary>Iterations that went past <see cref="RuntimeOptions.IterationBudgetMs"/>; deferrable work waited.</summary>
        public int OverBudget;

        public long LongestIterationMs;

        public int Cycles;

        /// <summary>Samples handed to the outboxes: each is stored, or refused and counted by its outbox.</summary>
        public int Samples;

        /// <summary>Samples whose JSON did not fit a record; counted here and never stored.</summary>
        public int SamplesTooLarge;

        /// <summary>Samples taken before the wall clock was set: published with <c>synced:false</c> and their monotonic time (RELIABILITY S2).</summary>
        public int SamplesUnsynced;

        /// <summary>Monotonic and wall time at the moment the clock was first seen synced, so a server can re-stamp earlier samples of this boot; -1 until then.</summary>
        public long SyncedAtMonoMs = -1;

        public long SyncedAtUnixMs = -1;

        /// <summary>Devices whose layout is not the map's ("inverter@40002"), comma-separated; null while every layout holds.</summary>
        public string LayoutMismatch;
    }
}
