using EnergyLogger.Core.Ports;
using Microsoft.Extensions.Logging;

namespace EnergyLogger.Host.Device;

/// <summary>
/// Log records as a service under systemd writes them: through the host's logger, whose systemd console formatter
/// puts the record's priority in front of each line (<c>&lt;6&gt;</c> info, <c>&lt;4&gt;</c> warn...), which journald
/// files it under. The record keeps its text; its level is the one Core wrote into it (<c>lvl=</c>).
/// </summary>
internal sealed class JournalLog(ILogger logger) : ILog
{
    public void WriteLine(string line) => logger.Log(LevelOf(line), "{Record}", line);

    private static LogLevel LevelOf(string line)
    {
        int at = line.IndexOf(" lvl=", StringComparison.Ordinal);
        ReadOnlySpan<char> rest = at < 0 ? "" : line.AsSpan(at + " lvl=".Length);
        return rest switch
        {
            _ when rest.StartsWith("error") => LogLevel.Error,
            _ when rest.StartsWith("warn") => LogLevel.Warning,
            _ when rest.StartsWith("debug") => LogLevel.Debug,
            _ => LogLevel.Information,
        };
    }
}
