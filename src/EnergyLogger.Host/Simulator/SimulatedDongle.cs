using EnergyLogger.Core.Json;
using EnergyLogger.Core.Modbus;
using EnergyLogger.Core.Ports;
using EnergyLogger.Core.Registers;
using EnergyLogger.Core.Runtime;
using EnergyLogger.Core.Telemetry;

namespace EnergyLogger.Host.Simulator;

/// <summary>
/// The field side of a virtual dongle: the built-in inverter behind a simulated RS-485 line, and the
/// logger's own master, poll engine and sample writer reading it. The clock decides whether the line's
/// character times pass in real time (the demo) or only on paper (a fleet of hundreds in one process).
/// </summary>
internal sealed class SimulatedDongle
{
    private readonly PollEngine _engine;

    // A simulated dongle has no boot journal: each run numbers its samples in epoch 1.
    private readonly SampleSequence _sequence = new(1);

    public SimulatedDongle(RegisterMap map, int seed, IClock clock)
    {
        DeviceDefinition device = map.Devices[0];
        Inverter = new SimulatedInverter(map, 0, new InverterModel(seed));
        BitsPerChar = RtuTiming.BitsPerChar(device.Parity != SerialParity.None, device.StopBits);
        var line = new SimulatedSerialLink(clock, device.BaudRate, BitsPerChar, turnaroundMs: 8);
        line.Attach(Inverter.Slave, Inverter.Bank);
        Master = new ModbusMaster(line, clock, new RtuFramer(), new MasterOptions
        {
            BaudRate = device.BaudRate,
            BitsPerChar = BitsPerChar,
            ResponseTimeoutMs = device.ResponseTimeoutMs,
        });

        // Every class, completely, every cycle: simulated time may run far faster than the map's real
        // intervals, and a cycle may take as long as the device's minimum gap between requests makes it.
        var pollOptions = new PollOptions { FastIntervalMs = 0, NormalIntervalMs = 0, SlowIntervalMs = 0, CycleBudgetMs = 0 };
        _engine = new PollEngine(new MapSlot(map), [Master], clock, pollOptions);
    }

    public SimulatedInverter Inverter { get; }

    public InverterModel Model => Inverter.Model;

    public ModbusMaster Master { get; }

    public int BitsPerChar { get; }

    public CycleStats Stats => _engine.Stats;

    /// <summary>The last sample in the universal schema, as the device publishes it.</summary>
    public JsonWriter Json { get; } = new(16 * 1024, SampleWriter.Depth);

    /// <summary>Moves the inverter to <paramref name="hourOfDay"/>, polls it once and writes the sample into <see cref="Json"/>.</summary>
    public void Cycle(double hourOfDay, double elapsedSeconds)
    {
        Model.Advance(hourOfDay, elapsedSeconds);
        Inverter.Publish();
        _engine.RunCycle();
        Sample sample = _engine.Sample(0);
        sample.Sequence = _sequence.Next();
        Json.Reset();
        SampleWriter.Write(sample, Json);
    }
}
