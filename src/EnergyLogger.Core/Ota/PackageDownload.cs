using EnergyLogger.Core.Ports;

namespace EnergyLogger.Core.Ota
{
    /// <summary>
    /// Downloads an offered package into the staging slot one chunk per <see cref="Step"/>: each attempt resumes over
    /// staged bytes that begin with the offer's signed header, or starts an empty slot, and the header streamed at
    /// the front is verified before the first byte is stored. Retrying and giving up are the caller's decision.
    /// </summary>
    internal sealed class PackageDownload
    {
        private readonly IImageSlots _slots;
        private readonly IHttpDownloader _http;
        private readonly VerifiedHeader _header;
        private readonly byte[] _chunk;
        private UpdateOffer _offer;
        private int _position;
        private int _fill;
        private bool _open;

        /// <param name="chunk">The download buffer: one slot write per fill; at least a header and the largest manifest.</param>
        public PackageDownload(IImageSlots slots, IHttpDownloader http, VerifiedHeader header, byte[] chunk)
        {
            _slots = slots;
            _http = http;
            _header = header;
            _chunk = chunk;
        }

        /// <summary>The offer being downloaded, or null.</summary>
        public UpdateOffer Offer => _offer;

        /// <summary>Bytes of the package stored in the staging slot.</summary>
        public int StoredLength => _position;

        /// <summary>Why the last step returned <see cref="UpdateStep.Retry"/> or <see cref="UpdateStep.Reject"/>.</summary>
        public UpdateStatus Failure { get; private set; }

        /// <summary>Works on <paramref name="offer"/> from now on; what is staged is checked again before it is kept.</summary>
        public void Start(UpdateOffer offer)
        {
            Close();
            _offer = offer;
            _header.Forget();
        }

        /// <summary>Drops the offer (abandoned); the stream is closed.</summary>
        public void Stop()
        {
            Close();
            _offer = null;
        }

        /// <summary>
        /// One chunk's worth: opens the attempt when none is open, reads, checks the streamed header, stores a full
        /// chunk. Done once the whole package is stored (the stream is then closed).
        /// </summary>
        public UpdateStep Step()
        {
            if (!_open)
            {
                UpdateStep opened = OpenAttempt();
                if (opened != UpdateStep.Working)
                {
                    return opened;
                }
            }

            int want = System.Math.Min(_chunk.Length - _fill, _offer.PackageLength - _position - _fill);
            int got;
            DownloadStatus status = _http.Read(_chunk, _fill, want, out got);
            if (status != DownloadStatus.Ok)
            {
                return Fail(UpdateStep.Retry, status == DownloadStatus.End ? UpdateStatus.Truncated : UpdateStatus.TransportError);
            }

            _fill += got;
            if (_header.Manifest == null)
            {
                UpdateStatus header = CheckStreamedHeader();
                if (header != UpdateStatus.Ok)
                {
                    return Fail(UpdateStep.Reject, header);
                }
            }

            if (_fill == _chunk.Length || _position + _fill == _offer.PackageLength)
            {
                return StoreChunk();
            }

            return UpdateStep.Working;
        }

        public void Close()
        {
            if (_open)
            {
                _http.Close();
                _open = false;
            }

            _fill = 0;
        }

        /// <summary>
        /// Decides where this attempt starts (a verified resume, or an empty slot) and opens the ranged GET.
        /// The server's length must be the offered one: shorter is a truncated copy, longer another package.
        /// </summary>
        private UpdateStep OpenAttempt()
        {
            if (_header.Manifest == null && !PrepareStaging())
            {
                return Fail(UpdateStep.Retry, UpdateStatus.StorageError);
            }

            int total;
            if (_http.Open(_offer.Url, _position, out total) != DownloadStatus.Ok)
            {
                return Fail(UpdateStep.Retry, UpdateStatus.TransportError);
            }

            _open = true;
            _fill = 0;
            if (total < _offer.PackageLength)
            {
                return Fail(UpdateStep.Retry, UpdateStatus.Truncated);
            }

            if (total > _offer.PackageLength)
            {
                return Fail(UpdateStep.Reject, UpdateStatus.OfferMismatch);
            }

            return UpdateStep.Working;
        }

        /// <summary>Resumes only over staged bytes that begin with this offer's signed header; else starts empty.</summary>
        private bool PrepareStaging()
        {
            int kept = _slots.ResumeStaging();
            if (kept < 0)
            {
                return false;
            }

            if (kept > 0 && StagedHeaderVerifies(kept))
            {
                _position = kept;
                return true;
            }

            _header.Forget();
            _position = 0;
            return _slots.EraseStaging();
        }

        private bool StagedHeaderVerifies(int staged)
        {
            int need = System.Math.Min(staged, UpdatePackage.HeaderLength + UpdatePackage.MaxManifestLength);
            return _slots.ReadStaging(0, _chunk, 0, need) == need && _header.Accept(_chunk, need, _offer) == UpdateStatus.Ok;
        }

        /// <summary>Checks the header and manifest at the front of the first chunk before any of it is stored; Ok while incomplete.</summary>
        private UpdateStatus CheckStreamedHeader()
        {
            int manifestLength;
            if (_fill < UpdatePackage.HeaderLength)
            {
                return UpdateStatus.Ok;
            }

            if (UpdatePackage.ReadHeader(_chunk, 0, _fill, out manifestLength) != UpdateStatus.Ok)
            {
                return UpdateStatus.BadPackage;
            }

            int need = UpdatePackage.HeaderLength + manifestLength;
            return _fill < need ? UpdateStatus.Ok : _header.Accept(_chunk, need, _offer);
        }

        private UpdateStep StoreChunk()
        {
            if (_header.Manifest == null)
            {
                // The package ended inside its own header.
                return Fail(UpdateStep.Reject, UpdateStatus.BadPackage);
            }

            if (!_slots.AppendStaging(_chunk, 0, _fill))
            {
                _header.Forget();
                return Fail(UpdateStep.Retry, UpdateStatus.StorageError);
            }

            _position += _fill;
            _fill = 0;
            if (_position == _offer.PackageLength)
            {
                Close();
                return UpdateStep.Done;
            }

            return UpdateStep.Working;
        }

        private UpdateStep Fail(UpdateStep step, UpdateStatus status)
        {
            Failure = status;
            return step;
        }
    }
}
