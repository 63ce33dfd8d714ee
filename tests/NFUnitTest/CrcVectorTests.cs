using System.Text;
using EnergyLogger.Core.Modbus;
using EnergyLogger.Vectors;
using nanoFramework.TestFramework;

namespace NFUnitTest
{
    /// <summary>CRC-16/MODBUS on the device against the shared golden values.</summary>
    [TestClass]
    public class CrcVectorTests
    {
        [TestMethod]
        public void Compute_CatalogueCheckString_Gives4B37()
        {
            byte[] input = Encoding.UTF8.GetBytes(CrcVectors.CheckInput);

            Assert.AreEqual(CrcVectors.CheckValue, Crc16.Compute(input, 0, input.Length));
        }

        [TestMethod]
        [DataRow(0)]
        [DataRow(1)]
        [DataRow(2)]
        [DataRow(3)]
        [DataRow(4)]
        [DataRow(5)]
        public void Compute_GoldenData_MatchesIndependentValue(int i)
        {
            Assert.AreEqual(CrcVectors.Crc[i], Crc16.Compute(CrcVectors.Data[i], 0, CrcVectors.Data[i].Length));
        }

        [TestMethod]
        [DataRow(0)]
        [DataRow(1)]
        [DataRow(2)]
        [DataRow(3)]
        [DataRow(4)]
        [DataRow(5)]
        public void IsValid_PrintedSeedFrames_TrueOnlyWhereTheCrcIsRight(int i)
        {
            byte[] printed = SeedFrameVectors.PrintedRequest[i];

            Assert.AreEqual(SeedFrameVectors.PrintedCrcIsRight[i], Crc16.IsValid(printed, 0, printed.Length));
            Assert.IsTrue(Crc16.IsValid(SeedFrameVectors.Request[i], 0, SeedFrameVectors.Request[i].Length));
        }

        [TestMethod]
        [DataRow(0)]
        [DataRow(1)]
        [DataRow(2)]
        [DataRow(3)]
        [DataRow(4)]
        [DataRow(5)]
        [DataRow(6)]
        [DataRow(7)]
        public void IsValid_GoldenAdus_True(int i)
        {
            Assert.IsTrue(Crc16.IsValid(RtuVectors.Request[i], 0, RtuVectors.Request[i].Length));
            Assert.IsTrue(Crc16.IsValid(RtuVectors.Response[i], 0, RtuVectors.Response[i].Length));
            Assert.IsTrue(Crc16.IsValid(RtuVectors.Exception[i], 0, RtuVectors.Exception[i].Length));
        }
    }
}
