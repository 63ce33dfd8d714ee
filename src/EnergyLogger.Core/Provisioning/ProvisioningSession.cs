using System.Text;
using EnergyLogger.Core.Ports;

namespace EnergyLogger.Core.Provisioning
{
    /// <summary>Why a provisioning session ended.</summary>
    public enum SessionEnd
    {
        /// <summary>Still open.</summary>
        None,
        Quit,
        /// <summary>Settings stored; the owner reboots the device into station mode.</summary>
        Applied,
        /// <summary>A line passed the cap (RELIABILITY P1).</summary>
        LineTooLong,
        /// <summary>No complete line within the idle timeout (RELIABILITY P3).</summary>
        IdleTimeout,
    }

    /// <summary>
    /// One connection on port 4242, without the socket: bytes in, one reply line out per command line
    /// (docs/provisioning.md). The owner feeds received bytes to <see cref="Receive"/>, sends
    /// <see cref="Reply"/> whenever it is set, calls <see cref="CheckIdle"/> while waiting, and closes
    /// the connection once <see cref="IsOpen"/> turns false. The idle clock restarts only on a complete
    /// line, so a client trickling one byte at a time is cut off like a silent one.
    /// </summary>
    public sealed partial class ProvisioningSession
    {
        /// <summary>The line a client sees on connecting.</summary>
        public const string Greeting = "ok energy-logger provisioning, protocol 1; help lists the verbs";

        private readonly LineReader _reader = new LineReader(SettingsLimits.LineBytes);
        private readonly IClock _clock;
        private readonly int _idleTimeoutMs;
        private long _lastLineMs;
        private bool _inBlock;
        private StringBuilder _block;
        private string _blockError;

        public ProvisioningSession(SettingsRepository repository, IClock clock, int idleTimeoutMs)
        {
            _clock = clock;
            _idleTimeoutMs = idleTimeoutMs;
            _lastLineMs = clock.MonotonicMs;
            Editor = new SettingsEditor(repository);
        }

        public SettingsEditor Editor { get; }

        public SessionEnd End { get; private set; }

        public bool IsOpen => End == SessionEnd.None;

        /// <summary>The reply to the line the last call completed, without its line end; null when there is none.</summary>
        public string Reply { get; private set; }

        /// <summary>Bytes held for the line being read; bounded by <see cref="SettingsLimits.LineBytes"/>.</summary>
        public int Buffered => _reader.Length;

        /// <summary>
        /// Reads bytes up to the end of the first complete line and answers it. Returns how many bytes
        /// were used; the caller passes the rest in the next call.
        /// </summary>
        public int Receive(byte[] data, int offset, int count)
        {
            Reply = null;
            for (int i = 0; i < count && IsOpen; i++)
            {
                LineStatus status = _reader.Feed(data[offset + i]);
                if (status != LineStatus.Pending)
                {
                    _lastLineMs = _clock.MonotonicMs;
                    Reply = Answer(status);
                    return i + 1;
                }
            }

            return count;
        }

        /// <summary>Ends the session when no line completed within the idle timeout; true if it just did.</summary>
        public bool CheckIdle()
        {
            Reply = null;
            if (!IsOpen || _clock.MonotonicMs - _lastLineMs < _idleTimeoutMs)
            {
                return false;
            }

            End = SessionEnd.IdleTimeout;
            Reply = ProtocolReply.Error("idle", "no command for " + (_idleTimeoutMs / 1000).ToString() + " s; closing");
            return true;
        }

        internal void Close(SessionEnd end)
        {
            End = end;
        }

        internal void BeginCaBlock()
        {
            _inBlock = true;
            _block = new StringBuilder();
            _blockError = null;
        }

        private string Answer(LineStatus status)
        {
            switch (status)
            {
                case LineStatus.TooLong:
                    End = SessionEnd.LineTooLong;
                    return ProtocolReply.Error("line", "longer than " + SettingsLimits.LineBytes.ToString() + " bytes; closing");
                case LineStatus.NotUtf8:
                    return ProtocolReply.Error("line", "not valid UTF-8");
                case LineStatus.ControlCharacter:
                    return ProtocolReply.Error("line", "control characters are not allowed");
                default:
                    string line = _reader.Text();
                    return _inBlock ? BlockLine(line) : CommandLine(line);
            }
        }

        private string CommandLine(string line)
        {
            string text = line.TrimStart();
            if (text.Length == 0 || text[0] == '#')
            {
                return null;
            }

            int space = text.IndexOf(' ');
            string name = (space < 0 ? text : text.Substring(0, space)).ToLower();
            string argument = space < 0 ? "" : text.Substring(space + 1);
            ProtocolVerb verb = ProvisioningVerbs.Find(name);
            if (verb == null)
            {
                return ProtocolReply.Error("verb", "unknown; help lists the verbs");
            }

            if (!verb.TakesArgument && argument.Trim().Length != 0)
            {
                return ProtocolReply.Error(verb.Name, "takes nothing after it");
            }

            return verb.Handler(this, argument);
        }
    }
}
