using EnergyLogger.Benchmarks;
using EnergyLogger.Core.Json;
using EnergyLogger.Core.Modbus;
using EnergyLogger.Core.Registers;
using EnergyLogger.Core.Telemetry;
using EnergyLogger.Host.Cli;
using EnergyLogger.Host.Simulator;

namespace EnergyLogger.Host.Bench;

/// <summary>
/// A map with its registers already read, ready for the device's per-cycle work: the bundled Deye map
/// holding what the built-in inverter shows at noon, and the 255-point map at the datasheet's limits.
/// </summary>
internal sealed class CycleWorkload
{
    private long _monotonicMs;

    private CycleWorkload(string name, RegisterMap map, ushort[] registers)
    {
        Name = name;
        Map = map;
        Frame = new RegisterFrame(map);
        Frame.Deliver(0, FunctionCode.ReadHoldingRegisters, 0, registers, 0, registers.Length);
        Values = new DecodedValues(map);
        Mapper = new TelemetryMapper(map, 0);
        Sample = Mapper.CreateSample();
    }

    public string Name { get; }

    public RegisterMap Map { get; }

    public RegisterFrame Frame { get; }

    public DecodedValues Values { get; }

    public TelemetryMapper Mapper { get; }

    public Sample Sample { get; }

    public JsonWriter Writer { get; } = new(32 * 1024, SampleWriter.Depth);

    /// <summary>The Deye map of the demo, its registers as the simulated inverter holds them at noon.</summary>
    public static CycleWorkload Deye(string mapPath)
    {
        RegisterMap map = MapFile.Load(mapPath);
        var inverter = new SimulatedInverter(map, 0, new InverterModel(seed: 1));
        inverter.Model.Advance(12, 15 * 60);
        inverter.Publish();
        int end = map.Points.Max(p => p.Address + p.Count);
        return new CycleWorkload("deye-sg04lp3", map, inverter.Bank.HoldingRegisters[..end]);
    }

    /// <summary>255 points and 20 computed fields, every schema field fed (<see cref="SyntheticMap"/>).</summary>
    public static CycleWorkload Synthetic()
    {
        (string json, ushort[] registers) = SyntheticMap.Build();
        RegisterMap map = RegisterMapLoader.Load(json, out MapError? error) ?? throw new InvalidOperationException(error!.ToString());
        return new CycleWorkload($"synthetic {SyntheticMap.Points}", map, registers);
    }

    /// <summary>Every point and every computed field, as a cycle decodes them.</summary>
    public bool DecodeCompute()
    {
        PointDecoder.DecodeCycle(Frame, Values);
        return true;
    }

    /// <summary>Decoded and mapped into the schema's sample, five seconds of device time after the last cycle.</summary>
    public bool DecodeComputeMap()
    {
        PointDecoder.DecodeCycle(Frame, Values);
        _monotonicMs += 5000;
        Mapper.Map(Values, _monotonicMs, 1767225600000 + _monotonicMs, true, Sample);
        return true;
    }

    /// <summary>Decode, compute, map and write one sample: the device's whole per-cycle work after the reads.</summary>
    public bool FullCycle() => DecodeComputeMap() && SampleWriter.Write(Sample, Writer);

    /// <summary>The sample JSON of one full cycle, as the outbox stores it.</summary>
    public byte[] SampleBytes()
    {
        if (!FullCycle())
        {
            throw new InvalidOperationException($"the {Name} sample does not fit the writer");
        }

        return Writer.Buffer[..Writer.Length];
    }
}
