namespace EnergyLogger.Host.Cli;

/// <summary>
/// <c>--address A [--one-based]</c> of read and write. The address is the one the request carries, counted from 0
/// (MODBUS Application Protocol 4.4); mbpoll and many manuals count registers from 1, which <c>--one-based</c> takes.
/// </summary>
internal static class AddressOption
{
    public static readonly string[] HelpLines =
    [
        "  --address A               first address as the request carries it, counted from 0 (decimal or 0x hex):",
        "                            a manual's holding register 40001 or input register 30001 is address 0",
        "  --one-based               --address counts from 1, as mbpoll -r and many manuals do (1 is address 0)",
    ];

    /// <summary>The 0-based request address.</summary>
    public static int Parse(CommandLine cli) =>
        cli.Flag("one-based") ? cli.RequiredInt("address", 1, 0x10000) - 1 : cli.RequiredInt("address", 0, 0xFFFF);
}
