using System.Globalization;
using EnergyLogger.Core.Modbus;

namespace EnergyLogger.Host.Readings;

/// <summary>
/// One value read, labelled as an installer checks it against a datasheet: the point's name (empty for a raw read),
/// the register table and address, the value as text, its unit and its quality (<c>good</c> or the schema's word).
/// </summary>
internal sealed record Reading(string Name, string Address, string Value, string Unit, string Quality)
{
    public const string Good = "good";

    /// <summary>"holding 672 (0x02A0)": the table by name, the address as the map and most datasheets give it, and in hex.</summary>
    public static string AddressText(FunctionCode function, int address) =>
        string.Create(CultureInfo.InvariantCulture, $"{TableName(function)} {address} (0x{address:X4})");

    public static string TableName(FunctionCode function) => function switch
    {
        FunctionCode.ReadCoils => "coil",
        FunctionCode.ReadDiscreteInputs => "input-bit",
        FunctionCode.ReadInputRegisters => "input",
        _ => "holding",
    };
}
