namespace EnergyLogger.Core.Ota
{
    /// <summary>
    /// GF(p) for the P-256 prime p = 2^256 - 2^224 + 2^192 + 2^96 - 1, elements as plain integers below p.
    /// A product is the schoolbook 512-bit product folded by the NIST fast reduction (FIPS 186-4, D.2.3),
    /// which replaces division by a few additions of the product's own words, because of the form of p.
    /// </summary>
    internal sealed class P256Field : PrimeField
    {
        private readonly uint[] _wide = new uint[2 * Uint256.Limbs];
        private readonly long[] _acc = new long[Uint256.Limbs];

        public P256Field()
            : base(P256Curve.P)
        {
        }

        public override void Multiply(uint[] a, uint[] b, uint[] result)
        {
            uint[] c = _wide;
            for (int i = 0; i < c.Length; i++)
            {
                c[i] = 0;
            }

            for (int i = 0; i < Uint256.Limbs; i++)
            {
                ulong carry = 0;
                ulong ai = a[i];
                for (int j = 0; j < Uint256.Limbs; j++)
                {
                    ulong s = c[i + j] + (ai * b[j]) + carry;
                    c[i + j] = (uint)s;
                    carry = s >> 32;
                }

                c[i + Uint256.Limbs] = (uint)carry;
            }

            Reduce(c, result);
        }

        /// <summary>
        /// FIPS 186-4, D.2.3: with c the 16 words of the product, r = s1 + 2 s2 + 2 s3 + s4 + s5 - d1 - d2 - d3 - d4
        /// mod p, written here word by word (least significant first) as signed sums, then carried.
        /// </summary>
        private void Reduce(uint[] c, uint[] result)
        {
            long c0 = c[0], c1 = c[1], c2 = c[2], c3 = c[3], c4 = c[4], c5 = c[5], c6 = c[6], c7 = c[7];
            long c8 = c[8], c9 = c[9], c10 = c[10], c11 = c[11], c12 = c[12], c13 = c[13], c14 = c[14], c15 = c[15];
            long[] acc = _acc;
            acc[0] = c0 + c8 + c9 - c11 - c12 - c13 - c14;
            acc[1] = c1 + c9 + c10 - c12 - c13 - c14 - c15;
            acc[2] = c2 + c10 + c11 - c13 - c14 - c15;
            acc[3] = c3 + (2 * (c11 + c12)) + c13 - c15 - c8 - c9;
            acc[4] = c4 + (2 * (c12 + c13)) + c14 - c9 - c10;
            acc[5] = c5 + (2 * (c13 + c14)) + c15 - c10 - c11;
            acc[6] = c6 + (3 * c14) + (2 * c15) + c13 - c8 - c9;
            acc[7] = c7 + (3 * c15) + c8 - c10 - c11 - c12 - c13;

            // Whatever overflows 2^256 is folded back as 2^256 mod p = 2^224 - 2^192 - 2^96 + 1; a few rounds
            // bring the carry to zero, negative carries included.
            long carry = Propagate(acc, result);
            while (carry != 0)
            {
                for (int i = 0; i < Uint256.Limbs; i++)
                {
                    acc[i] = result[i];
                }

                acc[0] += carry;
                acc[3] -= carry;
                acc[6] -= carry;
                acc[7] += carry;
                carry = Propagate(acc, result);
            }

            // Now below 2^256 < 2p: at most one subtraction.
            if (Uint256.Compare(result, Modulus) >= 0)
            {
                Uint256.Subtract(result, Modulus, result);
            }
        }

        /// <summary>Carries signed word sums into 32-bit words; returns the carry out of the top word.</summary>
        private static long Propagate(long[] acc, uint[] result)
        {
            long carry = 0;
            for (int i = 0; i < Uint256.Limbs; i++)
            {
                long v = acc[i] + carry;
                result[i] = (uint)v;
                carry = v >> 32;
            }

            return carry;
        }
    }
}
