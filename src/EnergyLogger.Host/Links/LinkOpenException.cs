namespace EnergyLogger.Host.Links;

/// <summary>A port or connection that could not be opened; the message says which and why, in one line.</summary>
internal sealed class LinkOpenException(string message) : IOException(message);
