// Shared with the nanoFramework test assemblies: C# 9, no generics, no nullable annotations.
#nullable disable
using System.Text;

namespace EnergyLogger.Transcripts
{
    /// <summary>
    /// The transcript being produced. Script lines are copied at the left margin; what the ports saw is recorded
    /// two spaces in, each record preceded by a <c>clock</c> line (milliseconds since the boot) whenever the
    /// virtual time moved since the last one.
    /// </summary>
    public sealed class TranscriptWriter
    {
        public const string Indent = "  ";
        public const string ClockPrefix = "clock ";

        private readonly StringBuilder _text = new StringBuilder(16384);
        private TranscriptClock _clock;
        private long _lastClock = -1;

        /// <summary>Lines written so far: the position in the expected transcript a replay has reached.</summary>
        public int LineCount { get; private set; }

        /// <summary>While set, records are dropped (setting up the flash before the first boot).</summary>
        public bool Muted { get; set; }

        public string Text => _text.ToString();

        public void Attach(TranscriptClock clock)
        {
            _clock = clock;
        }

        /// <summary>A line of the script, as written.</summary>
        public void Script(string line)
        {
            Append(line);
        }

        /// <summary>Something a port saw: an output of the logger or an input it was given.</summary>
        public void Record(string line)
        {
            if (Muted)
            {
                return;
            }

            long now = _clock == null ? 0 : _clock.SinceBootMs;
            if (now != _lastClock)
            {
                _lastClock = now;
                Append(Indent + ClockPrefix + now.ToString());
            }

            Append(Indent + line);
        }

        /// <summary>The clock restarts at a boot; the next record states the time again.</summary>
        public void Restart()
        {
            _lastClock = -1;
        }

        private void Append(string line)
        {
            _text.Append(line);
            _text.Append('\n');
            LineCount++;
        }
    }
}
