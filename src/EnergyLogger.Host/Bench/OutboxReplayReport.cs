using System.Diagnostics;
using System.Globalization;
using EnergyLogger.Core.Cloud;
using EnergyLogger.Core.Ports;
using EnergyLogger.Host.Cli;
using EnergyLogger.Host.Mqtt;
using EnergyLogger.Host.Storage;

namespace EnergyLogger.Host.Bench;

/// <summary>
/// The <c>outbox</c> section of <c>energylogger bench</c>: a day without the cloud at one sample every 10 s,
/// stored by the real outbox in a host directory (<see cref="DirectoryFileStore"/>), then reopened as after a
/// restart (every record CRC-checked) and replayed batch by batch (each batch encoded as its PUBLISH and
/// acknowledged), with the default 512 KB cap and with a cap that holds the whole day. Counts are exact;
/// times are ratios against appending in the same run. The store syncs every append to its medium, so by
/// default it runs in memory (/dev/shm) where the figures are the outbox's own; <c>--dir</c> measures a disk.
/// </summary>
internal static class OutboxReplayReport
{
    private const int SamplesPerDay = 24 * 3600 / 10;
    private const string MemoryDirectory = "/dev/shm";

    public static void PrintOptions(TextWriter output)
    {
        output.WriteLine($"      --dir DIR       where the outbox files go (default {MemoryDirectory} when it exists, else the temp folder)");
    }

    public static Action<TextWriter> Prepare(CommandLine command)
    {
        string mapPath = command.Text("map") ?? MapFile.DefaultPath;
        string root = command.Text("dir") ?? (Directory.Exists(MemoryDirectory) ? MemoryDirectory : Path.GetTempPath());
        if (!Directory.Exists(root))
        {
            throw new UsageException($"--dir: no directory {root}");
        }

        byte[] sample = CycleWorkload.Deye(mapPath).SampleBytes();
        return output => Print(output, sample, root);
    }

    private static void Print(TextWriter output, byte[] sample, string root)
    {
        var defaults = new OutboxOptions();
        int recordBytes = sample.Length + OutboxRecord.HeaderBytes;
        var wholeDay = new OutboxOptions { MaxSegments = 2 + (SamplesPerDay / (defaults.SegmentBytes / recordBytes)) };
        output.WriteLine($"outbox: {SamplesPerDay} Deye samples of {sample.Length} B (24 h at 10 s) stored while offline, reopened as after a");
        output.WriteLine("        restart, then replayed in batches (PUBLISH encoded, acknowledged); times against append in the same run;");
        output.WriteLine($"        files in {root}");
        output.WriteLine();
        output.WriteLine($"{"cap",9} {"kept",6} {"dropped",7} {"batches",7}  {"append us",9} {"reopen us",9} {"replay us",9} {"replay vs append",16} {"replay/s",9}");
        foreach (OutboxOptions options in new[] { defaults, wholeDay })
        {
            string directory = Path.Combine(root, $"energylogger-bench-{Environment.ProcessId}-{options.MaxSegments}");
            try
            {
                Run(output, options, sample, directory);
            }
            finally
            {
                Directory.Delete(directory, recursive: true);
            }
        }
    }

    private static void Run(TextWriter output, OutboxOptions options, byte[] sample, string directory)
    {
        var store = new DirectoryFileStore(directory);
        var outbox = new Outbox(store, options);
        outbox.Open();
        var watch = Stopwatch.StartNew();
        for (int i = 0; i < SamplesPerDay; i++)
        {
            outbox.Append(sample, 0, sample.Length);
        }

        double appendUs = watch.Elapsed.TotalMicroseconds / SamplesPerDay;
        watch.Restart();
        var reopened = new Outbox(store, options);
        int kept = reopened.Open();
        double reopenUs = watch.Elapsed.TotalMicroseconds / Math.Max(kept, 1);
        watch.Restart();
        int batches = Replay(reopened);
        double replayUs = watch.Elapsed.TotalMicroseconds / Math.Max(kept, 1);
        if (reopened.Pending != 0 || reopened.Counters.Acknowledged != kept)
        {
            throw new InvalidOperationException($"replay left {reopened.Pending} of {kept} samples");
        }

        string cap = $"{options.CapBytes / 1024} KB";
        output.WriteLine($"{cap,9} {kept,6} {outbox.Counters.Dropped,7} {batches,7}  {F(appendUs),9} {F(reopenUs),9} {F(replayUs),9} "
            + $"{(replayUs / appendUs).ToString("F2", CultureInfo.InvariantCulture) + "x",16} {(1e6 / replayUs).ToString("F0", CultureInfo.InvariantCulture),9}");
    }

    /// <summary>What the uplink does per batch, minus the network: build it, encode its PUBLISH, take the PUBACK.</summary>
    private static int Replay(Outbox outbox)
    {
        var buffer = new byte[outbox.Options.MaxBatchBytes];
        var packet = new byte[outbox.Options.MaxBatchBytes + 256];
        var batch = new OutboxBatch();
        int batches = 0;
        while (outbox.NextBatch(batch, buffer))
        {
            MqttEncoder.Publish(packet, 0, "energylogger/energy-logger-02454C000001/telemetry", buffer, 0, batch.Length, MqttQos.AtLeastOnce, false, false, 1 + (batches % 65535));
            outbox.Acknowledge(batch);
            batches++;
        }

        return batches;
    }

    private static string F(double value) => value.ToString("F1", CultureInfo.InvariantCulture);
}
