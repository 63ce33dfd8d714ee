using EnergyLogger.Core.Cloud;
using EnergyLogger.Core.Json;

namespace EnergyLogger.Core.Runtime
{
    /// <summary><c>get_diagnostics</c>: the figures the metadata carries and the installer's details on top, now (docs/cloud.md, "get_diagnostics").</summary>
    internal sealed class DiagnosticsCommand : ICommandHandler
    {
        private readonly DiagnosticsReport _report;

        public DiagnosticsCommand(DiagnosticsReport report)
        {
            _report = report;
        }

        public string Type => "get_diagnostics";

        public void Execute(JsonDocument doc, int payload, CommandReply reply)
        {
            reply.Begin(200, "OK");
            _report.WriteMembers(reply.Writer);
        }
    }
}
