using System.Text;
using EnergyLogger.Core.Ota;
using EnergyLogger.Vectors;
using nanoFramework.TestFramework;

namespace NFUnitTest
{
    /// <summary>The portable SHA-256 on the device against the shared FIPS 180-4 vectors.</summary>
    [TestClass]
    public class Sha256VectorTests
    {
        [TestMethod]
        [DataRow(0)]
        [DataRow(1)]
        [DataRow(2)]
        [DataRow(3)]
        [DataRow(4)]
        [DataRow(5)]
        [DataRow(6)]
        [DataRow(7)]
        [DataRow(8)]
        [DataRow(9)]
        [DataRow(10)]
        public void Update_PublishedVector_GivesPublishedDigest(int i)
        {
            // The message is fed from one small reused buffer: the million-'a' vector must not need 1 MB of RAM.
            byte[] unit = Encoding.UTF8.GetBytes(OtaVectors.Sha256Text[i]);
            byte[] buffer = new byte[unit.Length * 64];
            for (int at = 0; at < buffer.Length; at += unit.Length)
            {
                System.Array.Copy(unit, 0, buffer, at, unit.Length);
            }

            var sha = new Sha256();
            int left = OtaVectors.Sha256Repeat[i];
            while (left > 0)
            {
                int units = left < 64 ? left : 64;
                sha.Update(buffer, 0, units * unit.Length);
                left -= units;
            }

            byte[] digest = new byte[Sha256.HashLength];
            sha.Finish(digest, 0);

            CollectionAssert.AreEqual(OtaVectors.Bytes(OtaVectors.Sha256Digest[i]), digest, OtaVectors.Sha256Names[i]);
        }
    }
}
