using EnergyLogger.Core.Modbus;
using EnergyLogger.Core.Schema;

namespace EnergyLogger.Core.Registers
{
    /// <summary>
    /// Serial parity. MODBUS over serial line v1.02, 2.5.1 makes even parity the default and asks for two
    /// stop bits without parity, but inverters mostly ship 8N1, so the map states what the device uses.
    /// </summary>
    public enum SerialParity
    {
        None,
        Even,
        Odd,
    }

    /// <summary>One slave on the bus as the map describes it: how to reach it, what it tolerates, how it signs its values.</summary>
    public sealed class DeviceDefinition
    {
        public int Index { get; internal set; }

        public string Id { get; internal set; }

        public byte Slave { get; internal set; }

        /// <summary>"kind": "sunspec": the device's points are drafted from its own SunSpec chain (docs/register-map.md).</summary>
        public bool SunSpec { get; internal set; }

        /// <summary>
        /// "scaleInRequest": each value is read in the same request as its scale factor wherever one request can hold both
        /// (a SunSpec model, whose registers are all readable), so no value is decoded with a factor read at another moment.
        /// </summary>
        public bool ScaleInRequest { get; internal set; }

        public int BaudRate { get; internal set; } = 9600;

        public SerialParity Parity { get; internal set; }

        public int DataBits { get; internal set; } = 8;

        public int StopBits { get; internal set; } = 1;

        public int ResponseTimeoutMs { get; internal set; } = 1000;

        /// <summary>Registers per FC03/04 request; gateways and some firmware need fewer than 125.</summary>
        public int MaxRegisters { get; internal set; } = ModbusPdu.MaxReadRegisters;

        public int MaxBits { get; internal set; } = ModbusPdu.MaxReadBits;

        /// <summary>Least time between two requests to this slave (Growatt asks for 850 ms to 1 s).</summary>
        public int MinGapMs { get; internal set; }

        /// <summary>Addresses never to read, not even as filler inside a merged request.</summary>
        public RangeList NeverRead { get; } = new RangeList();

        /// <summary>The device's own cloud identity, or null when it publishes as the logger.</summary>
        public string Endpoint { get; internal set; }

        /// <summary>Index into <see cref="RegisterMap.Endpoints"/>; 0 is the logger's own identity.</summary>
        public int EndpointGroup { get; internal set; }

        public GridSign GridSign { get; internal set; }

        public BatterySign BatterySign { get; internal set; }

        /// <summary>Highest power the device can move, bounding how fast its energy counters can rise.</summary>
        public double MaxPowerW { get; internal set; } = 100000;
    }
}
