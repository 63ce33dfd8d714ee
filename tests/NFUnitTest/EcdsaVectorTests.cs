using EnergyLogger.Core.Ota;
using EnergyLogger.Vectors;
using nanoFramework.TestFramework;

namespace NFUnitTest
{
    /// <summary>The ECDSA P-256 verifier on the device against the shared RFC 6979, NIST CAVP and Wycheproof vectors.</summary>
    [TestClass]
    public class EcdsaVectorTests
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
        [DataRow(11)]
        [DataRow(12)]
        [DataRow(13)]
        [DataRow(14)]
        [DataRow(15)]
        [DataRow(16)]
        [DataRow(17)]
        [DataRow(18)]
        [DataRow(19)]
        [DataRow(20)]
        [DataRow(21)]
        [DataRow(22)]
        [DataRow(23)]
        [DataRow(24)]
        [DataRow(25)]
        [DataRow(26)]
        [DataRow(27)]
        [DataRow(28)]
        [DataRow(29)]
        [DataRow(30)]
        [DataRow(31)]
        [DataRow(32)]
        [DataRow(33)]
        [DataRow(34)]
        [DataRow(35)]
        [DataRow(36)]
        [DataRow(37)]
        [DataRow(38)]
        [DataRow(39)]
        [DataRow(40)]
        [DataRow(41)]
        [DataRow(42)]
        [DataRow(43)]
        public void Verify_PublishedVector_AcceptsExactlyTheValidOnes(int i)
        {
            var verifier = new EcdsaP256Verifier();
            byte[] key = OtaVectors.Bytes(OtaVectors.EcdsaKey[i]);
            Assert.IsTrue(verifier.SetPublicKey(key, 0, key.Length) == SignatureCheck.Valid, OtaVectors.EcdsaNames[i]);
            byte[] message = OtaVectors.Bytes(OtaVectors.EcdsaMessage[i]);
            byte[] digest = new byte[Sha256.HashLength];
            new Sha256().Hash(message, 0, message.Length, digest, 0);
            byte[] signature = OtaVectors.Bytes(OtaVectors.EcdsaSignature[i]);

            bool valid = verifier.Verify(digest, 0, signature, 0, signature.Length) == SignatureCheck.Valid;

            Assert.AreEqual(OtaVectors.EcdsaValid[i], valid, OtaVectors.EcdsaNames[i]);
        }

        [TestMethod]
        [DataRow(0)]
        [DataRow(1)]
        [DataRow(2)]
        [DataRow(3)]
        [DataRow(4)]
        [DataRow(5)]
        [DataRow(6)]
        public void SetPublicKey_InvalidKey_Refused(int i)
        {
            var verifier = new EcdsaP256Verifier();
            byte[] key = OtaVectors.Bytes(OtaVectors.BadKey[i]);

            SignatureCheck check = verifier.SetPublicKey(key, 0, key.Length);

            SignatureCheck expected = OtaVectors.BadKeyOffCurve[i] ? SignatureCheck.KeyNotOnCurve : SignatureCheck.MalformedKey;
            Assert.IsTrue(check == expected, OtaVectors.BadKeyNames[i]);
            Assert.IsFalse(verifier.HasKey);
        }
    }
}
