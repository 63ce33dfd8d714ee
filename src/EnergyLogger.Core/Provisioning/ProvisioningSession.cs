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
        /// <summary>Port 4242 is locked after wrong codes, or the label record is unreadable (<see cref="AuthGate"/>).</summary>
        Locked,
    }

    /// <summary>
    /// One connection on port 4242, without the socket: bytes in, one reply line out per command line
    /// (docs/provisioning.md). The owner sends <see cref="Welcome"/> first, feeds received bytes to
    /// <see cref="Receive"/>, sends <see cref="Reply"/> whenever it is set, calls <see cref="CheckIdle"/> while
    /// waiting, and closes the connection once <see cref="IsOpen"/> turns false. The idle clock restarts only on a
    /// complete line, so a client trickling one byte at a time is cut off like a silent one. With a code on the
    /// label, every verb but <c>auth</c> is refused until the code was given. The lines of a <c>ca begin</c> block go to
    /// <see cref="CaBlockReader"/> instead of the verbs.
    /// </summary>
    public sealed class ProvisioningSession
    {
        /// <summary>The line a client sees on connecting when no code is set.</summary>
        public const string Greeting = "ok energy-logger provisioning, protocol 1; help lists the verbs";

        /// <summary>The line a client sees on connecting when the label has a code.</summary>
        public const string CodeGreeting = "ok energy-logger provisioning, protocol 1; send auth CODE first, with the code on the label";

        private readonly LineReader _reader = new LineReader(SettingsLimits.LineBytes);
        private readonly IClock _clock;
        private readonly int _idleTimeoutMs;
        private readonly AuthGate _gate;
        private bool _authenticated;
        private readonly CaBlockReader _caBlock;
        private long _lastLineMs;

        /// <summary>A session that asks for no code: the logger has no label.</summary>
        public ProvisioningSession(SettingsRepository repository, IClock clock, int idleTimeoutMs)
            : this(repository, clock, idleTimeoutMs, new AuthGate(new DeviceLabel(), clock))
        {
        }

        /// <param name="gate">The listener's one gate, shared by all its sessions, so wrong codes count across connections.</param>
        public ProvisioningSession(SettingsRepository repository, IClock clock, int idleTimeoutMs, AuthGate gate)
        {
            _clock = clock;
            _idleTimeoutMs = idleTimeoutMs;
            _gate = gate;
            _authenticated = !gate.Required;
            _lastLineMs = clock.MonotonicMs;
            Editor = new SettingsEditor(repository);
            _caBlock = new CaBlockReader(Editor);
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

        /// <summary>
        /// The first line the client gets: the greeting, or, while the port is locked or when the label record is
        /// unreadable, an error after which the session is over.
        /// </summary>
        public string Welcome()
        {
            if (!_gate.Required)
            {
                return Greeting;
            }

            if (_gate.Label.Status == LabelStatus.Unreadable)
            {
                End = SessionEnd.Locked;
                return Unreadable();
            }

            long locked = _gate.LockedForMs();
            if (locked > 0)
            {
                End = SessionEnd.Locked;
                return ProtocolReply.Error("auth", "locked after " + AuthGate.MaxFailures.ToString() + " wrong codes; try again in "
                    + ((locked + 999) / 1000).ToString() + " s; closing");
            }

            return CodeGreeting;
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

        /// <summary>The <c>auth</c> verb: the code goes to the gate and is never repeated or kept.</summary>
        internal string Authenticate(string code)
        {
            if (!_gate.Required)
            {
                return ProtocolReply.Ok("auth: this logger asks for no code");
            }

            if (_authenticated)
            {
                return ProtocolReply.Ok("auth: already accepted");
            }

            switch (_gate.Try(code.Trim()))
            {
                case AuthResult.Accepted:
                    _authenticated = true;
                    return ProtocolReply.Ok("auth: accepted; help lists the verbs");
                case AuthResult.Wrong:
                    int left = _gate.FailuresLeft;
                    return ProtocolReply.Error("auth", "wrong code; " + left.ToString() + (left == 1 ? " more try" : " more tries")
                        + " before port 4242 locks for " + (AuthGate.LockoutMs / 1000).ToString() + " s");
                case AuthResult.LockedOut:
                    End = SessionEnd.Locked;
                    return ProtocolReply.Error("auth", "port 4242 is locked for up to " + (AuthGate.LockoutMs / 1000).ToString()
                        + " s after " + AuthGate.MaxFailures.ToString() + " wrong codes; closing");
                default:
                    End = SessionEnd.Locked;
                    return Unreadable();
            }
        }

        /// <summary>A label field: whether it is set, nothing more.</summary>
        internal string LabelField(SettingField field)
        {
            return ProtocolReply.Ok(field.Name + (_gate.Label.IsSet(field) ? " (set)" : " (not set)"));
        }

        internal void BeginCaBlock()
        {
            _caBlock.Begin();
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
                    return _caBlock.IsOpen ? _caBlock.Line(line) : CommandLine(line);
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
            if (!_authenticated && name != ProvisioningVerbs.AuthVerb)
            {
                // Refused before the verb is looked up, so that nothing of the protocol shows without the code.
                return ProtocolReply.Error("auth", "send auth CODE first; the code is on the logger's label");
            }

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

        private static string Unreadable()
        {
            return ProtocolReply.Error("auth", "the label record is unreadable, so port 4242 stays closed; closing");
        }
    }
}
