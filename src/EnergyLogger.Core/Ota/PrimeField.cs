namespace EnergyLogger.Core.Ota
{
    /// <summary>
    /// Arithmetic modulo a 256-bit prime m above 2^255, for the two moduli of P-256: the field prime p
    /// (<see cref="P256Field"/>, NIST fast reduction) and the group order n (<see cref="MontgomeryModulus"/>).
    /// Elements stay below m. Verification handles only public data, so nothing here is constant-time.
    /// Results may alias the operands.
    /// </summary>
    internal abstract class PrimeField
    {
        private readonly uint[] _m;
        private readonly uint[] _exponent = Uint256.New();
        private readonly uint[] _power = Uint256.New();
        private readonly uint[] _accumulator = Uint256.New();

        protected PrimeField(uint[] modulus)
        {
            _m = modulus;
            Uint256.SetSmall(_accumulator, 2);
            Uint256.Subtract(modulus, _accumulator, _exponent);
        }

        public uint[] Modulus => _m;

        /// <summary>The product in this field's representation, for a and b below m.</summary>
        public abstract void Multiply(uint[] a, uint[] b, uint[] result);

        public void Square(uint[] a, uint[] result)
        {
            Multiply(a, a, result);
        }

        /// <summary>result = a + b mod m, for a, b below m.</summary>
        public void Add(uint[] a, uint[] b, uint[] result)
        {
            uint carry = Uint256.Add(a, b, result);
            if (carry != 0 || Uint256.Compare(result, _m) >= 0)
            {
                Uint256.Subtract(result, _m, result);
            }
        }

        /// <summary>result = a - b mod m, for a, b below m.</summary>
        public void Subtract(uint[] a, uint[] b, uint[] result)
        {
            if (Uint256.Subtract(a, b, result) != 0)
            {
                Uint256.Add(result, _m, result);
            }
        }

        /// <summary>
        /// The inverse of a non-zero a, in and out in this field's representation, by Fermat's little
        /// theorem: a^(m-2) = a^-1 for prime m. Square-and-multiply from the top bit.
        /// </summary>
        public void Invert(uint[] a, uint[] result)
        {
            Uint256.Copy(a, _power);
            bool started = false;
            uint[] acc = _accumulator;
            for (int bit = 255; bit >= 0; bit--)
            {
                if (started)
                {
                    Square(acc, acc);
                }

                if (Uint256.Bit(_exponent, bit) == 1)
                {
                    if (started)
                    {
                        Multiply(acc, _power, acc);
                    }
                    else
                    {
                        Uint256.Copy(_power, acc);
                        started = true;
                    }
                }
            }

            Uint256.Copy(acc, result);
        }
    }
}
