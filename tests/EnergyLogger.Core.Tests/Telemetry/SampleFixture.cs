using EnergyLogger.Core.Json;
using EnergyLogger.Core.Modbus;
using EnergyLogger.Core.Registers;
using EnergyLogger.Core.Schema;
using EnergyLogger.Core.Telemetry;
using EnergyLogger.Core.Tests.Registers;

namespace EnergyLogger.Core.Tests.Telemetry;

/// <summary>A map, its frame and decoded values, a mapper and a writer: one poll cycle's worth of plumbing.</summary>
internal sealed class SampleFixture
{
    public SampleFixture(string json, int endpointGroup = 0)
    {
        Map = MapText.Load(json);
        Frame = new RegisterFrame(Map);
        Values = new DecodedValues(Map);
        Mapper = new TelemetryMapper(Map, endpointGroup);
        Sample = Mapper.CreateSample();
        Writer = new JsonWriter(16384, SampleWriter.Depth);
    }

    public RegisterMap Map { get; }

    public RegisterFrame Frame { get; }

    public DecodedValues Values { get; }

    public TelemetryMapper Mapper { get; }

    public Sample Sample { get; }

    public JsonWriter Writer { get; }

    public void Set(int address, params ushort[] words) => SetOn(0, address, words);

    public void SetOn(int device, int address, params ushort[] words) =>
        Frame.Deliver(device, FunctionCode.ReadHoldingRegisters, address, words, 0, words.Length);

    /// <summary>Decode, map and write one cycle; returns the document.</summary>
    public string Cycle(long monotonicMs = 5000, long unixMs = 1767225600000, bool synced = true)
    {
        PointDecoder.DecodeCycle(Frame, Values);
        Mapper.Map(Values, monotonicMs, unixMs, synced, Sample);
        if (!SampleWriter.Write(Sample, Writer))
        {
            throw new InvalidOperationException("sample did not fit");
        }

        return Writer.Text();
    }

    public ValueQuality Quality(string path) => Sample.Quality[TelemetrySchema.IndexOf(path)];

    public double Value(string path) => Sample.Values[TelemetrySchema.IndexOf(path)];
}
