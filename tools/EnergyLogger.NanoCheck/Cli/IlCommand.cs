namespace EnergyLogger.NanoCheck.Cli;

public static class IlCommand
{
    public sealed record Options(string? AllowFile, bool Strict, IReadOnlyList<string> Files);

    public static Options Parse(string[] args) => throw new UsageException("il: not yet");

    public static int Run(Options options, TextWriter output) => 0;
}
