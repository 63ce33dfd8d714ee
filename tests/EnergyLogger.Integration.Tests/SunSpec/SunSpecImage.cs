using EnergyLogger.Core.Modbus;
using EnergyLogger.Core.Registers;
using EnergyLogger.Integration.Tests.ReadyMaps;

namespace EnergyLogger.Integration.Tests.SunSpec;

/// <summary>
/// A SunSpec device's registers for the pymodbus peer: "SunS" at 40000, then models laid end to end as the SunSpec
/// Information Model Reference numbers their points (offsets from the first register after each model's ID and L),
/// then the end model. Registers a test leaves unset hold each type's not-implemented value where it matters.
/// </summary>
internal sealed class SunSpecImage
{
    private const int Base = 40000;
    private readonly List<(int Id, int Length, Dictionary<int, ushort> Words)> _models = [];

    public SunSpecImage(byte unit)
    {
        Unit = unit;
    }

    public byte Unit { get; }

    /// <summary>Adds a model of length <paramref name="length"/>; <paramref name="fill"/> sets its registers by offset.</summary>
    public SunSpecImage Model(int id, int length, Action<Dictionary<int, ushort>> fill)
    {
        var words = new Dictionary<int, ushort>();
        fill(words);
        _models.Add((id, length, words));
        return this;
    }

    /// <summary>Common model 1: manufacturer, model and serial number (16 registers of text each at 0, 16, 48).</summary>
    public SunSpecImage Common(string manufacturer, string model, string serial, int length = 65) => Model(1, length, w =>
    {
        Text(w, 0, manufacturer, 16);
        Text(w, 16, model, 16);
        Text(w, 48, serial, 16);
    });

    /// <summary>The address of the header of the model at <paramref name="index"/>.</summary>
    public int HeaderOf(int index) => Base + 2 + _models.Take(index).Sum(m => 2 + m.Length);

    public RegisterImage ToImage()
    {
        RegisterMap map = RegisterMapLoader.Load(
            "{\"format\":\"energylogger-map/1\",\"name\":\"image\",\"devices\":[{\"id\":\"d\",\"slave\":" + Unit + "}]}", out _)!;
        int end = HeaderOf(_models.Count) + 1;
        var image = new RegisterImage(map).Exists(FunctionCode.ReadHoldingRegisters, Base, end);
        image.Words(FunctionCode.ReadHoldingRegisters, Base, 0x5375, 0x6E53);
        for (int i = 0; i < _models.Count; i++)
        {
            int header = HeaderOf(i);
            image.Words(FunctionCode.ReadHoldingRegisters, header, (ushort)_models[i].Id, (ushort)_models[i].Length);
            foreach ((int offset, ushort word) in _models[i].Words)
            {
                image.Words(FunctionCode.ReadHoldingRegisters, header + 2 + offset, word);
            }
        }

        image.Words(FunctionCode.ReadHoldingRegisters, end - 1, 0xFFFF, 0);
        return image;
    }

    public static void Text(Dictionary<int, ushort> w, int offset, string text, int registers)
    {
        ushort[] words = RegisterImage.Ascii(text, registers);
        for (int i = 0; i < words.Length; i++)
        {
            w[offset + i] = words[i];
        }
    }

    public static void Float(Dictionary<int, ushort> w, int offset, float value)
    {
        ushort[] words = RegisterImage.Float(value);
        w[offset] = words[0];
        w[offset + 1] = words[1];
    }

    public static void Long(Dictionary<int, ushort> w, int offset, long value)
    {
        ushort[] words = RegisterImage.Long(value);
        w[offset] = words[0];
        w[offset + 1] = words[1];
    }

    public static ushort Sf(int factor) => unchecked((ushort)(short)factor);

    public static ushort Signed(int value) => unchecked((ushort)(short)value);
}
