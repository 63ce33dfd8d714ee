namespace EnergyLogger.Core.Ota
{
    /// <summary>
    /// Arithmetic modulo a 256-bit prime in Montgomery form (x * R mod m, R = 2^256), used for the group
    /// order n, which has no special form. Multiplication is the coarsely integrated operand scanning
    /// method (Koc, Acar, Kaliski, "Analyzing and Comparing Montgomery Multiplication Algorithms", IEEE
    /// Micro 1996). Every scratch array is allocated once.
    /// </summary>
    internal sealed class MontgomeryModulus : PrimeField
    {
        private readonly uint[] _m;
        private readonly uint _m0Inverse;
        private readonly uint[] _rSquared = Uint256.New();
        private readonly uint[] _t = new uint[Uint256.Limbs + 2];

        public MontgomeryModulus(uint[] modulus)
            : base(modulus)
        {
            _m = modulus;
            _m0Inverse = NegativeInverse(modulus[0]);

            // R mod m = 2^256 - m (m > 2^255); doubling it 256 more times gives R^2 mod m.
            uint[] x = _rSquared;
            Uint256.SetSmall(x, 0);
            Uint256.Subtract(x, modulus, x);
            for (int i = 0; i < 256; i++)
            {
                Add(x, x, x);
            }
        }

        /// <summary>result = a * b / R mod m. Needs a below 2^256 and b below m.</summary>
        public override void Multiply(uint[] a, uint[] b, uint[] result)
        {
            uint[] t = _t;
            for (int i = 0; i < t.Length; i++)
            {
                t[i] = 0;
            }

            for (int i = 0; i < Uint256.Limbs; i++)
            {
                ulong carry = 0;
                ulong bi = b[i];
                for (int j = 0; j < Uint256.Limbs; j++)
                {
                    ulong s = t[j] + (a[j] * bi) + carry;
                    t[j] = (uint)s;
                    carry = s >> 32;
                }

                ulong top = t[Uint256.Limbs] + carry;
                t[Uint256.Limbs] = (uint)top;
                t[Uint256.Limbs + 1] = (uint)(top >> 32);

                // Add q*m with q chosen so that the lowest limb becomes zero, then shift down one limb.
                ulong q = t[0] * _m0Inverse;
                ulong r = t[0] + (q * _m[0]);
                carry = r >> 32;
                for (int j = 1; j < Uint256.Limbs; j++)
                {
                    ulong s = t[j] + (q * _m[j]) + carry;
                    t[j - 1] = (uint)s;
                    carry = s >> 32;
                }

                top = t[Uint256.Limbs] + carry;
                t[Uint256.Limbs - 1] = (uint)top;
                t[Uint256.Limbs] = t[Uint256.Limbs + 1] + (uint)(top >> 32);
            }

            for (int i = 0; i < Uint256.Limbs; i++)
            {
                result[i] = t[i];
            }

            // The sum stays below 2m, so one conditional subtraction brings it into [0, m).
            if (t[Uint256.Limbs] != 0 || Uint256.Compare(result, _m) >= 0)
            {
                Uint256.Subtract(result, _m, result);
            }
        }

        /// <summary>Into Montgomery form: a * R mod m. Needs a below m.</summary>
        public void ToMontgomery(uint[] a, uint[] result)
        {
            Multiply(a, _rSquared, result);
        }

        /// <summary>-m0^-1 mod 2^32 by Newton iteration: each step doubles the correct low bits.</summary>
        private static uint NegativeInverse(uint m0)
        {
            uint inverse = m0;
            for (int i = 0; i < 5; i++)
            {
                inverse *= 2 - (m0 * inverse);
            }

            return 0 - inverse;
        }
    }
}
