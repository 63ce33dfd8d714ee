using EnergyLogger.Host.Samples;
using EnergyLogger.Integration.Tests.ReadyMaps;
using EnergyLogger.Integration.Tests.Simulator;
using Xunit;

namespace EnergyLogger.Integration.Tests.EndToEnd;

/// <summary><c>run --csv-dir</c>: the samples the loop stores go to a daily CSV file as well, even with no broker reachable.</summary>
public sealed class RunCsvLogTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "el-run-csv-" + Guid.NewGuid().ToString("N")[..12]);

    public RunCsvLogTests() => Directory.CreateDirectory(_dir);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Run_WithCsvDirAndNoBroker_EverySampleIsARowOfTheDaysFile()
    {
        using SimulatorProcess simulator = SimulatorProcess.Start(tcp: true);
        string config = Path.Combine(_dir, "logger.json");
        File.WriteAllText(config, $$$"""
            {"bus":{"tcp":"127.0.0.1:{{{simulator.TcpPort}}}"},"data":"data","map":"{{{ReadyMapPolling.MapPath("deye-sg04lp3.json")}}}",
             "poll":{"fastMs":1000},
             "settings":{"mqtt.host":"127.0.0.1","mqtt.port":"1","mqtt.tls":"off","kaa.token":"csv-token","kaa.app":"csv-app"}}
            """);
        string csvDir = Path.Combine(_dir, "csv");

        using (LoggerProcess logger = LoggerProcess.Start("--config", config, "--csv-dir", csvDir))
        {
            WaitForRows(csvDir, 3, TimeSpan.FromSeconds(60), logger);
            Assert.Equal(0, logger.Terminate(TimeSpan.FromSeconds(10)));
        }

        string file = Assert.Single(Directory.GetFiles(csvDir));
        Assert.Matches(@"inverter_\d{4}-\d{2}-\d{2}\.csv$", file);
        string[] lines = File.ReadAllLines(file);
        Assert.StartsWith("time,seq,synced,pv.power,", lines[0]);
        List<SampleRecord> samples = SampleFile.Read(file, out string? error)!;
        Assert.Null(error);
        Assert.Equal(lines.Length - 1, samples.Count);
        Assert.All(samples, s => Assert.NotNull(s.Number("grid.frequency")));
        Assert.Equal(samples.Count, samples.Select(s => s.Sequence).Distinct().Count());
    }

    private static void WaitForRows(string dir, int rows, TimeSpan limit, LoggerProcess logger)
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        while (watch.Elapsed < limit)
        {
            string? file = Directory.Exists(dir) ? Directory.GetFiles(dir).FirstOrDefault() : null;
            if (file is not null && File.ReadAllLines(file).Length > rows)
            {
                return;
            }

            Thread.Sleep(200);
        }

        Assert.Fail($"no {rows} rows in {dir} within {limit.TotalSeconds} s\n{logger.Log}");
    }
}
