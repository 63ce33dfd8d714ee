using System.Text;
using EnergyLogger.Core.Json;
using EnergyLogger.Vectors;
using nanoFramework.TestFramework;

namespace NFUnitTest
{
    /// <summary>
    /// The sample writer's number text on the device against the shared vectors: nanoFramework's own
    /// double.ToString differs from .NET's, so the writer formats numbers itself and must agree on both.
    /// </summary>
    [TestClass]
    public class NumberFormatVectorTests
    {
        [TestMethod]
        public void Vectors_TablesHaveOneEntryPerValue()
        {
            int n = NumberFormatVectors.Value.Length;
            Assert.AreEqual(n, NumberFormatVectors.Significant.Length);
            Assert.AreEqual(n, NumberFormatVectors.Decimals.Length);
            Assert.AreEqual(n, NumberFormatVectors.Text.Length);
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
        public void Write_SharedVector_GivesTheExpectedText(int i)
        {
            byte[] buf = new byte[JsonNumberFormat.MaxLength];

            int length = JsonNumberFormat.Write(NumberFormatVectors.Value[i], NumberFormatVectors.Significant[i], NumberFormatVectors.Decimals[i], buf, 0);

            Assert.AreEqual(NumberFormatVectors.Text[i], Encoding.UTF8.GetString(buf, 0, length));
        }
    }
}
