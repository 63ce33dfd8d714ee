using EnergyLogger.Core.Ports;

namespace EnergyLogger.Core.Provisioning
{
    /// <summary>
    /// Keeps the settings record in two files of an <see cref="IFileStore"/>: the current record and
    /// the last good one it replaced. Each file is written with the store's atomic replace, the previous
    /// record is refreshed before the current one changes, and the new record is read back before a save
    /// counts, so a power cut at any point leaves the old or the new settings, and flash that garbles a
    /// write leaves the old ones. A bad record is counted and skipped, never fatal (RELIABILITY S1).
    /// Sessions on port 4242 and the main loop may call in from different threads.
    /// </summary>
    public sealed class SettingsRepository
    {
        public const string CurrentName = "settings.rec";
        public const string PreviousName = "settings.prev";

        private readonly IFileStore _store;
        private readonly byte[] _buffer = new byte[SettingsRecord.MaxLength];
        private readonly object _gate = new object();
        private uint _sequence;
        private bool _loaded;

        public SettingsRepository(IFileStore store)
        {
            _store = store;
        }

        /// <summary>Records found unreadable since start-up (corrupt, torn, unknown version).</summary>
        public int BadRecords { get; private set; }

        /// <summary>Why the most recent unreadable record was refused.</summary>
        public RecordStatus LastBadRecord { get; private set; }

        /// <summary>Sequence number of the record loaded or saved last; 0 when none.</summary>
        public uint Sequence
        {
            get
            {
                lock (_gate)
                {
                    return _sequence;
                }
            }
        }

        /// <summary>Reads the newest good record; never fails, at worst it returns defaults.</summary>
        public SettingsSource Load(out DeviceSettings settings)
        {
            lock (_gate)
            {
                return LoadLocked(out settings);
            }
        }

        /// <summary>Stores the settings as the new current record; false leaves the stored settings as they were.</summary>
        public bool Save(DeviceSettings settings)
        {
            lock (_gate)
            {
                return SaveLocked(settings, true);
            }
        }

        /// <summary>
        /// Factory reset: removes the Wi-Fi, broker and Kaa credentials and keeps the rest (serial line,
        /// broker address, CA). The last good record goes too, so a later fallback cannot bring them back.
        /// </summary>
        public bool WipeCredentials()
        {
            lock (_gate)
            {
                DeviceSettings settings;
                LoadLocked(out settings);
                for (int i = 0; i < SettingFields.All.Length; i++)
                {
                    if (SettingFields.All[i].IsCredential)
                    {
                        settings.Reset(SettingFields.All[i]);
                    }
                }

                return SaveLocked(settings, false) && _store.Delete(PreviousName);
            }
        }

        private SettingsSource LoadLocked(out DeviceSettings settings)
        {
            _loaded = true;
            uint sequence;
            int length;
            settings = ReadRecord(CurrentName, out sequence, out length);
            if (settings != null)
            {
                _sequence = sequence;
                return SettingsSource.Current;
            }

            settings = ReadRecord(PreviousName, out sequence, out length);
            if (settings != null)
            {
                _sequence = sequence;
                return SettingsSource.LastGood;
            }

            settings = new DeviceSettings();
            return SettingsSource.Defaults;
        }

        private bool SaveLocked(DeviceSettings settings, bool keepPrevious)
        {
            if (!_loaded)
            {
                // The sequence number continues from what is stored, so it keeps counting across boots.
                DeviceSettings stored;
                LoadLocked(out stored);
            }

            // Only a good current record may become the last good one; a bad one must not evict it.
            uint sequence;
            int length;
            DeviceSettings current = ReadRecord(CurrentName, out sequence, out length);
            if (keepPrevious && current != null && !CopyToPrevious(length, sequence))
            {
                return false;
            }

            uint next = (current != null && sequence > _sequence ? sequence : _sequence) + 1;
            length = SettingsRecord.Encode(settings, next, _buffer, 0);
            if (!_store.Replace(CurrentName, _buffer, 0, length))
            {
                return false;
            }

            // Flash that accepted the write but kept other bytes must not pass for a save.
            if (ReadRecord(CurrentName, out sequence, out length) == null || sequence != next)
            {
                return false;
            }

            _sequence = next;
            return true;
        }

        /// <summary>Makes the good record in the buffer the last good one, read back before the current one may change.</summary>
        private bool CopyToPrevious(int length, uint sequence)
        {
            uint copied;
            int copiedLength;
            return _store.Replace(PreviousName, _buffer, 0, length)
                && ReadRecord(PreviousName, out copied, out copiedLength) != null
                && copied == sequence;
        }

        /// <summary>
        /// The settings in a file, or null when it is absent or bad (bad ones are counted). A good
        /// record stays in the buffer, <paramref name="length"/> bytes long.
        /// </summary>
        private DeviceSettings ReadRecord(string name, out uint sequence, out int length)
        {
            sequence = 0;
            length = _store.Length(name);
            if (length < 0)
            {
                return null;
            }

            DeviceSettings settings = null;
            RecordStatus status = RecordStatus.Malformed;
            if (length <= _buffer.Length && _store.Read(name, 0, _buffer, 0, length) == length)
            {
                status = SettingsRecord.Decode(_buffer, 0, length, out settings, out sequence);
            }

            if (status != RecordStatus.Ok)
            {
                BadRecords++;
                LastBadRecord = status;
            }

            return settings;
        }
    }
}
