namespace EnergyLogger.NanoCheck.Metadata;

/// <summary>
/// A file that cannot be read as a .NET assembly, or an allow list that cannot be parsed: the command
/// prints its one-line message and exits 2, which keeps "bad input" apart from "the check failed" (1).
/// </summary>
public sealed class InputException : Exception
{
    public InputException(string message)
        : base(message)
    {
    }

    public InputException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
