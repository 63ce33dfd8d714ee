namespace EnergyLogger.Core.Ota
{
    /// <summary>
    /// Checks the package as stored in the staging slot (not as received) before anything is marked pending: the
    /// image is hashed a slice per <see cref="Step"/>, so the main loop stays responsive, and at the end the stored
    /// header must still be the verified one.
    /// </summary>
    internal sealed class StagedImageCheck
    {
        private readonly IImageSlots _slots;
        private readonly VerifiedHeader _header;
        private readonly byte[] _buffer;
        private readonly int _bytesPerStep;
        private readonly Sha256 _sha = new Sha256();
        private readonly byte[] _digest = new byte[Sha256.HashLength];
        private int _position;
        private int _end;

        /// <param name="buffer">Read buffer, shared with the download (which is finished while this runs).</param>
        public StagedImageCheck(IImageSlots slots, VerifiedHeader header, byte[] buffer, int bytesPerStep)
        {
            _slots = slots;
            _header = header;
            _buffer = buffer;
            _bytesPerStep = bytesPerStep;
        }

        /// <summary>Why the last step returned <see cref="UpdateStep.Retry"/>.</summary>
        public UpdateStatus Failure { get; private set; }

        /// <summary>Starts over for a package of <paramref name="packageLength"/> bytes whose header <see cref="VerifiedHeader"/> holds.</summary>
        public void Start(int packageLength)
        {
            _position = _header.Length;
            _end = packageLength;
            _sha.Reset();
        }

        /// <summary>Hashes the next slice; Done when the whole image matches the manifest's digest and the header is intact.</summary>
        public UpdateStep Step()
        {
            int end = System.Math.Min(_position + _bytesPerStep, _end);
            while (_position < end)
            {
                int n = System.Math.Min(_buffer.Length, end - _position);
                if (_slots.ReadStaging(_position, _buffer, 0, n) != n)
                {
                    return Fail(UpdateStatus.StorageError);
                }

                _sha.Update(_buffer, 0, n);
                _position += n;
            }

            if (_position < _end)
            {
                return UpdateStep.Working;
            }

            _sha.Finish(_digest, 0);
            if (PackageVerifier.CheckImageDigest(_header.Manifest, _digest, 0) != UpdateStatus.Ok)
            {
                _slots.EraseStaging();
                return Fail(UpdateStatus.HashMismatch);
            }

            int length = _header.Length;
            if (_slots.ReadStaging(0, _buffer, 0, length) != length || !_header.Matches(_buffer))
            {
                return Fail(UpdateStatus.StorageError);
            }

            return UpdateStep.Done;
        }

        /// <summary>The staged bytes are no longer known good: the next attempt checks them again from the header.</summary>
        private UpdateStep Fail(UpdateStatus status)
        {
            _header.Forget();
            Failure = status;
            return UpdateStep.Retry;
        }
    }
}
