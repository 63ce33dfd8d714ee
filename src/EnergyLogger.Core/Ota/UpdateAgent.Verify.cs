namespace EnergyLogger.Core.Ota
{
    /// <summary>The verification of the stored package before anything is marked pending.</summary>
    public sealed partial class UpdateAgent
    {
        /// <summary>
        /// Hashes the image as stored (not as received) a slice per step; at the end checks the stored
        /// header once more and only then marks the package pending.
        /// </summary>
        private void StepVerify()
        {
            int end = System.Math.Min(_hashPosition + _options.HashBytesPerStep, _offer.PackageLength);
            while (_hashPosition < end)
            {
                int n = System.Math.Min(_chunk.Length, end - _hashPosition);
                if (_slots.ReadStaging(_hashPosition, _chunk, 0, n) != n)
                {
                    _manifest = null;
                    AttemptFailed(UpdateStatus.StorageError);
                    return;
                }

                _sha.Update(_chunk, 0, n);
                _hashPosition += n;
            }

            if (_hashPosition < _offer.PackageLength)
            {
                return;
            }

            _sha.Finish(_digest, 0);
            if (PackageVerifier.CheckImageDigest(_manifest, _digest, 0) != UpdateStatus.Ok)
            {
                _slots.EraseStaging();
                _manifest = null;
                AttemptFailed(UpdateStatus.HashMismatch);
                return;
            }

            string version = _manifest.Version.Text;
            if (!StagedHeaderIsTheVerifiedOne() || !_slots.MarkPending(version))
            {
                _manifest = null;
                AttemptFailed(UpdateStatus.StorageError);
                return;
            }

            _phase = UpdatePhase.RebootPending;
            RebootRequested = true;
        }

        /// <summary>
        /// The stored header and manifest, byte for byte the ones whose signature verified: as strong as a
        /// second verification, at the cost of a compare instead of seconds of curve arithmetic on the device.
        /// </summary>
        private bool StagedHeaderIsTheVerifiedOne()
        {
            if (_slots.ReadStaging(0, _chunk, 0, _headLength) != _headLength)
            {
                return false;
            }

            for (int i = 0; i < _headLength; i++)
            {
                if (_chunk[i] != _head[i])
                {
                    return false;
                }
            }

            return true;
        }
    }
}
