using BenchmarkDotNet.Attributes;
using EnergyLogger.Core.Json;
using EnergyLogger.Core.Modbus;
using EnergyLogger.Core.Registers;
using EnergyLogger.Core.Telemetry;

namespace EnergyLogger.Benchmarks;

/// <summary>
/// The device's work per poll cycle once the registers are in: decode, computed fields, the schema mapper and
/// the JSON writer, on a map at the datasheet's limits (255 points, 20 computed fields; see
/// <see cref="SyntheticMap"/>). Each step adds to the one before, so the ratios show what each costs. The
/// Allocated column is the figure that matters most: nanoFramework's garbage collector is slow, so a cycle
/// must allocate nothing (0 B).
/// </summary>
[MemoryDiagnoser]
public class CycleBenchmarks
{
    private RegisterFrame _frame = null!;
    private DecodedValues _values = null!;
    private TelemetryMapper _mapper = null!;
    private Sample _sample = null!;
    private JsonWriter _writer = null!;
    private long _cycle;

    [GlobalSetup]
    public void Setup()
    {
        (string json, ushort[] registers) = SyntheticMap.Build();
        RegisterMap map = RegisterMapLoader.Load(json, out MapError error) ?? throw new InvalidOperationException(error.ToString());
        _frame = new RegisterFrame(map);
        _frame.Deliver(0, FunctionCode.ReadHoldingRegisters, 0, registers, 0, registers.Length);
        _values = new DecodedValues(map);
        _mapper = new TelemetryMapper(map, 0);
        _sample = _mapper.CreateSample();
        _writer = new JsonWriter(16384, SampleWriter.Depth);
        if (!FullCycle() || _sample.Quality.Where((q, f) => _sample.Fed[f] && q != ValueQuality.Ok).Any())
        {
            throw new InvalidOperationException("the synthetic map must decode to good values that fit the writer");
        }
    }

    [Benchmark(Baseline = true)]
    public int DecodeOnly()
    {
        PointDefinition[] points = _frame.Map.Points;
        for (int i = 0; i < points.Length; i++)
        {
            _values.Quality[i] = PointDecoder.Decode(_frame, points[i], out _values.Values[i], out _values.Raw[i]);
        }

        return points.Length;
    }

    [Benchmark]
    public int DecodeCompute()
    {
        PointDecoder.DecodeCycle(_frame, _values);
        return _values.Values.Length;
    }

    [Benchmark]
    public int DecodeComputeMap()
    {
        PointDecoder.DecodeCycle(_frame, _values);
        _mapper.Map(_values, NextMs(), 1767225600000, true, _sample);
        return _sample.Values.Length;
    }

    [Benchmark]
    public bool FullCycle()
    {
        PointDecoder.DecodeCycle(_frame, _values);
        _mapper.Map(_values, NextMs(), 1767225600000, true, _sample);
        return SampleWriter.Write(_sample, _writer);
    }

    /// <summary>Five seconds a cycle, as the device polls, so the energy-counter checks see time pass.</summary>
    private long NextMs() => _cycle += 5000;
}
