namespace EnergyLogger.Host.Cli;

/// <summary>A mistake in how a command was called or configured; printed as one line, exit code 2.</summary>
internal sealed class UsageException(string message) : Exception(message);
