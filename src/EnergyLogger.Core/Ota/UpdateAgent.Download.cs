using EnergyLogger.Core.Ports;

namespace EnergyLogger.Core.Ota
{
    /// <summary>Download into the staging slot, with the header verified before anything is stored.</summary>
    public sealed partial class UpdateAgent
    {
        private readonly byte[] _chunk;

        // The header and manifest exactly as verified, to compare with what the slot holds at the end.
        private readonly byte[] _head = new byte[UpdatePackage.HeaderLength + UpdatePackage.MaxManifestLength];
        private readonly byte[] _digest = new byte[Sha256.HashLength];
        private readonly Sha256 _sha = new Sha256();
        private UpdateOffer _offer;

        // The offer's signed manifest, once verified in this session; null means the staged bytes must be checked again.
        private UpdateManifest _manifest;
        private int _headLength;
        private int _position;
        private int _fill;
        private int _hashPosition;
        private bool _open;
        private int _attempts;
        private long _nextAttemptMs;

        /// <summary>Bytes of the package stored in the staging slot.</summary>
        public int StoredLength => _position;

        private void StepDownload()
        {
            if (_clock.MonotonicMs < _nextAttemptMs || (!_open && !OpenAttempt()))
            {
                return;
            }

            int want = System.Math.Min(_chunk.Length - _fill, _offer.PackageLength - _position - _fill);
            int got;
            DownloadStatus status = _http.Read(_chunk, _fill, want, out got);
            if (status != DownloadStatus.Ok)
            {
                AttemptFailed(status == DownloadStatus.End ? UpdateStatus.Truncated : UpdateStatus.TransportError);
                return;
            }

            _fill += got;
            if (_manifest == null && !CheckStreamedHeader())
            {
                return;
            }

            if (_fill == _chunk.Length || _position + _fill == _offer.PackageLength)
            {
                StoreChunk();
            }
        }

        /// <summary>
        /// Decides where this attempt starts (a verified resume, or an empty slot) and opens the ranged GET.
        /// The server's length must be the offered one: shorter is a truncated copy, longer another package.
        /// </summary>
        private bool OpenAttempt()
        {
            if (_manifest == null && !PrepareStaging())
            {
                AttemptFailed(UpdateStatus.StorageError);
                return false;
            }

            int total;
            if (_http.Open(_offer.Url, _position, out total) != DownloadStatus.Ok)
            {
                AttemptFailed(UpdateStatus.TransportError);
                return false;
            }

            _open = true;
            _fill = 0;
            if (total != _offer.PackageLength)
            {
                if (total < _offer.PackageLength)
                {
                    AttemptFailed(UpdateStatus.Truncated);
                }
                else
                {
                    Reject(UpdateStatus.OfferMismatch);
                }

                return false;
            }

            return true;
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

            _manifest = null;
            _position = 0;
            return _slots.EraseStaging();
        }

        private bool StagedHeaderVerifies(int staged)
        {
            int need = System.Math.Min(staged, UpdatePackage.HeaderLength + UpdatePackage.MaxManifestLength);
            return _slots.ReadStaging(0, _chunk, 0, need) == need && AcceptHeader(need) == UpdateStatus.Ok;
        }

        /// <summary>Checks the header and manifest at the front of the first chunk before any of it is stored.</summary>
        private bool CheckStreamedHeader()
        {
            int manifestLength;
            if (_fill < UpdatePackage.HeaderLength)
            {
                return true;
            }

            if (UpdatePackage.ReadHeader(_chunk, 0, _fill, out manifestLength) != UpdateStatus.Ok)
            {
                Reject(UpdateStatus.BadPackage);
                return false;
            }

            int need = UpdatePackage.HeaderLength + manifestLength;
            if (_fill < need)
            {
                return true;
            }

            UpdateStatus status = AcceptHeader(need);
            if (status != UpdateStatus.Ok)
            {
                Reject(status);
                return false;
            }

            return true;
        }

        /// <summary>Signature, manifest, install rules, and agreement with the offer (O1, O2): all before storing.</summary>
        private UpdateStatus AcceptHeader(int count)
        {
            UpdateStatus status;
            UpdateManifest manifest = _verifier.CheckManifest(_chunk, 0, count, out status);
            if (manifest == null)
            {
                return status;
            }

            status = UpdatePolicy.Check(manifest, _options.Target, _options.RunningVersion, _offer.AllowDowngrade);
            if (status != UpdateStatus.Ok)
            {
                return status;
            }

            int manifestLength = (_chunk[6] << 8) | _chunk[7];
            int total = UpdatePackage.TotalLength(manifestLength, manifest.ImageLength);
            if (manifest.Version.Text != _offer.Version.Text || total != _offer.PackageLength || !SameDigest(manifest.ImageSha256, _offer.ImageSha256))
            {
                return UpdateStatus.OfferMismatch;
            }

            _manifest = manifest;
            _headLength = UpdatePackage.HeaderLength + manifestLength;
            System.Array.Copy(_chunk, 0, _head, 0, _headLength);
            return UpdateStatus.Ok;
        }

        private void StoreChunk()
        {
            if (_manifest == null)
            {
                // The package ended inside its own header.
                Reject(UpdateStatus.BadPackage);
                return;
            }

            if (!_slots.AppendStaging(_chunk, 0, _fill))
            {
                _manifest = null;
                AttemptFailed(UpdateStatus.StorageError);
                return;
            }

            _position += _fill;
            _fill = 0;
            if (_position == _offer.PackageLength)
            {
                CloseStream();
                _hashPosition = _headLength;
                _sha.Reset();
                _phase = UpdatePhase.Verifying;
            }
        }

        /// <summary>A failure that may pass (transport, truncated copy, storage, hash): retried with backoff, up to the cap.</summary>
        private void AttemptFailed(UpdateStatus status)
        {
            CloseStream();
            _attempts++;
            if (_attempts >= _options.MaxAttempts)
            {
                _slots.EraseStaging();
                Abandon(status);
                return;
            }

            long delay = (long)_options.RetryDelayMs << (_attempts - 1 < 20 ? _attempts - 1 : 20);
            _nextAttemptMs = _clock.MonotonicMs + (delay < _options.MaxRetryDelayMs ? delay : _options.MaxRetryDelayMs);
            _phase = UpdatePhase.Downloading;
        }

        /// <summary>A refusal that no retry can change (O1, O2): the staging slot is erased and the offer abandoned.</summary>
        private void Reject(UpdateStatus status)
        {
            CloseStream();
            _slots.EraseStaging();
            Abandon(status);
        }

        private void CloseStream()
        {
            if (_open)
            {
                _http.Close();
                _open = false;
            }

            _fill = 0;
        }

        private static bool SameDigest(byte[] a, byte[] b)
        {
            for (int i = 0; i < Sha256.HashLength; i++)
            {
                if (a[i] != b[i])
                {
                    return false;
                }
            }

            return true;
        }
    }
}
