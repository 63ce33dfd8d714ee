using System.CommandLine;
using EnergyLogger.Host.Planning;

namespace EnergyLogger.Host.Cli;

/// <summary>The options of <c>energylogger bench</c>; each section reads the ones it uses (<see cref="BenchCommand"/> says which).</summary>
internal sealed class BenchOptions
{
    private const string MemoryDirectory = "/dev/shm";

    public Option<string> Map { get; } = CliOption.Text("--map", "FILE", $"cycle, mqtt, outbox, line: the realistic map [default: the bundled {MapFile.DefaultName}]");

    public Option<int?> Baud { get; } = CliOption.OptionalInt("--baud", "N", "planner: line speed of the comparison; line: the line's speed [default: 9600]", 300, 4_000_000);

    public Option<string> Points { get; } = CliOption.Text("--points", "FILE", $"planner: Deye points file [default: {PlannerWorkloads.DeyeFileName} beside the program or in tools/]");

    public Option<string> Port { get; } = CliOption.Text("--port", "PATH", "line: time cycles against the RTU slave on this tty or pty [default: the simulated line]");

    public Option<int> Cycles { get; } = CliOption.Int("--cycles", "N", "line: cycles to time", 10, 1, 1000);

    public Option<int> TurnaroundMs { get; } = CliOption.Int("--turnaround-ms", "N", "line: the simulated slave's think time before it answers", 0, 0, 1000);

    public Option<string> Dir { get; } = CliOption.Text("--dir", "DIR", $"outbox: where the outbox files go [default: {MemoryDirectory} when it exists, else the temp folder]");

    public Option<string> Hours { get; } = CliOption.Text("--hours", "LIST", "outbox: how long offline, comma-separated hours [default: 24,72,168]");

    /// <summary>outbox: replay to this broker (custom-MQTT topics, PUBACK acknowledges) instead of in-process.</summary>
    public BrokerOptions Broker { get; } = new();

    public Option[] All => [Map, Baud, Points, Port, Cycles, TurnaroundMs, Dir, Hours, .. Broker.All];

    public string OutboxDirectory(ParseResult result) => result.GetValue(Dir) ?? (Directory.Exists(MemoryDirectory) ? MemoryDirectory : Path.GetTempPath());
}
