using EnergyLogger.Core.Cloud;
using EnergyLogger.Core.Json;

namespace EnergyLogger.Core.Runtime
{
    /// <summary>
    /// <c>set_log_level</c>: <c>{"level":"debug"}</c> (debug, info, warn or error) until the next restart, which starts at
    /// info again, so a forgotten debug level cannot outlive a reboot.
    /// </summary>
    internal sealed class LogLevelCommand : ICommandHandler
    {
        private readonly Log _log;

        public LogLevelCommand(Log log)
        {
            _log = log;
        }

        public string Type => "set_log_level";

        public void Execute(JsonDocument doc, int payload, CommandReply reply)
        {
            int token = payload < 0 ? -1 : doc.Member(payload, "level");
            int level = -1;
            for (int i = (int)LogLevel.Debug; token >= 0 && doc.Kind(token) == JsonKind.String && i <= (int)LogLevel.Error; i++)
            {
                if (doc.StringEquals(token, Log.LevelText((LogLevel)i)))
                {
                    level = i;
                }
            }

            if (level < 0)
            {
                reply.Fail(400, "level: debug, info, warn or error");
                return;
            }

            // Written before the change, so that a level above info still leaves a trace of who set it.
            LogLevel previous = _log.MinLevel;
            _log.Write(LogLevel.Info, "log", "level set by the cloud", "level", Log.LevelText((LogLevel)level), "previous", Log.LevelText(previous));
            _log.MinLevel = (LogLevel)level;
            reply.Begin(200, "OK");
            JsonWriter w = reply.Writer;
            w.Name("level");
            w.String(Log.LevelText((LogLevel)level));
            w.Name("previous");
            w.String(Log.LevelText(previous));
        }
    }
}
