using System;

namespace EnergyLogger.Core.Ota
{
    /// <summary>
    /// Streaming SHA-256 (FIPS 180-4, 6.2). nanoFramework has no managed SHA-256, and the update image is
    /// hashed in chunks as it is read back from flash, so the state is kept between <see cref="Update"/> calls.
    /// All buffers are allocated once; <see cref="Reset"/> makes the instance reusable.
    /// </summary>
    public sealed class Sha256
    {
        public const int HashLength = 32;
        private const int BlockLength = 64;

        // FIPS 180-4, 4.2.2: the first 32 bits of the fractional parts of the cube roots of the first 64 primes.
        private static readonly uint[] K =
        {
            0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
            0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
            0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
            0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
            0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
            0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
            0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
            0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
        };

        private readonly uint[] _h = new uint[8];
        private readonly uint[] _w = new uint[64];
        private readonly byte[] _block = new byte[BlockLength];
        private int _blockUsed;
        private long _totalBytes;

        public Sha256()
        {
            Reset();
        }

        /// <summary>Bytes hashed since the last reset.</summary>
        public long Length => _totalBytes;

        /// <summary>Starts a new hash. FIPS 180-4, 5.3.3: the initial hash value.</summary>
        public void Reset()
        {
            _h[0] = 0x6a09e667;
            _h[1] = 0xbb67ae85;
            _h[2] = 0x3c6ef372;
            _h[3] = 0xa54ff53a;
            _h[4] = 0x510e527f;
            _h[5] = 0x9b05688c;
            _h[6] = 0x1f83d9ab;
            _h[7] = 0x5be0cd19;
            _blockUsed = 0;
            _totalBytes = 0;
        }

        public void Update(byte[] data, int offset, int count)
        {
            if (data == null || offset < 0 || count < 0 || offset + count > data.Length)
            {
                throw new ArgumentOutOfRangeException("count");
            }

            _totalBytes += count;
            if (_blockUsed > 0)
            {
                int take = Math.Min(BlockLength - _blockUsed, count);
                Array.Copy(data, offset, _block, _blockUsed, take);
                _blockUsed += take;
                offset += take;
                count -= take;
                if (_blockUsed < BlockLength)
                {
                    return;
                }

                Compress(_block, 0);
                _blockUsed = 0;
            }

            while (count >= BlockLength)
            {
                Compress(data, offset);
                offset += BlockLength;
                count -= BlockLength;
            }

            Array.Copy(data, offset, _block, 0, count);
            _blockUsed = count;
        }

        /// <summary>Pads, writes the 32-byte digest at <paramref name="offset"/> and resets for the next message.</summary>
        public void Finish(byte[] digest, int offset)
        {
            if (digest == null || offset < 0 || offset + HashLength > digest.Length)
            {
                throw new ArgumentOutOfRangeException("offset");
            }

            // FIPS 180-4, 5.1.1: a one bit, zeros to 56 mod 64 bytes, then the message length in bits, big-endian.
            long bits = _totalBytes * 8;
            _block[_blockUsed++] = 0x80;
            if (_blockUsed > BlockLength - 8)
            {
                Array.Clear(_block, _blockUsed, BlockLength - _blockUsed);
                Compress(_block, 0);
                _blockUsed = 0;
            }

            Array.Clear(_block, _blockUsed, BlockLength - 8 - _blockUsed);
            for (int i = 0; i < 8; i++)
            {
                _block[BlockLength - 1 - i] = (byte)(bits >> (8 * i));
            }

            Compress(_block, 0);
            for (int i = 0; i < 8; i++)
            {
                WriteBigEndian(_h[i], digest, offset + (4 * i));
            }

            Reset();
        }

        /// <summary>The digest of one buffer, in a single call.</summary>
        public void Hash(byte[] data, int offset, int count, byte[] digest, int digestOffset)
        {
            Reset();
            Update(data, offset, count);
            Finish(digest, digestOffset);
        }

        // FIPS 180-4, 6.2.2: the message schedule and the 64 rounds of one block.
        private void Compress(byte[] block, int offset)
        {
            uint[] w = _w;
            for (int t = 0; t < 16; t++)
            {
                int i = offset + (4 * t);
                w[t] = ((uint)block[i] << 24) | ((uint)block[i + 1] << 16) | ((uint)block[i + 2] << 8) | block[i + 3];
            }

            for (int t = 16; t < 64; t++)
            {
                uint x = w[t - 15];
                uint y = w[t - 2];
                uint s0 = ((x >> 7) | (x << 25)) ^ ((x >> 18) | (x << 14)) ^ (x >> 3);
                uint s1 = ((y >> 17) | (y << 15)) ^ ((y >> 19) | (y << 13)) ^ (y >> 10);
                w[t] = w[t - 16] + s0 + w[t - 7] + s1;
            }

            uint a = _h[0], b = _h[1], c = _h[2], d = _h[3], e = _h[4], f = _h[5], g = _h[6], h = _h[7];
            for (int t = 0; t < 64; t++)
            {
                uint bigSigma1 = ((e >> 6) | (e << 26)) ^ ((e >> 11) | (e << 21)) ^ ((e >> 25) | (e << 7));
                uint choose = (e & f) ^ (~e & g);
                uint t1 = h + bigSigma1 + choose + K[t] + w[t];
                uint bigSigma0 = ((a >> 2) | (a << 30)) ^ ((a >> 13) | (a << 19)) ^ ((a >> 22) | (a << 10));
                uint majority = (a & b) ^ (a & c) ^ (b & c);
                uint t2 = bigSigma0 + majority;
                h = g;
                g = f;
                f = e;
                e = d + t1;
                d = c;
                c = b;
                b = a;
                a = t1 + t2;
            }

            _h[0] += a;
            _h[1] += b;
            _h[2] += c;
            _h[3] += d;
            _h[4] += e;
            _h[5] += f;
            _h[6] += g;
            _h[7] += h;
        }

        private static void WriteBigEndian(uint value, byte[] buffer, int offset)
        {
            buffer[offset] = (byte)(value >> 24);
            buffer[offset + 1] = (byte)(value >> 16);
            buffer[offset + 2] = (byte)(value >> 8);
            buffer[offset + 3] = (byte)value;
        }
    }
}
