namespace EnergyLogger.Core.Runtime
{
    /// <summary>
    /// One concern of the firmware as the main loop drives it: ticked once per iteration, in the loop's order, on the
    /// loop's thread. A task beats the heartbeat, naming its phase, before work that can take time, so that a stall
    /// report says where the loop hung.
    /// </summary>
    internal interface ILoopTask
    {
        /// <param name="startMs">When the iteration started: work that can wait runs only while the iteration is within its budget.</param>
        void Tick(long startMs, Heartbeat heartbeat);
    }
}
