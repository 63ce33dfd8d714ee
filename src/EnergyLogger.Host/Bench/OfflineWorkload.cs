using EnergyLogger.Core.Modbus;
using EnergyLogger.Core.Registers;
using EnergyLogger.Core.Schema;
using EnergyLogger.Core.Telemetry;
using EnergyLogger.Host.Simulator;

namespace EnergyLogger.Host.Bench;

/// <summary>
/// Samples as a logger takes them while its internet is down, one every <see cref="IntervalMs"/> from a Monday
/// midnight on: the Deye map read from the built-in inverter through its days (PV, battery, house load, daily counters
/// reset at midnight), or the 255-point map with every schema field fed, its powers wandering, its counters rising and
/// its daily counters reset at midnight. Each step fills the same <see cref="Sample"/>, as the poll engine does.
/// </summary>
internal sealed class OfflineWorkload
{
    public const int IntervalMs = 10_000;

    /// <summary>2026-01-05 00:00 UTC, a Monday.</summary>
    public const long StartUnixMs = 1_767_571_200_000;

    private readonly Action<long, long> _step;

    private OfflineWorkload(string name, Sample sample, Action<long, long> step)
    {
        Name = name;
        Sample = sample;
        _step = step;
    }

    public string Name { get; }

    public Sample Sample { get; }

    /// <summary>The Deye map, registers from the simulated inverter at each moment of its day.</summary>
    public static OfflineWorkload Deye(string mapPath)
    {
        RegisterMap map = Cli.MapFile.Load(mapPath);
        var inverter = new SimulatedInverter(map, 0, new InverterModel(seed: 1));
        var frame = new RegisterFrame(map);
        var values = new DecodedValues(map);
        var mapper = new TelemetryMapper(map, 0);
        Sample sample = mapper.CreateSample();
        int end = map.Points.Max(p => p.Address + p.Count);
        return new OfflineWorkload("deye-sg04lp3", sample, (monoMs, unixMs) =>
        {
            double hour = (unixMs - StartUnixMs) % 86_400_000 / 3_600_000.0;
            inverter.Model.Advance(hour, IntervalMs / 1000.0);
            inverter.Publish();
            frame.Deliver(0, FunctionCode.ReadHoldingRegisters, 0, inverter.Bank.HoldingRegisters, 0, end);
            PointDecoder.DecodeCycle(frame, values);
            mapper.Map(values, monoMs, unixMs, true, sample);
        });
    }

    /// <summary>The 255-point map: decoded once at the datasheet's limits, then every value moves as a device's would.</summary>
    public static OfflineWorkload Synthetic()
    {
        (string json, ushort[] registers) = Benchmarks.SyntheticMap.Build();
        RegisterMap map = RegisterMapLoader.Load(json, out MapError? error) ?? throw new InvalidOperationException(error!.ToString());
        var frame = new RegisterFrame(map);
        frame.Deliver(0, FunctionCode.ReadHoldingRegisters, 0, registers, 0, registers.Length);
        var values = new DecodedValues(map);
        PointDecoder.DecodeCycle(frame, values);
        var mapper = new TelemetryMapper(map, 0);
        Sample sample = mapper.CreateSample();
        mapper.Map(values, 0, StartUnixMs, true, sample);
        double[] start = (double[])sample.Values.Clone();
        double[] extraStart = (double[])sample.ExtraValues.Clone();
        var random = new Random(7);
        return new OfflineWorkload($"synthetic {Benchmarks.SyntheticMap.Points}", sample, (monoMs, unixMs) =>
        {
            sample.MonotonicMs = monoMs;
            sample.UnixMs = unixMs;
            bool midnight = (unixMs - StartUnixMs) % 86_400_000 < IntervalMs;
            for (int f = 0; f < TelemetrySchema.FieldCount; f++)
            {
                if (sample.Fed[f] && sample.Quality[f] == ValueQuality.Ok)
                {
                    sample.Values[f] = Move(TelemetrySchema.Field(f), sample.Values[f], start[f], midnight, random);
                }
            }

            for (int x = 0; x < sample.ExtraValues.Length; x++)
            {
                sample.ExtraValues[x] = extraStart[x] + Math.Round(random.NextDouble() * 10, 1);
            }
        });
    }

    /// <summary>Fills <see cref="Sample"/> for the moment <paramref name="monoMs"/>, <paramref name="unixMs"/>.</summary>
    public void Step(long seq, long monoMs, long unixMs)
    {
        _step(monoMs, unixMs);
        Sample.Sequence = seq;
    }

    private static double Move(SchemaField field, double value, double start, bool midnight, Random random) => field.Kind switch
    {
        FieldKind.EnergyTotal => Math.Round(value + (random.Next(3) * 0.1), 1),
        FieldKind.EnergyDaily => midnight ? 0 : Math.Round(value + (random.Next(3) * 0.1), 1),
        FieldKind.Number when field.Unit == TelemetrySchema.Watt => Math.Round(Math.Clamp(value + random.Next(-150, 151), start - 3000, start + 3000)),
        FieldKind.Number => Math.Round(start + ((random.NextDouble() - 0.5) * 4), 1),
        _ => value,
    };
}
