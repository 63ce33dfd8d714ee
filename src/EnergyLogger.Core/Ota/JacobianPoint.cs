namespace EnergyLogger.Core.Ota
{
    /// <summary>
    /// A P-256 point in Jacobian coordinates (x = X/Z^2, y = Y/Z^3), each coordinate below p.
    /// Z = 0 is the point at infinity. Instances are allocated once and overwritten.
    /// </summary>
    internal sealed class JacobianPoint
    {
        public readonly uint[] X = Uint256.New();
        public readonly uint[] Y = Uint256.New();
        public readonly uint[] Z = Uint256.New();

        public bool IsInfinity => Uint256.IsZero(Z);

        public void SetInfinity()
        {
            Uint256.SetSmall(X, 0);
            Uint256.SetSmall(Y, 0);
            Uint256.SetSmall(Z, 0);
        }

        public void CopyFrom(JacobianPoint other)
        {
            Uint256.Copy(other.X, X);
            Uint256.Copy(other.Y, Y);
            Uint256.Copy(other.Z, Z);
        }
    }
}
