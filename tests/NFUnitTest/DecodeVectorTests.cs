using System.Text;
using EnergyLogger.Core.Json;
using EnergyLogger.Core.Modbus;
using EnergyLogger.Core.Registers;
using EnergyLogger.Vectors;
using nanoFramework.TestFramework;

namespace NFUnitTest
{
    /// <summary>
    /// Register decoding (RELIABILITY M10) on the device against the vectors the xunit suite checks: the map
    /// loader, the frame, the decoder and the number writer together, so a value prints the same on both runtimes.
    /// </summary>
    [TestClass]
    public class DecodeVectorTests
    {
        [TestMethod]
        public void Vectors_TablesHaveOneEntryPerName()
        {
            int n = DecodeVectors.Names.Length;
            Assert.AreEqual(n, DecodeVectors.Point.Length);
            Assert.AreEqual(n, DecodeVectors.Words.Length);
            Assert.AreEqual(n, DecodeVectors.Quality.Length);
            Assert.AreEqual(n, DecodeVectors.Text.Length);
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
        public void Decode_GoldenVector_ExactValueOrFlagged(int i)
        {
            RegisterFrame frame = FrameFor(i);
            ushort[] words = DecodeVectors.Words[i];
            frame.Deliver(0, FunctionCode.ReadHoldingRegisters, DecodeVectors.Address, words, 0, words.Length);
            double value;
            long raw;

            ValueQuality quality = PointDecoder.Decode(frame, frame.Map.Points[0], out value, out raw);

            Assert.AreEqual(DecodeVectors.Quality[i], ValueQualityText.Of(quality), DecodeVectors.Names[i]);
            if (quality == ValueQuality.Ok)
            {
                Assert.AreEqual(DecodeVectors.Text[i], Text(value, frame.Map.Points[0].SignificantDigits), DecodeVectors.Names[i]);
            }
            else
            {
                Assert.IsNull(DecodeVectors.Text[i], DecodeVectors.Names[i]);
                Assert.AreEqual(0.0, value, DecodeVectors.Names[i]);
            }
        }

        /// <summary>A one-point map reading vector i's point at the vectors' address of slave 1.</summary>
        private static RegisterFrame FrameFor(int i)
        {
            string json = "{\"format\":\"energylogger-map/1\",\"name\":\"vector\",\"devices\":[{\"id\":\"inv\",\"slave\":1}],"
                + "\"points\":[{\"name\":\"p\",\"address\":" + DecodeVectors.Address.ToString() + "," + DecodeVectors.Point[i] + "}]}";
            MapError error;
            RegisterMap map = RegisterMapLoader.Load(json, out error);
            Assert.IsNotNull(map, error == null ? DecodeVectors.Names[i] : error.ToString());
            return new RegisterFrame(map);
        }

        private static string Text(double value, int significantDigits)
        {
            byte[] buf = new byte[JsonNumberFormat.MaxLength];
            int length = JsonNumberFormat.Write(value, significantDigits, JsonWriter.DefaultMaxDecimals, buf, 0);
            return Encoding.UTF8.GetString(buf, 0, length);
        }
    }
}
