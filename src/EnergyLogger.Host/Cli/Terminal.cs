namespace EnergyLogger.Host.Cli;

/// <summary>Whether standard output is a terminal a live view can redraw in place, rather than a pipe or a file.</summary>
internal static class Terminal
{
    public static bool IsInteractive => !Console.IsOutputRedirected && Environment.GetEnvironmentVariable("TERM") is not (null or "dumb");
}
