using EnergyLogger.Core.Cloud;
using EnergyLogger.Core.Json;

namespace EnergyLogger.Core.Runtime
{
    /// <summary><c>get_diagnostics</c>: the same figures the metadata carries, now (docs/runtime.md, "Diagnostics").</summary>
    public sealed class DiagnosticsCommand : ICommandHandler
    {
        private readonly Diagnostics _diagnostics;

        public DiagnosticsCommand(Diagnostics diagnostics)
        {
            _diagnostics = diagnostics;
        }

        public string Type => "get_diagnostics";

        public void Execute(JsonDocument doc, int payload, CommandReply reply)
        {
            reply.Begin(200, "OK");
            _diagnostics.WriteMembers(reply.Writer);
        }
    }
}
