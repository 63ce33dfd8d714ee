using EnergyLogger.Core.Modbus;
using EnergyLogger.Core.Registers;
using EnergyLogger.Core.Schema;

namespace EnergyLogger.Host.Simulator;

/// <summary>
/// An inverter of any brand that has a register map: the model's physical values are written into a
/// <see cref="RegisterBank"/> through the map, in the device's own scale, word order and sign convention,
/// so a master reading it sees what it would read from the real device.
/// </summary>
internal sealed class SimulatedInverter
{
    private readonly RegisterMap _map;
    private readonly int _device;
    private readonly ushort[] _words = new ushort[4];

    public SimulatedInverter(RegisterMap map, int device, InverterModel model)
    {
        _map = map;
        _device = device;
        Model = model;
        ExposeMappedRegistersOnly();
    }

    public InverterModel Model { get; }

    public RegisterBank Bank { get; } = new();

    public byte Slave => _map.Devices[_device].Slave;

    /// <summary>Writes the model's current values into every register the map names.</summary>
    public void Publish()
    {
        foreach (PointDefinition point in _map.Points)
        {
            if (point.Device == _device && point.Target >= 0)
            {
                PublishTarget(point, TelemetrySchema.Field(point.Target));
            }
        }

        foreach (ComputedField field in _map.Computed)
        {
            if (field.Device == _device && field.Target >= 0)
            {
                PublishComputedSources(field);
            }
        }
    }

    private void PublishTarget(PointDefinition point, SchemaField field)
    {
        if (field.Kind == FieldKind.Code && point.ValueMap >= 0 && field.Path == "device.state")
        {
            ValueMap states = _map.ValueMaps[point.ValueMap];
            for (int i = 0; i < states.Count; i++)
            {
                if (states.Text(i) == Model.StateText)
                {
                    Write(point, states.Code(i));
                }
            }

            return;
        }

        if (Model.TryGet(field.Path, out double value))
        {
            DeviceDefinition device = _map.Devices[_device];
            Write(point, SignConvention.IsReversed(field.Sign, device.GridSign, device.BatterySign) ? -value : value);
        }
    }

    /// <summary>
    /// A schema value the map computes from two registers of its own: a signed flow reported as two
    /// unsigned registers ("a - b": export and import, charge and discharge) gives each side its part;
    /// a total reported per string ("a + b") is split evenly.
    /// </summary>
    private void PublishComputedSources(ComputedField field)
    {
        string path = TelemetrySchema.Field(field.Target).Path;
        if (!IsPoint(field.A) || !IsPoint(field.B) || !Model.TryGet(path, out double value))
        {
            return;
        }

        PointDefinition a = _map.Points[field.A.ValueIndex];
        PointDefinition b = _map.Points[field.B.ValueIndex];
        if (field.Op == ComputeOp.Subtract)
        {
            Write(a, Math.Max(value, 0));
            Write(b, Math.Max(-value, 0));
        }
        else if (field.Op == ComputeOp.Add && a.Target < 0 && b.Target < 0)
        {
            Write(a, value / 2);
            Write(b, value / 2);
        }
    }

    private bool IsPoint(Operand operand) => operand.Kind == OperandKind.Value && operand.ValueIndex < _map.Points.Length;

    private void Write(PointDefinition point, double value)
    {
        ushort[] table = point.Function == FunctionCode.ReadInputRegisters ? Bank.InputRegisters : Bank.HoldingRegisters;
        Array.Copy(table, point.Address, _words, 0, point.Count);
        if (PointEncoder.Encode(point, value, nearestStep: true, _words, 0) == EncodeStatus.Ok)
        {
            Array.Copy(_words, 0, table, point.Address, point.Count);
        }
    }

    /// <summary>Like a real inverter, answer exception 02 for registers outside the map's never-read ranges.</summary>
    private void ExposeMappedRegistersOnly()
    {
        DeviceDefinition device = _map.Devices[_device];
        for (int i = 0; i < device.NeverRead.Count; i++)
        {
            Bank.MarkIllegal(device.NeverRead.Function(i), device.NeverRead.First(i), device.NeverRead.Last(i));
        }
    }
}
