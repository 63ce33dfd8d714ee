using EnergyLogger.Core.Ports;

namespace EnergyLogger.Host.Device;

/// <summary>Log records on standard output, one per line; the loop, the supervisor and the port-4242 sessions write from their own threads.</summary>
internal sealed class ConsoleLog : ILog
{
    private readonly object _gate = new();

    public void WriteLine(string line)
    {
        lock (_gate)
        {
            Console.Out.WriteLine(line);
            Console.Out.Flush();
        }
    }
}
