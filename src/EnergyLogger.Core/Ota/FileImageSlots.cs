using EnergyLogger.Core.Ports;

namespace EnergyLogger.Core.Ota
{
    /// <summary>
    /// Image slots as files (docs/ota.md, "File slots"): each slot is a run of 64 KB segment files
    /// (<see cref="SlotSegments"/>) holding one package byte for byte, and the boot state is a
    /// <see cref="BootRecord"/> written alternately to two files (<see cref="BootRecordFiles"/>). <see cref="Boot"/> is
    /// the loader's decision at power-on, after MCUboot: a pending image starts its trial, an image that
    /// used up its trial boots without confirming is rolled back. Every state change is one record write,
    /// written only after the data it points to is stored, so a power cut at any write leaves the device
    /// booting the old image or the new one, never neither (RELIABILITY O4).
    /// </summary>
    public sealed class FileImageSlots : IImageSlots
    {
        public const int SegmentLength = SlotSegments.SegmentLength;

        private readonly BootRecordFiles _records;
        private readonly SlotSegments _segmentsA;
        private readonly SlotSegments _segmentsB;
        private readonly int _maxTrialBoots;
        private readonly BootRecord _record = new BootRecord();
        private readonly BootRecord _next = new BootRecord();
        private ImageSlot _booted = ImageSlot.Factory;

        // Bytes staged since the last ResumeStaging or EraseStaging; -1 when unknown (before either, or after a failed write).
        private int _stagedLength = -1;

        /// <param name="maxTrialBoots">Boots a new image gets to confirm itself; the next one rolls it back.</param>
        public FileImageSlots(IFileStore store, int maxTrialBoots)
        {
            if (maxTrialBoots < 1 || maxTrialBoots > 100)
            {
                throw new System.ArgumentOutOfRangeException("maxTrialBoots");
            }

            _records = new BootRecordFiles(store);
            _segmentsA = new SlotSegments(store, "ota-a.");
            _segmentsB = new SlotSegments(store, "ota-b.");
            _maxTrialBoots = maxTrialBoots;
            _records.Load(_record, _next);
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
            _records.Load(_record, _next);
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

        /// <summary>Writes <see cref="_next"/> as the following record; on success it becomes current.</summary>
        private bool Write()
        {
            return _records.Write(_next, _record);
        }

        /// <summary>
        /// Keeps the staged segments that cannot hold a torn tail (<see cref="SlotSegments.IntactSegments"/>) and
        /// drops the rest. At most one segment (64 KB) is downloaded again.
        /// </summary>
        public int ResumeStaging()
        {
            if (_record.Mode != BootMode.Confirmed)
            {
                return -1;
            }

            SlotSegments staging = Segments(StagingSlot);
            int kept = staging.IntactSegments();
            if (!staging.DeleteFrom(kept))
            {
                _stagedLength = -1;
                return -1;
            }

            _stagedLength = kept * SegmentLength;
            return _stagedLength;
        }

        public bool EraseStaging()
        {
            if (_record.Mode != BootMode.Confirmed || !Segments(StagingSlot).DeleteFrom(0))
            {
                _stagedLength = -1;
                return false;
            }

            _stagedLength = 0;
            return true;
        }

        public bool AppendStaging(byte[] buffer, int offset, int count)
        {
            if (_record.Mode != BootMode.Confirmed || _stagedLength < 0 || count < 0 || _stagedLength + count > Capacity)
            {
                return false;
            }

            if (!Segments(StagingSlot).Append(_stagedLength, buffer, offset, count))
            {
                _stagedLength = -1;
                return false;
            }

            _stagedLength += count;
            return true;
        }

        public int ReadStaging(int position, byte[] buffer, int offset, int count)
        {
            return ReadSlot(StagingSlot, position, buffer, offset, count);
        }

        /// <summary>Reads a stored package (the loader reads the active one); -1 on failure or for the factory image.</summary>
        public int ReadSlot(ImageSlot slot, int position, byte[] buffer, int offset, int count)
        {
            if (slot == ImageSlot.Factory || position < 0 || count < 0)
            {
                return -1;
            }

            return Segments(slot).Read(position, buffer, offset, count);
        }

        private SlotSegments Segments(ImageSlot slot)
        {
            return slot == ImageSlot.A ? _segmentsA : _segmentsB;
        }
    }
}
