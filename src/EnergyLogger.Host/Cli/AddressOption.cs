using System.CommandLine;

namespace EnergyLogger.Host.Cli;

/// <summary>
/// <c>--address A [--one-based]</c> of read and write. The address is the one the request carries, counted from 0
/// (MODBUS Application Protocol 4.4); mbpoll and many manuals count registers from 1, which <c>--one-based</c> takes.
/// </summary>
/// <param name="required">Whether the parser demands it; read, which also reads through a map, asks for it only without one.</param>
internal sealed class AddressOption(bool required = true)
{
    private readonly Option<string> _address = new("--address")
    {
        HelpName = "A",
        Required = required,
        Description = "first address as the request carries it, counted from 0 (decimal or 0x hex): a manual's holding register 40001 or input register 30001 is address 0",
    };

    private readonly Option<bool> _oneBased = CliOption.Flag("--one-based", "--address counts from 1, as mbpoll -r and many manuals do (1 is address 0)");

    public Option[] All => [_address, _oneBased];

    /// <summary>The 0-based request address.</summary>
    public int Parse(ParseResult result)
    {
        string text = result.Required(_address);
        return result.GetValue(_oneBased) ? WholeNumber.Parse(_address.Name, text, 1, 0x10000) - 1 : WholeNumber.Parse(_address.Name, text, 0, 0xFFFF);
    }
}
