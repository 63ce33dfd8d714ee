namespace EnergyLogger.Core.Ota
{
    /// <summary>
    /// ECDSA P-256 signature verification (FIPS 186-4, 6.4.2; SEC 1 v2, 4.1.4) of a SHA-256 digest.
    /// Verification only: the device holds the public key and never signs. Signatures are IEEE P1363
    /// r || s, the default of .NET's ECDsa.SignData.
    /// High-s signatures (s above n/2) are accepted: FIPS 186-4 and SEC 1 define both s and n - s as
    /// valid, .NET produces either, and a second valid signature over the same signed manifest grants an
    /// attacker nothing. Low-s rules exist for ledgers that identify transactions by their signature bytes.
    /// All working storage is allocated in the constructor; one instance serves one thread.
    /// </summary>
    public sealed class EcdsaP256Verifier
    {
        public const int PublicKeyLength = 65;
        public const int SignatureLength = 64;
        public const int DigestLength = 32;

        private const byte UncompressedPoint = 0x04;

        private readonly P256Curve _curve = new P256Curve();
        private readonly MontgomeryModulus _order = new MontgomeryModulus(P256Curve.N);

        // The joint multiplication table of Shamir's trick: index 1 = G, 2 = Q, 3 = G + Q.
        private readonly JacobianPoint[] _table = { new JacobianPoint(), new JacobianPoint(), new JacobianPoint(), new JacobianPoint() };
        private readonly JacobianPoint _sum = new JacobianPoint();
        private readonly uint[] _x = Uint256.New();
        private readonly uint[] _y = Uint256.New();
        private readonly uint[] _r = Uint256.New();
        private readonly uint[] _s = Uint256.New();
        private readonly uint[] _e = Uint256.New();
        private readonly uint[] _w = Uint256.New();
        private readonly uint[] _u1 = Uint256.New();
        private readonly uint[] _u2 = Uint256.New();
        private bool _hasKey;

        public EcdsaP256Verifier()
        {
            _curve.FromAffine(P256Curve.Gx, P256Curve.Gy, _table[1]);
        }

        public bool HasKey => _hasKey;

        /// <summary>
        /// Takes the signer's public key as an uncompressed SEC 1 point (2.3.3) and validates it (3.2.2.1):
        /// coordinates below p and on the curve. The cofactor is 1, so no order check is needed. On any
        /// refusal the verifier holds no key.
        /// </summary>
        public SignatureCheck SetPublicKey(byte[] key, int offset, int count)
        {
            _hasKey = false;
            if (key == null || count != PublicKeyLength || offset < 0 || offset + count > key.Length || key[offset] != UncompressedPoint)
            {
                return SignatureCheck.MalformedKey;
            }

            Uint256.FromBigEndian(key, offset + 1, _x);
            Uint256.FromBigEndian(key, offset + 1 + Uint256.Bytes, _y);
            if (Uint256.Compare(_x, P256Curve.P) >= 0 || Uint256.Compare(_y, P256Curve.P) >= 0)
            {
                return SignatureCheck.MalformedKey;
            }

            if (!_curve.IsOnCurve(_x, _y))
            {
                return SignatureCheck.KeyNotOnCurve;
            }

            _curve.FromAffine(_x, _y, _table[2]);
            _table[3].CopyFrom(_table[1]);
            _curve.Add(_table[3], _table[2], _table[3]);
            _hasKey = true;
            return SignatureCheck.Valid;
        }

        /// <summary>Checks a 64-byte r || s signature of a 32-byte SHA-256 digest against the key set before.</summary>
        public SignatureCheck Verify(byte[] digest, int digestOffset, byte[] signature, int signatureOffset, int signatureLength)
        {
            if (!_hasKey)
            {
                return SignatureCheck.NoKey;
            }

            if (signature == null || signatureLength != SignatureLength || signatureOffset < 0 || signatureOffset + signatureLength > signature.Length)
            {
                return SignatureCheck.MalformedSignature;
            }

            // FIPS 186-4, 6.4.2 step 1: r and s in [1, n-1].
            Uint256.FromBigEndian(signature, signatureOffset, _r);
            Uint256.FromBigEndian(signature, signatureOffset + Uint256.Bytes, _s);
            if (!InScalarRange(_r) || !InScalarRange(_s))
            {
                return SignatureCheck.ScalarOutOfRange;
            }

            // Steps 2-3: e is the whole 256-bit digest (the order is 256 bits long). It is below 2n, so one
            // subtraction reduces it.
            Uint256.FromBigEndian(digest, digestOffset, _e);
            if (Uint256.Compare(_e, P256Curve.N) >= 0)
            {
                Uint256.Subtract(_e, P256Curve.N, _e);
            }

            // Steps 4-5: w = s^-1 mod n, kept in Montgomery form so that multiplying a plain value by it
            // gives a plain product: u1 = e * w, u2 = r * w.
            _order.ToMontgomery(_s, _w);
            _order.Invert(_w, _w);
            _order.Multiply(_e, _w, _u1);
            _order.Multiply(_r, _w, _u2);

            MultiplyJoint(_u1, _u2, _sum);
            if (_sum.IsInfinity)
            {
                return SignatureCheck.Mismatch;
            }

            // Steps 6-7: v = x1 mod n; x1 is below p < 2n, so one subtraction reduces it.
            _curve.AffineX(_sum, _x);
            if (Uint256.Compare(_x, P256Curve.N) >= 0)
            {
                Uint256.Subtract(_x, P256Curve.N, _x);
            }

            return Uint256.Equal(_x, _r) ? SignatureCheck.Valid : SignatureCheck.Mismatch;
        }

        private static bool InScalarRange(uint[] value)
        {
            return !Uint256.IsZero(value) && Uint256.Compare(value, P256Curve.N) < 0;
        }

        /// <summary>
        /// u1 * G + u2 * Q in one pass over the bits (Shamir's trick; Hankerson, Menezes, Vanstone,
        /// "Guide to Elliptic Curve Cryptography", Algorithm 3.48 with w = 1).
        /// </summary>
        private void MultiplyJoint(uint[] u1, uint[] u2, JacobianPoint result)
        {
            result.SetInfinity();
            for (int bit = 255; bit >= 0; bit--)
            {
                _curve.Double(result, result);
                int index = Uint256.Bit(u1, bit) | (Uint256.Bit(u2, bit) << 1);
                if (index != 0)
                {
                    _curve.Add(result, _table[index], result);
                }
            }
        }
    }
}
