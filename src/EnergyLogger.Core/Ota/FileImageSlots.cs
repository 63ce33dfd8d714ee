using EnergyLogger.Core.Ports;

namespace EnergyLogger.Core.Ota
{
    /// <summary>
    /// Image slots as files (docs/ota.md, "File slots"): each slot is a run of 64 KB segment files
    /// ("ota-a.00", "ota-a.01", ...) holding one package byte for byte, and the boot state is a
    /// <see cref="BootRecord"/> written alternately to "ota-boot.0" and "ota-boot.1". <see cref="Boot"/> is
    /// the loader's decision at power-on, after MCUboot: a pending image starts its trial, an image that
    /// used up its trial boots without confirming is rolled back. Every state change is one record write,
    /// written only after the data it points to is stored, so a power cut at any write leaves the device
    /// booting the old image or the new one, never neither (RELIABILITY O4).
    /// </summary>
    public sealed partial class FileImageSlots : IImageSlots
    {
        public const int SegmentLength = 65536;
        public const int MaxSegments = (UpdatePackage.MaxPackageLength + SegmentLength - 1) / SegmentLength;

        private static readonly string[] RecordNames = { "ota-boot.0", "ota-boot.1" };

        private readonly IFileStore _store;
        private readonly int _maxTrialBoots;
        private readonly BootRecord _record = new BootRecord();
        private readonly BootRecord _next = new BootRecord();
        private readonly byte[] _buffer = new byte[BootRecord.Length];
        private readonly byte[] _scratch = new byte[Sha256.HashLength];
        private readonly Sha256 _sha = new Sha256();
        private readonly string[] _segmentsA = SegmentNames("ota-a.");
        private readonly string[] _segmentsB = SegmentNames("ota-b.");
        private ImageSlot _booted = ImageSlot.Factory;

        /// <param name="maxTrialBoots">Boots a new image gets to confirm itself; the next one rolls it back.</param>
        public FileImageSlots(IFileStore store, int maxTrialBoots)
        {
            if (maxTrialBoots < 1 || maxTrialBoots > 100)
            {
                throw new System.ArgumentOutOfRangeException("maxTrialBoots");
            }

            _store = store;
            _maxTrialBoots = maxTrialBoots;
            Load();
        }

        /// <summary>
        /// The application's view after the loader already ran <see cref="Boot"/> and started
        /// <paramref name="booted"/>: the loader is a separate assembly, so it hands over the slot, not this object.
        /// </summary>
        public FileImageSlots(IFileStore store, int maxTrialBoots, ImageSlot booted)
            : this(store, maxTrialBoots)
        {
            _booted = booted;
        }

        public int Capacity => UpdatePackage.MaxPackageLength;

        /// <summary>The image this boot started (what <see cref="Boot"/> returned).</summary>
        public ImageSlot Booted => _booted;

        public BootMode Mode => _record.Mode;

        public int TrialBoots => _record.TrialBoots;

        public bool OnTrial => _record.Mode == BootMode.Trial && _booted == _record.Active;

        public bool Pending => _record.Mode == BootMode.Pending;

        public SlotOutcome Outcome => _record.Outcome;

        public UpdateStatus OutcomeReason => _record.Reason;

        public string OutcomeVersion => _record.Version;

        public string RolledBackVersion => _record.RolledBackVersion;

        /// <summary>Staging goes to the slot that is not running; the factory image is never written.</summary>
        private ImageSlot StagingSlot => _record.Active == ImageSlot.A ? ImageSlot.B : ImageSlot.A;

        /// <summary>
        /// The loader's decision, once per power-on before any application code runs. When the record
        /// cannot be written the old image is started: an uncounted trial could repeat forever.
        /// </summary>
        public ImageSlot Boot()
        {
            Load();
            _booted = _record.Active;
            ImageSlot previous = _record.Previous;
            _next.CopyFrom(_record);
            if (_record.Mode == BootMode.Pending)
            {
                _next.Previous = _record.Active;
                _next.Active = _record.PendingSlot;
                _next.Mode = BootMode.Trial;
                _next.TrialBoots = 1;
                Write();
                _booted = _record.Active;
            }
            else if (_record.Mode == BootMode.Trial && _record.TrialBoots >= _maxTrialBoots)
            {
                MarkRolledBack(UpdateStatus.NotConfirmed);
                Write();
                _booted = previous;
            }
            else if (_record.Mode == BootMode.Trial)
            {
                _next.TrialBoots = _record.TrialBoots + 1;
                _booted = Write() ? _record.Active : previous;
            }

            return _booted;
        }

        public bool MarkPending(string version)
        {
            if (_record.Mode != BootMode.Confirmed || version == null || version.Length > SemanticVersion.MaxLength || _stagedLength <= 0)
            {
                return false;
            }

            _next.CopyFrom(_record);
            _next.Mode = BootMode.Pending;
            _next.PendingSlot = StagingSlot;
            _next.Version = version;
            return Write();
        }

        public bool Confirm()
        {
            if (!OnTrial)
            {
                return false;
            }

            _next.CopyFrom(_record);
            _next.Mode = BootMode.Confirmed;
            _next.TrialBoots = 0;
            _next.Outcome = SlotOutcome.Applied;
            _next.Reason = UpdateStatus.Ok;
            return Write();
        }

        public bool RollBack(UpdateStatus reason)
        {
            if (!OnTrial)
            {
                return false;
            }

            _next.CopyFrom(_record);
            MarkRolledBack(reason);
            return Write();
        }

        public bool AcknowledgeOutcome()
        {
            if (_record.Outcome == SlotOutcome.None)
            {
                return true;
            }

            _next.CopyFrom(_record);
            _next.Outcome = SlotOutcome.None;
            _next.Reason = UpdateStatus.Ok;
            return Write();
        }

        private void MarkRolledBack(UpdateStatus reason)
        {
            _next.Active = _record.Previous;
            _next.Mode = BootMode.Confirmed;
            _next.TrialBoots = 0;
            _next.Outcome = SlotOutcome.RolledBack;
            _next.Reason = reason;
            _next.RolledBackVersion = _record.Version;
        }

        /// <summary>The newest intact record of the two; none at all means the factory image, confirmed.</summary>
        private void Load()
        {
            bool found = false;
            for (int i = 0; i < RecordNames.Length; i++)
            {
                int count = _store.Read(RecordNames[i], 0, _buffer, 0, _buffer.Length);
                if (_next.Decode(_buffer, count, _sha, _scratch) && (!found || _next.Sequence > _record.Sequence))
                {
                    _record.CopyFrom(_next);
                    found = true;
                }
            }

            if (!found)
            {
                _record.CopyFrom(new BootRecord());
            }
        }

        /// <summary>Writes <see cref="_next"/> as the following record, over the older copy; on success it becomes current.</summary>
        private bool Write()
        {
            _next.Sequence = _record.Sequence + 1;
            _next.Encode(_buffer, _sha, _scratch);
            if (!_store.Replace(RecordNames[_next.Sequence & 1], _buffer, 0, BootRecord.Length))
            {
                return false;
            }

            _record.CopyFrom(_next);
            return true;
        }

        private static string[] SegmentNames(string prefix)
        {
            string[] names = new string[MaxSegments];
            for (int i = 0; i < MaxSegments; i++)
            {
                names[i] = prefix + (i < 10 ? "0" : string.Empty) + i.ToString();
            }

            return names;
        }
    }
}
