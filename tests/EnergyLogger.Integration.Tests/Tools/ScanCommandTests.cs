using EnergyLogger.Integration.Tests.Simulator;
using Xunit;

namespace EnergyLogger.Integration.Tests.Tools;

/// <summary><c>scan</c> against the simulated inverter: the unit ids of a MODBUS TCP server, and a bus whose replies all arrive garbled.</summary>
public sealed class ScanCommandTests
{
    [Fact]
    public void Scan_ModbusTcp_FindsTheUnitIdAndSuggestsItsMap()
    {
        using SimulatorProcess simulator = SimulatorProcess.Start(tcp: true);

        EnergyLoggerProcess.Outcome scan = EnergyLoggerProcess.Run(TimeSpan.FromSeconds(60), "scan", "--tcp", $"127.0.0.1:{simulator.TcpPort}", "--ids", "1-3", "--timeout", "200");

        Assert.True(scan.ExitCode == 0, scan.ToString());
        Assert.Contains($"scanning 127.0.0.1:{simulator.TcpPort}: 3 ids x 1 line settings, 3 probes", scan.Stdout);
        Assert.Contains("slave 1 at TCP: holding register 0 = ", scan.Stdout);
        Assert.DoesNotContain("slave 2 at", scan.Stdout);
        Assert.Contains("  suggested map: deye-sg04lp3.json", scan.Stdout);
    }

    [Fact]
    public void Scan_EveryReplyWithABadCrc_NothingFoundAndTheGarbledRepliesSaid()
    {
        using SimulatorProcess simulator = SimulatorProcess.Start(tcp: false, "--fault", "crc");

        EnergyLoggerProcess.Outcome scan = EnergyLoggerProcess.Run("scan", "--port", simulator.MasterPty, "--ids", "1-2", "--baud", "9600", "--parity", "none", "--timeout", "200");

        // A CRC error is never taken for an answer (M1): the slave is not reported as found, but the line is.
        Assert.True(scan.ExitCode == 1, scan.ToString());
        Assert.Contains("9600 8N1: 1 garbled replies: a device may answer at other line settings", scan.Stdout);
        Assert.Contains("0 device(s) found", scan.Stdout);
    }
}
