using System.Text;
using EnergyLogger.Core.Json;

namespace EnergyLogger.Core.Provisioning
{
    /// <summary>What one byte fed to a <see cref="LineReader"/> completed.</summary>
    public enum LineStatus
    {
        /// <summary>No line is complete yet.</summary>
        Pending,
        /// <summary>A well-formed line is ready in <see cref="LineReader.Text"/>.</summary>
        Line,
        /// <summary>The line passed the cap; the rest of it, up to its line end, is dropped unread (RELIABILITY P1).</summary>
        TooLong,
        /// <summary>A complete line that is not UTF-8 (RFC 3629, 4).</summary>
        NotUtf8,
        /// <summary>A complete line holding a control character, tab included.</summary>
        ControlCharacter,
    }

    /// <summary>
    /// Splits the port-4242 byte stream into lines, one byte at a time, holding at most the cap.
    /// A line ends at LF, CR LF or a lone CR, so nc, PuTTY raw and telnet-style clients all work;
    /// the LF or NUL a client sends after its CR is not an empty line.
    /// </summary>
    public sealed class LineReader
    {
        private const byte Cr = 13;
        private const byte Lf = 10;

        private readonly byte[] _line;
        private int _length;
        private bool _afterCr;
        private bool _delivered;
        private bool _discarding;

        public LineReader(int maxBytes)
        {
            _line = new byte[maxBytes];
        }

        public int MaxBytes => _line.Length;

        /// <summary>Bytes held for the line being read; never more than <see cref="MaxBytes"/>.</summary>
        public int Length => _length;

        public LineStatus Feed(byte value)
        {
            if (_delivered)
            {
                _delivered = false;
                _length = 0;
            }

            if (_afterCr)
            {
                _afterCr = false;
                if (value == Lf || value == 0)
                {
                    return LineStatus.Pending;
                }
            }

            if (value == Cr || value == Lf)
            {
                _afterCr = value == Cr;
                return EndOfLine();
            }

            if (_discarding)
            {
                return LineStatus.Pending;
            }

            if (_length == _line.Length)
            {
                _discarding = true;
                _length = 0;
                return LineStatus.TooLong;
            }

            _line[_length++] = value;
            return LineStatus.Pending;
        }

        /// <summary>The line just completed; call only after Feed returned <see cref="LineStatus.Line"/>.</summary>
        public string Text()
        {
            return Encoding.UTF8.GetString(_line, 0, _length);
        }

        private LineStatus EndOfLine()
        {
            _delivered = true;
            if (_discarding)
            {
                _discarding = false;
                return LineStatus.Pending;
            }

            int pos = 0;
            while (pos < _length)
            {
                byte b = _line[pos];
                if (b < 0x20 || b == 0x7F)
                {
                    return LineStatus.ControlCharacter;
                }

                int sequence = Utf8.SequenceLength(_line, pos, _length);
                if (sequence == 0)
                {
                    return LineStatus.NotUtf8;
                }

                pos += sequence;
            }

            return LineStatus.Line;
        }
    }
}
