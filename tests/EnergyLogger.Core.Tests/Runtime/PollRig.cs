using EnergyLogger.Core.Json;
using EnergyLogger.Core.Modbus;
using EnergyLogger.Core.Registers;
using EnergyLogger.Core.Runtime;
using EnergyLogger.Core.Schema;
using EnergyLogger.Core.Telemetry;
using EnergyLogger.Core.Tests.Fakes;
using EnergyLogger.Core.Tests.Registers;
using Xunit;

namespace EnergyLogger.Core.Tests.Runtime;

/// <summary>A poll engine on a scripted RTU bus with a virtual clock: one map, one slave (id 1), one cycle at a time.</summary>
internal sealed class PollRig
{
    /// <summary>Far from zero, so the first request owes no inter-frame silence to "time 0".</summary>
    public const long StartMs = 1_000_000;

    public PollRig(string map, MasterOptions? master = null, PollOptions? poll = null)
    {
        Clock = new VirtualClock(StartMs);
        Link = new ScriptedSlaveLink(Clock);
        Slave = Link.AddSlave(1);
        Master = new ModbusMaster(Link, Clock, new RtuFramer(), master ?? new MasterOptions());
        Slot = new MapSlot(MapText.Load(map));
        Engine = new PollEngine(Slot, [Master], Clock, poll ?? new PollOptions { CycleBudgetMs = 0 });
    }

    public VirtualClock Clock { get; }

    public ScriptedSlaveLink Link { get; }

    public SlaveImage Slave { get; }

    public ModbusMaster Master { get; }

    public MapSlot Slot { get; }

    public PollEngine Engine { get; }

    public JsonWriter Writer { get; } = new(16384, SampleWriter.Depth);

    public Sample Sample => Engine.Sample(0);

    /// <summary>One cycle at <paramref name="offsetMs"/> after the start (or now, if the clock is past it); returns its requests.</summary>
    public Request[] Cycle(long offsetMs = -1)
    {
        if (offsetMs >= 0 && Clock.MonotonicMs < StartMs + offsetMs)
        {
            Clock.AdvanceTo(StartMs + offsetMs);
        }

        int before = Link.Writes.Count;
        Assert.True(Engine.RunCycle());
        return Link.Writes.Skip(before).Select(w => Request.Of(w.Bytes)).ToArray();
    }

    /// <summary>The last cycle's sample as the logger publishes it.</summary>
    public string Json()
    {
        Assert.True(SampleWriter.Write(Sample, Writer));
        return Writer.Text();
    }

    public ValueQuality Quality(string path) => Sample.Quality[TelemetrySchema.IndexOf(path)];

    public double Value(string path) => Sample.Values[TelemetrySchema.IndexOf(path)];

    /// <summary>The function, first address and count of one RTU read request on the wire.</summary>
    public readonly record struct Request(int Function, int Address, int Count)
    {
        public static Request Of(byte[] adu) => new(adu[1], adu[2] << 8 | adu[3], adu[4] << 8 | adu[5]);

        public static Request Holding(int address, int count = 1) => new(3, address, count);

        public override string ToString() => $"FC{Function:D2} {Address}+{Count}";
    }
}
