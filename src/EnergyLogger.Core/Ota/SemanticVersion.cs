namespace EnergyLogger.Core.Ota
{
    /// <summary>
    /// A version as Semantic Versioning 2.0.0 defines it: MAJOR.MINOR.PATCH, an optional pre-release after
    /// '-' and optional build metadata after '+'. Parsing is strict (section 2: no leading zeros; section 9:
    /// identifiers of [0-9A-Za-z-], none empty). Each number must fit an int, and the text is at most
    /// <see cref="MaxLength"/> characters, which is what a device needs to hold.
    /// </summary>
    public sealed class SemanticVersion
    {
        public const int MaxLength = 64;

        private SemanticVersion(string text, int major, int minor, int patch, string preRelease)
        {
            Text = text;
            Major = major;
            Minor = minor;
            Patch = patch;
            PreRelease = preRelease;
        }

        public string Text { get; }

        public int Major { get; }

        public int Minor { get; }

        public int Patch { get; }

        /// <summary>The pre-release identifiers ("rc.1"), or empty for a release.</summary>
        public string PreRelease { get; }

        /// <summary>The version, or null when the text is not a strict semantic version.</summary>
        public static SemanticVersion Parse(string text)
        {
            if (text == null || text.Length == 0 || text.Length > MaxLength)
            {
                return null;
            }

            int pos = 0;
            int major, minor, patch;
            if (!ReadNumber(text, ref pos, out major) || !Expect(text, ref pos, '.')
                || !ReadNumber(text, ref pos, out minor) || !Expect(text, ref pos, '.')
                || !ReadNumber(text, ref pos, out patch))
            {
                return null;
            }

            string preRelease = string.Empty;
            if (pos < text.Length && text[pos] == '-')
            {
                int start = ++pos;
                if (!ReadIdentifiers(text, ref pos, true))
                {
                    return null;
                }

                preRelease = text.Substring(start, pos - start);
            }

            if (pos < text.Length && text[pos] == '+')
            {
                pos++;
                if (!ReadIdentifiers(text, ref pos, false))
                {
                    return null;
                }
            }

            return pos == text.Length ? new SemanticVersion(text, major, minor, patch, preRelease) : null;
        }

        /// <summary>Precedence (section 11): negative, zero or positive. Build metadata does not count.</summary>
        public int CompareTo(SemanticVersion other)
        {
            int c = Compare(Major, other.Major);
            if (c == 0)
            {
                c = Compare(Minor, other.Minor);
            }

            if (c == 0)
            {
                c = Compare(Patch, other.Patch);
            }

            if (c != 0)
            {
                return c;
            }

            // 11.3: a pre-release ranks below the release it precedes.
            if (PreRelease.Length == 0 || other.PreRelease.Length == 0)
            {
                return Compare(other.PreRelease.Length, PreRelease.Length);
            }

            return ComparePreRelease(PreRelease, other.PreRelease);
        }

        public override string ToString()
        {
            return Text;
        }

        private static int Compare(int a, int b)
        {
            return a < b ? -1 : (a > b ? 1 : 0);
        }

        /// <summary>11.4: identifier by identifier; numbers by value and below text; text in ASCII order; more identifiers rank higher.</summary>
        private static int ComparePreRelease(string a, string b)
        {
            int ia = 0, ib = 0;
            while (ia < a.Length && ib < b.Length)
            {
                int ea = IdentifierEnd(a, ia);
                int eb = IdentifierEnd(b, ib);
                int c = CompareIdentifier(a, ia, ea, b, ib, eb);
                if (c != 0)
                {
                    return c;
                }

                ia = ea + 1;
                ib = eb + 1;
            }

            return Compare(ia < a.Length ? 1 : 0, ib < b.Length ? 1 : 0);
        }

        private static int CompareIdentifier(string a, int sa, int ea, string b, int sb, int eb)
        {
            bool numericA = AllDigits(a, sa, ea);
            bool numericB = AllDigits(b, sb, eb);
            if (numericA != numericB)
            {
                return numericA ? -1 : 1;
            }

            // Numeric identifiers have no leading zeros, so the longer one is the larger.
            if (numericA && ea - sa != eb - sb)
            {
                return Compare(ea - sa, eb - sb);
            }

            for (int i = 0; sa + i < ea && sb + i < eb; i++)
            {
                if (a[sa + i] != b[sb + i])
                {
                    return a[sa + i] < b[sb + i] ? -1 : 1;
                }
            }

            return Compare(ea - sa, eb - sb);
        }

        private static int IdentifierEnd(string s, int start)
        {
            int end = start;
            while (end < s.Length && s[end] != '.')
            {
                end++;
            }

            return end;
        }

        private static bool AllDigits(string s, int start, int end)
        {
            for (int i = start; i < end; i++)
            {
                if (s[i] < '0' || s[i] > '9')
                {
                    return false;
                }
            }

            return true;
        }

        private static bool Expect(string text, ref int pos, char c)
        {
            if (pos < text.Length && text[pos] == c)
            {
                pos++;
                return true;
            }

            return false;
        }

        /// <summary>A numeric identifier: "0" or a digit string without a leading zero, within int.</summary>
        private static bool ReadNumber(string text, ref int pos, out int value)
        {
            value = 0;
            int start = pos;
            long v = 0;
            while (pos < text.Length && text[pos] >= '0' && text[pos] <= '9')
            {
                v = (v * 10) + (text[pos] - '0');
                if (v > int.MaxValue)
                {
                    return false;
                }

                pos++;
            }

            if (pos == start || (text[start] == '0' && pos - start > 1))
            {
                return false;
            }

            value = (int)v;
            return true;
        }

        /// <summary>Dot-separated non-empty identifiers; numeric pre-release identifiers may not have leading zeros.</summary>
        private static bool ReadIdentifiers(string text, ref int pos, bool preRelease)
        {
            while (true)
            {
                int start = pos;
                while (pos < text.Length && IsIdentifierChar(text[pos]))
                {
                    pos++;
                }

                if (pos == start || (preRelease && pos - start > 1 && text[start] == '0' && AllDigits(text, start, pos)))
                {
                    return false;
                }

                if (pos == text.Length || text[pos] != '.')
                {
                    return true;
                }

                pos++;
            }
        }

        private static bool IsIdentifierChar(char c)
        {
            return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-';
        }
    }
}
