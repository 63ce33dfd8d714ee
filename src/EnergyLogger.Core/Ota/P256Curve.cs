namespace EnergyLogger.Core.Ota
{
    /// <summary>
    /// The NIST P-256 curve y^2 = x^3 - 3x + b over GF(p) (FIPS 186-4, D.1.2.3; SEC 2 v2, 2.4.2):
    /// the domain parameters, the on-curve test and Jacobian point doubling and addition.
    /// Formulas from the Explicit-Formulas Database (hyperelliptic.org/EFD, g1p/shortw/jacobian-3):
    /// "dbl-2001-b" for doubling and "add-2007-bl" for addition, with the special cases handled here.
    /// </summary>
    internal sealed class P256Curve
    {
        // Limbs are least significant first; the comments give the big-endian hex of FIPS 186-4, D.1.2.3.
        // p = ffffffff 00000001 00000000 00000000 00000000 ffffffff ffffffff ffffffff
        public static readonly uint[] P = { 0xffffffff, 0xffffffff, 0xffffffff, 0x00000000, 0x00000000, 0x00000000, 0x00000001, 0xffffffff };

        // n = ffffffff 00000000 ffffffff ffffffff bce6faad a7179e84 f3b9cac2 fc632551
        public static readonly uint[] N = { 0xfc632551, 0xf3b9cac2, 0xa7179e84, 0xbce6faad, 0xffffffff, 0xffffffff, 0x00000000, 0xffffffff };

        // b = 5ac635d8 aa3a93e7 b3ebbd55 769886bc 651d06b0 cc53b0f6 3bce3c3e 27d2604b
        private static readonly uint[] B = { 0x27d2604b, 0x3bce3c3e, 0xcc53b0f6, 0x651d06b0, 0x769886bc, 0xb3ebbd55, 0xaa3a93e7, 0x5ac635d8 };

        // G = (6b17d1f2 e12c4247 f8bce6e5 63a440f2 77037d81 2deb33a0 f4a13945 d898c296,
        //      4fe342e2 fe1a7f9b 8ee7eb4a 7c0f9e16 2bce3357 6b315ece cbb64068 37bf51f5)
        public static readonly uint[] Gx = { 0xd898c296, 0xf4a13945, 0x2deb33a0, 0x77037d81, 0x63a440f2, 0xf8bce6e5, 0xe12c4247, 0x6b17d1f2 };
        public static readonly uint[] Gy = { 0x37bf51f5, 0xcbb64068, 0x6b315ece, 0x2bce3357, 0x7c0f9e16, 0x8ee7eb4a, 0xfe1a7f9b, 0x4fe342e2 };

        private readonly P256Field _f = new P256Field();
        private readonly uint[] _t1 = Uint256.New();
        private readonly uint[] _t2 = Uint256.New();
        private readonly uint[] _t3 = Uint256.New();
        private readonly uint[] _t4 = Uint256.New();
        private readonly uint[] _t5 = Uint256.New();
        private readonly uint[] _t6 = Uint256.New();
        private readonly uint[] _t7 = Uint256.New();

        /// <summary>SEC 1 v2, 3.2.2.1 step 3: y^2 = x^3 - 3x + b, for x and y already below p.</summary>
        public bool IsOnCurve(uint[] x, uint[] y)
        {
            uint[] lhs = _t1, rhs = _t2;
            _f.Square(y, lhs);
            _f.Square(x, rhs);
            _f.Multiply(rhs, x, rhs);
            _f.Subtract(rhs, x, rhs);
            _f.Subtract(rhs, x, rhs);
            _f.Subtract(rhs, x, rhs);
            _f.Add(rhs, B, rhs);
            return Uint256.Equal(lhs, rhs);
        }

        /// <summary>The affine point (x, y below p) as a Jacobian point with Z = 1.</summary>
        public void FromAffine(uint[] x, uint[] y, JacobianPoint result)
        {
            Uint256.Copy(x, result.X);
            Uint256.Copy(y, result.Y);
            Uint256.SetSmall(result.Z, 1);
        }

        /// <summary>The affine x of a finite point: X / Z^2.</summary>
        public void AffineX(JacobianPoint point, uint[] x)
        {
            uint[] zInverse = _t1;
            _f.Invert(point.Z, zInverse);
            _f.Square(zInverse, zInverse);
            _f.Multiply(point.X, zInverse, x);
        }

        /// <summary>result = 2 * point (dbl-2001-b, a = -3). Infinity doubles to infinity (Z3 = 0). result may be point.</summary>
        public void Double(JacobianPoint point, JacobianPoint result)
        {
            uint[] delta = _t1, gamma = _t2, beta = _t3, alpha = _t4, x3 = _t5, z3 = _t6, t = _t7;
            _f.Square(point.Z, delta);
            _f.Square(point.Y, gamma);
            _f.Multiply(point.X, gamma, beta);

            _f.Subtract(point.X, delta, t);
            _f.Add(point.X, delta, alpha);
            _f.Multiply(t, alpha, alpha);
            _f.Add(alpha, alpha, t);
            _f.Add(alpha, t, alpha);

            _f.Square(alpha, x3);
            _f.Add(beta, beta, beta);
            _f.Add(beta, beta, beta);
            _f.Subtract(x3, beta, x3);
            _f.Subtract(x3, beta, x3);

            _f.Add(point.Y, point.Z, z3);
            _f.Square(z3, z3);
            _f.Subtract(z3, gamma, z3);
            _f.Subtract(z3, delta, z3);

            _f.Subtract(beta, x3, t);
            _f.Multiply(alpha, t, t);
            _f.Square(gamma, gamma);
            _f.Add(gamma, gamma, gamma);
            _f.Add(gamma, gamma, gamma);
            _f.Add(gamma, gamma, gamma);
            _f.Subtract(t, gamma, result.Y);
            Uint256.Copy(x3, result.X);
            Uint256.Copy(z3, result.Z);
        }

        /// <summary>
        /// result = a + b (add-2007-bl). The formula fails when a = b or a = -b, so equal x falls back to
        /// doubling or gives infinity. result may be a, never b.
        /// </summary>
        public void Add(JacobianPoint a, JacobianPoint b, JacobianPoint result)
        {
            if (b.IsInfinity)
            {
                result.CopyFrom(a);
                return;
            }

            if (a.IsInfinity)
            {
                result.CopyFrom(b);
                return;
            }

            uint[] z1z1 = _t1, z2z2 = _t2, u1 = _t3, u2 = _t4, s1 = _t5, s2 = _t6, t = _t7;
            _f.Square(a.Z, z1z1);
            _f.Square(b.Z, z2z2);
            _f.Multiply(a.X, z2z2, u1);
            _f.Multiply(b.X, z1z1, u2);
            _f.Multiply(a.Y, b.Z, s1);
            _f.Multiply(s1, z2z2, s1);
            _f.Multiply(b.Y, a.Z, s2);
            _f.Multiply(s2, z1z1, s2);

            uint[] h = u2;
            _f.Subtract(u2, u1, h);
            uint[] r = s2;
            _f.Subtract(s2, s1, r);
            if (Uint256.IsZero(h))
            {
                if (Uint256.IsZero(r))
                {
                    Double(a, result);
                }
                else
                {
                    result.SetInfinity();
                }

                return;
            }

            // Z3 = ((Z1 + Z2)^2 - Z1Z1 - Z2Z2) * H, computed first while Z1 and Z2 are still intact.
            _f.Add(a.Z, b.Z, t);
            _f.Square(t, t);
            _f.Subtract(t, z1z1, t);
            _f.Subtract(t, z2z2, t);
            _f.Multiply(t, h, result.Z);

            uint[] i = z1z1, j = z2z2, v = u1;
            _f.Add(h, h, i);
            _f.Square(i, i);
            _f.Multiply(h, i, j);
            _f.Add(r, r, r);
            _f.Multiply(u1, i, v);

            uint[] x3 = h;
            _f.Square(r, x3);
            _f.Subtract(x3, j, x3);
            _f.Subtract(x3, v, x3);
            _f.Subtract(x3, v, x3);

            _f.Subtract(v, x3, t);
            _f.Multiply(r, t, t);
            _f.Multiply(s1, j, s1);
            _f.Add(s1, s1, s1);
            _f.Subtract(t, s1, result.Y);
            Uint256.Copy(x3, result.X);
        }
    }
}
