using EnergyLogger.Core.Json;

namespace EnergyLogger.Core.Cloud
{
    /// <summary>One command type: checks its payload, runs, and answers through the reply (tables over switches, ARCHITECTURE style 6).</summary>
    public interface ICommandHandler
    {
        string Type { get; }

        /// <summary><paramref name="payload"/> is the payload object's token in <paramref name="doc"/>, or -1 when the command had none.</summary>
        void Execute(JsonDocument doc, int payload, CommandReply reply);
    }

    /// <summary>
    /// A command answered as it arrives, ahead of the queue (<c>ping</c>), for latency checks: its handler must be quick
    /// and must not use the bus. The duplicate rule holds for it as for any other.
    /// </summary>
    public interface IInstantCommand : ICommandHandler
    {
    }
}
