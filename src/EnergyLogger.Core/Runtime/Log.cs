using System.Collections;
using System.Text;
using EnergyLogger.Core.Ports;

namespace EnergyLogger.Core.Runtime
{
    /// <summary>How much a log record matters; records below <see cref="Log.MinLevel"/> are not even formatted.</summary>
    public enum LogLevel
    {
        Debug,
        Info,
        Warn,
        Error,
    }

    /// <summary>
    /// One-line structured records in logfmt (docs/runtime.md, "Log format"):
    /// <c>t=123456 lvl=warn src=cloud msg="connect failed" reason="cannot reach broker"</c>. <c>t</c> is the
    /// monotonic time in ms, so lines from before the wall clock is set still order. Values with spaces, quotes
    /// or <c>=</c> are quoted; line breaks and control characters are escaped, so a record is always one line.
    /// Registered secrets are masked wherever they appear: a token that slips into a reason is never printed.
    /// Thread-safe: the supervisor and the provisioning sessions log from their own threads.
    /// </summary>
    public sealed class Log
    {
        public const string Mask = "***";

        // Shorter strings would mask ordinary words; every secret the settings hold is at least this long.
        private const int MinSecretLength = 4;

        private readonly ILog _sink;
        private readonly IClock _clock;
        private readonly ArrayList _secrets = new ArrayList();
        private readonly object _gate = new object();

        public Log(ILog sink, IClock clock)
        {
            _sink = sink;
            _clock = clock;
        }

        public LogLevel MinLevel { get; set; } = LogLevel.Info;

        /// <summary>Masks <paramref name="secret"/> in every later record (Wi-Fi key, broker password, Kaa token).</summary>
        public void AddSecret(string secret)
        {
            if (secret == null || secret.Length < MinSecretLength)
            {
                return;
            }

            lock (_gate)
            {
                if (!_secrets.Contains(secret))
                {
                    _secrets.Add(secret);
                }
            }
        }

        public bool Enabled(LogLevel level)
        {
            return _sink != null && level >= MinLevel;
        }

        public void Write(LogLevel level, string source, string message)
        {
            Write(level, source, message, null, null, null, null);
        }

        public void Write(LogLevel level, string source, string message, string key, string value)
        {
            Write(level, source, message, key, value, null, null);
        }

        public void Write(LogLevel level, string source, string message, string key1, string value1, string key2, string value2)
        {
            if (!Enabled(level))
            {
                return;
            }

            StringBuilder line = Begin(level, source, message);
            AppendField(line, key1, Redact(value1));
            AppendField(line, key2, Redact(value2));
            _sink.WriteLine(line.ToString());
        }

        /// <summary>A record with any number of fields: <paramref name="pairs"/> holds key, value, key, value...</summary>
        public void Write(LogLevel level, string source, string message, string[] pairs)
        {
            if (!Enabled(level))
            {
                return;
            }

            StringBuilder line = Begin(level, source, message);
            for (int i = 0; i + 1 < pairs.Length; i += 2)
            {
                AppendField(line, pairs[i], Redact(pairs[i + 1]));
            }

            _sink.WriteLine(line.ToString());
        }

        public static string LevelText(LogLevel level)
        {
            switch (level)
            {
                case LogLevel.Debug: return "debug";
                case LogLevel.Info: return "info";
                case LogLevel.Warn: return "warn";
                default: return "error";
            }
        }

        private StringBuilder Begin(LogLevel level, string source, string message)
        {
            var line = new StringBuilder(128);
            line.Append("t=").Append(_clock.MonotonicMs.ToString());
            line.Append(" lvl=").Append(LevelText(level));
            line.Append(" src=");
            AppendValue(line, source);
            line.Append(" msg=");
            AppendValue(line, Redact(message));
            return line;
        }

        private static void AppendField(StringBuilder line, string key, string value)
        {
            if (key == null)
            {
                return;
            }

            line.Append(' ').Append(key).Append('=');
            AppendValue(line, value);
        }

        /// <summary>Bare when the value needs no quoting, otherwise in double quotes with <c>\" \\ \n \r \t</c> and <c>\xNN</c> escapes.</summary>
        private static void AppendValue(StringBuilder line, string value)
        {
            if (value == null)
            {
                line.Append("\"\"");
                return;
            }

            if (value.Length > 0 && IsBare(value))
            {
                line.Append(value);
                return;
            }

            line.Append('"');
            for (int i = 0; i < value.Length; i++)
            {
                AppendEscaped(line, value[i]);
            }

            line.Append('"');
        }

        private static bool IsBare(string value)
        {
            for (int i = 0; i < value.Length; i++)
            {
                char c = value[i];
                if (c <= ' ' || c == '"' || c == '=' || c == '\\' || c == 0x7F)
                {
                    return false;
                }
            }

            return true;
        }

        private static void AppendEscaped(StringBuilder line, char c)
        {
            const string hex = "0123456789ABCDEF";
            switch (c)
            {
                case '"': line.Append("\\\""); return;
                case '\\': line.Append("\\\\"); return;
                case '\n': line.Append("\\n"); return;
                case '\r': line.Append("\\r"); return;
                case '\t': line.Append("\\t"); return;
            }

            if (c < ' ' || c == 0x7F)
            {
                line.Append("\\x").Append(hex[(c >> 4) & 0xF]).Append(hex[c & 0xF]);
                return;
            }

            line.Append(c);
        }

        /// <summary>Masks before escaping, so a secret with a quote or backslash in it is still found.</summary>
        private string Redact(string text)
        {
            if (text == null)
            {
                return null;
            }

            lock (_gate)
            {
                for (int i = 0; i < _secrets.Count; i++)
                {
                    text = ReplaceAll(text, (string)_secrets[i]);
                }
            }

            return text;
        }

        private static string ReplaceAll(string text, string secret)
        {
            int at = text.IndexOf(secret);
            if (at < 0)
            {
                return text;
            }

            var result = new StringBuilder(text.Length);
            int from = 0;
            while (at >= 0)
            {
                result.Append(text.Substring(from, at - from)).Append(Mask);
                from = at + secret.Length;
                at = text.IndexOf(secret, from);
            }

            result.Append(text.Substring(from));
            return result.ToString();
        }
    }
}
