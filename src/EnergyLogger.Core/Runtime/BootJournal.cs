using System.Text;
using EnergyLogger.Core.Cloud;
using EnergyLogger.Core.Ports;

namespace EnergyLogger.Core.Runtime
{
    /// <summary>
    /// Survives reboots in one small CRC-checked file: how many boots in a row failed, why the last run ended,
    /// and a count of boots. The count is also the epoch of the samples' sequence numbers (docs/telemetry-schema.md,
    /// "seq"), so it must never go back: before a boot numbers its first sample (<see cref="KeepEpoch"/>) the record is
    /// copied to a second file, and a boot whose journal cannot be read counts on from the copy. A boot counts as failed until the main loop has run long enough to be proven
    /// (<see cref="MarkProven"/>); a deliberate restart (command, provisioning, update, factory reset) or a clean
    /// stop clears the count, a stall or a crash keeps it, and a boot that could not start for a configuration error is
    /// taken back (<see cref="Withdraw"/>), as if it had never begun. After <see cref="RuntimeOptions.MaxFailedBoots"/> failed boots in
    /// a row the next boot runs in safe mode (RELIABILITY W1). It also keeps how the runs before ended, so the
    /// diagnostics show the last three ends. Layout: "ELBJ" | version u8 = 2 | boots u32 | failed u8 | reason u8 |
    /// earlier ends 3 x u8 (newest first, 0xFF for none) | detail length u8 | detail (UTF-8) | CRC-32 u32, integers
    /// big-endian; a version 1 record (without the earlier ends) is still read. An unreadable file counts as a run that
    /// ended for an unknown reason (RELIABILITY S1), never as a crash. The supervisor writes from its own thread, so
    /// every access holds a lock.
    /// </summary>
    public sealed class BootJournal
    {
        public const string FileName = "boot.rec";

        /// <summary>The copy written once per boot that numbers samples (and per new epoch): a damaged journal loses the reason, never the count.</summary>
        public const string CopyName = "boot.bak";
        public const int MaxDetailBytes = 120;

        /// <summary>How many ends of earlier runs the record keeps, and <see cref="History"/> shows.</summary>
        public const int HistoryLength = 3;

        private const byte Version = 2;
        private const byte FirstVersion = 1;
        private const int HeaderBytes = 15;
        private const int FirstVersionHeaderBytes = 12;
        private const int CrcBytes = 4;
        private const byte NoReason = 0xFF;

        private readonly IFileStore _store;
        private readonly int _maxFailedBoots;
        private readonly byte[] _buffer = new byte[HeaderBytes + MaxDetailBytes + CrcBytes];
        private readonly object _gate = new object();
        private readonly byte[] _earlier = new byte[HistoryLength];
        private int _failed;
        private bool _proven;

        // Whether this boot's count is in the copy.
        private bool _copied;

        // What Begin read, for Withdraw.
        private readonly byte[] _earlierBefore = new byte[HistoryLength];
        private uint _bootsBefore;
        private ResetReason _reasonBefore;

        // Set by the first RecordRestart: the run is ending, and the loop (still running until the reboot
        // lands) must not overwrite the reason the supervisor stored.
        private bool _ending;

        public BootJournal(IFileStore store, int maxFailedBoots)
        {
            _store = store;
            _maxFailedBoots = maxFailedBoots;
        }

        /// <summary>This boot's number, counted from the first start (1).</summary>
        public uint Boots { get; private set; }

        /// <summary>Boots in a row that ended badly before this one.</summary>
        public int FailedBootsBefore { get; private set; }

        public ResetReason PreviousReason { get; private set; }

        /// <summary>What the previous run said about its end ("no heartbeat for 120000 ms in poll"); empty when nothing.</summary>
        public string PreviousDetail { get; private set; } = "";

        /// <summary>How the last runs ended, newest first (<see cref="PreviousReason"/> is the first): at most <see cref="HistoryLength"/>.</summary>
        public ResetReason[] History { get; private set; } = new ResetReason[0];

        /// <summary>Too many failed boots in a row: run provisioning, the cloud link and OTA only.</summary>
        public bool SafeMode { get; private set; }

        /// <summary>Writes that failed; the journal then keeps its old content.</summary>
        public int WriteErrors { get; private set; }

        /// <summary>
        /// Reads what the last run left and counts this boot as failed until <see cref="MarkProven"/>: if it
        /// dies without a word, the next boot sees <see cref="ResetReason.Unknown"/> and one more failure.
        /// </summary>
        public void Begin()
        {
            lock (_gate)
            {
                uint boots;
                int failed;
                ResetReason reason;
                string detail;
                Read(out boots, out failed, out reason, out detail);
                System.Array.Copy(_earlier, _earlierBefore, HistoryLength);
                _bootsBefore = boots;
                _reasonBefore = reason;
                uint copied = CopiedBoots();
                Boots = (copied > boots ? copied : boots) + 1;
                FailedBootsBefore = failed;
                PreviousReason = reason;
                PreviousDetail = detail;
                RememberEnd(reason);
                SafeMode = failed >= _maxFailedBoots;
                _proven = false;
                _ending = false;
                _failed = failed < 255 ? failed + 1 : 255;
                _copied = false;
                Write(ResetReason.Unknown, "");
            }
        }

        /// <summary>
        /// This boot's count is about to number samples: it goes to the copy too (once per boot), so that no later boot
        /// can count the same again, whatever becomes of the journal. Boots that number nothing (provisioning, safe mode)
        /// write no copy.
        /// </summary>
        public void KeepEpoch()
        {
            lock (_gate)
            {
                if (!_copied)
                {
                    _copied = true;
                    WriteCopy();
                }
            }
        }

        /// <summary>
        /// Counts on to a new epoch without a reboot, for a boot that has numbered all the samples one epoch holds;
        /// returns it. Stored in both files like a boot.
        /// </summary>
        public uint NewEpoch()
        {
            lock (_gate)
            {
                Boots++;
                // The record as it stands, with the new count: a reason the run already stored stays.
                Write((ResetReason)_buffer[10], Encoding.UTF8.GetString(_buffer, HeaderBytes, _buffer[HeaderBytes - 1]));
                WriteCopy();
                return Boots;
            }
        }

        /// <summary>The boot did what a boot must: the failure count starts again at zero.</summary>
        public void MarkProven()
        {
            lock (_gate)
            {
                if (_proven || _ending)
                {
                    return;
                }

                _proven = true;
                _failed = 0;
                Write(ResetReason.Unknown, "");
            }
        }

        /// <summary>Stores why this run is about to end; call just before the reboot. The first reason stays.</summary>
        public void RecordRestart(ResetReason reason, string detail)
        {
            lock (_gate)
            {
                if (_ending)
                {
                    return;
                }

                _ending = true;
                if (ResetReasonText.IsDeliberate(reason))
                {
                    _failed = 0;
                }
                else if (_failed == 0)
                {
                    // A proven boot that stalls or crashes later still counts as one failure.
                    _failed = 1;
                }

                Write(reason, detail ?? "");
            }
        }

        /// <summary>
        /// This boot could not start because of how it was set up (no settings, a serial adapter that is not there,
        /// a port in use): the journal goes back to what the previous run left, so that a service manager starting
        /// the logger again and again until the adapter appears never talks it into safe mode.
        /// </summary>
        public void Withdraw()
        {
            lock (_gate)
            {
                if (_ending)
                {
                    return;
                }

                _ending = true;
                Boots = _bootsBefore;
                _failed = FailedBootsBefore;
                System.Array.Copy(_earlierBefore, _earlier, HistoryLength);
                Write(_reasonBefore, PreviousDetail);
            }
        }

        /// <summary>The stored record's fields; the earlier ends it keeps go to <see cref="_earlier"/>.</summary>
        private void Read(out uint boots, out int failed, out ResetReason reason, out string detail)
        {
            boots = 0;
            failed = 0;
            reason = ResetReason.FirstStart;
            detail = "";
            ForgetEarlier();
            int length = _store.Length(FileName);
            if (length < 0)
            {
                return;
            }

            reason = ResetReason.Unknown;
            int header = length < FirstVersionHeaderBytes + CrcBytes || length > _buffer.Length || _store.Read(FileName, 0, _buffer, 0, length) != length
                ? -1
                : HeaderOf(length);
            if (header < 0)
            {
                detail = "boot journal unreadable";
                return;
            }

            boots = ReadUInt32(_buffer, 5);
            failed = _buffer[9];
            reason = ReasonOf(_buffer[10]);
            for (int i = 0; header == HeaderBytes && i < HistoryLength; i++)
            {
                _earlier[i] = _buffer[11 + i];
            }

            detail = Encoding.UTF8.GetString(_buffer, header, _buffer[header - 1]);
        }

        /// <summary>The boot count the copy holds; 0 when there is none or it cannot be read.</summary>
        private uint CopiedBoots()
        {
            int length = _store.Length(CopyName);
            bool readable = length >= FirstVersionHeaderBytes + CrcBytes && length <= _buffer.Length
                && _store.Read(CopyName, 0, _buffer, 0, length) == length && HeaderOf(length) > 0;
            return readable ? ReadUInt32(_buffer, 5) : 0;
        }

        /// <summary>The header length of a valid record of either version, or -1.</summary>
        private int HeaderOf(int length)
        {
            if (_buffer[0] != (byte)'E' || _buffer[1] != (byte)'L' || _buffer[2] != (byte)'B' || _buffer[3] != (byte)'J')
            {
                return -1;
            }

            int header = _buffer[4] == Version ? HeaderBytes : _buffer[4] == FirstVersion ? FirstVersionHeaderBytes : -1;
            if (header < 0 || length < header + CrcBytes)
            {
                return -1;
            }

            int detail = _buffer[header - 1];
            if (detail > MaxDetailBytes || length != header + detail + CrcBytes)
            {
                return -1;
            }

            return Crc32.Compute(_buffer, 0, header + detail) == ReadUInt32(_buffer, header + detail) ? header : -1;
        }

        /// <summary>Stopped is the last reason; one a newer firmware added reads as unknown after a rollback.</summary>
        private static ResetReason ReasonOf(byte stored)
        {
            return stored <= (byte)ResetReason.Stopped ? (ResetReason)stored : ResetReason.Unknown;
        }

        private void ForgetEarlier()
        {
            for (int i = 0; i < HistoryLength; i++)
            {
                _earlier[i] = NoReason;
            }
        }

        /// <summary>The previous run's end goes in front of the ends the record kept: this boot's history, and what it stores.</summary>
        private void RememberEnd(ResetReason reason)
        {
            int known = 1;
            while (known < HistoryLength && _earlier[known - 1] != NoReason)
            {
                known++;
            }

            for (int i = HistoryLength - 1; i > 0; i--)
            {
                _earlier[i] = _earlier[i - 1];
            }

            _earlier[0] = (byte)reason;
            var history = new ResetReason[known];
            for (int i = 0; i < known; i++)
            {
                history[i] = ReasonOf(_earlier[i]);
            }

            History = history;
        }

        private void Write(ResetReason reason, string detail)
        {
            byte[] text = Encoding.UTF8.GetBytes(Fit(detail));
            _buffer[0] = (byte)'E';
            _buffer[1] = (byte)'L';
            _buffer[2] = (byte)'B';
            _buffer[3] = (byte)'J';
            _buffer[4] = Version;
            WriteUInt32(_buffer, 5, Boots);
            _buffer[9] = (byte)_failed;
            _buffer[10] = (byte)reason;
            System.Array.Copy(_earlier, 0, _buffer, 11, HistoryLength);
            _buffer[HeaderBytes - 1] = (byte)text.Length;
            System.Array.Copy(text, 0, _buffer, HeaderBytes, text.Length);
            int body = HeaderBytes + text.Length;
            WriteUInt32(_buffer, body, Crc32.Compute(_buffer, 0, body));
            if (!_store.Replace(FileName, _buffer, 0, body + CrcBytes))
            {
                WriteErrors++;
            }
        }

        /// <summary>The record just written, again under <see cref="CopyName"/>; only its boot count is ever read back.</summary>
        private void WriteCopy()
        {
            int length = HeaderBytes + _buffer[HeaderBytes - 1] + CrcBytes;
            if (!_store.Replace(CopyName, _buffer, 0, length))
            {
                WriteErrors++;
            }
        }

        /// <summary>Cuts whole characters off the end until the UTF-8 form fits the record.</summary>
        private static string Fit(string detail)
        {
            string text = detail.Length > MaxDetailBytes ? detail.Substring(0, MaxDetailBytes) : detail;
            while (Encoding.UTF8.GetBytes(text).Length > MaxDetailBytes)
            {
                text = text.Substring(0, text.Length - 1);
            }

            return text;
        }

        private static uint ReadUInt32(byte[] b, int at)
        {
            return ((uint)b[at] << 24) | ((uint)b[at + 1] << 16) | ((uint)b[at + 2] << 8) | b[at + 3];
        }

        private static void WriteUInt32(byte[] b, int at, uint v)
        {
            b[at] = (byte)(v >> 24);
            b[at + 1] = (byte)(v >> 16);
            b[at + 2] = (byte)(v >> 8);
            b[at + 3] = (byte)v;
        }
    }
}
