using EnergyLogger.Core.Modbus;
using EnergyLogger.Vectors;
using nanoFramework.TestFramework;

namespace NFUnitTest
{
    /// <summary>Every encoder and both framings on the device against the shared golden requests.</summary>
    [TestClass]
    public class EncoderVectorTests
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
        public void SealRtu_GoldenRequest_ExactAdu(int i)
        {
            RtuFramer framer = new RtuFramer();
            byte[] adu = new byte[RtuFramer.MaxAdu];
            int pdu = VectorRequests.EncodePdu(i, adu, framer.PduOffset);

            int length = framer.Seal(adu, RtuVectors.Slave, pdu);

            CollectionAssert.AreEqual(RtuVectors.Request[i], VectorRequests.Slice(adu, 0, length));
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
        public void SealMbap_GoldenRequest_ExactAdu(int i)
        {
            MbapFramer framer = new MbapFramer();
            byte[] adu = new byte[MbapFramer.MaxAdu];
            int pdu = VectorRequests.EncodePdu(i, adu, framer.PduOffset);

            int length = framer.Seal(adu, RtuVectors.Slave, pdu);

            CollectionAssert.AreEqual(MbapVectors.Request[i], VectorRequests.Slice(adu, 0, length));
        }

        [TestMethod]
        [DataRow(0)]
        [DataRow(1)]
        [DataRow(2)]
        [DataRow(3)]
        [DataRow(4)]
        [DataRow(5)]
        public void SealRtu_SeedRequests_RightCrcNotThePrintedOne(int i)
        {
            RtuFramer framer = new RtuFramer();
            byte[] adu = new byte[RtuFramer.MaxAdu];
            int pdu = ModbusPdu.EncodeRead(adu, 1, (FunctionCode)SeedFrameVectors.Function[i], SeedFrameVectors.Address[i], SeedFrameVectors.Quantity[i]);

            int length = framer.Seal(adu, 0x01, pdu);

            CollectionAssert.AreEqual(SeedFrameVectors.Request[i], VectorRequests.Slice(adu, 0, length));
        }

        [TestMethod]
        public void Encode_OutsideProtocolLimits_Invalid()
        {
            byte[] buf = new byte[300];

            Assert.AreEqual(ModbusPdu.Invalid, ModbusPdu.EncodeRead(buf, 0, FunctionCode.ReadHoldingRegisters, 0, 0));
            Assert.AreEqual(ModbusPdu.Invalid, ModbusPdu.EncodeRead(buf, 0, FunctionCode.ReadHoldingRegisters, 0, 126));
            Assert.AreEqual(ModbusPdu.Invalid, ModbusPdu.EncodeRead(buf, 0, FunctionCode.ReadCoils, 0, 2001));
            Assert.AreEqual(ModbusPdu.Invalid, ModbusPdu.EncodeRead(buf, 0, FunctionCode.ReadInputRegisters, 0xFFFF, 2));
            Assert.AreEqual(ModbusPdu.Invalid, ModbusPdu.EncodeWriteMultipleRegisters(buf, 0, 0, new ushort[124], 0, 124));
            Assert.AreEqual(ModbusPdu.Invalid, ModbusPdu.EncodeWriteMultipleCoils(buf, 0, 0, new bool[1969], 0, 1969));
            Assert.AreEqual(5, ModbusPdu.EncodeRead(buf, 0, FunctionCode.ReadHoldingRegisters, 0, 125));
            Assert.AreEqual(6 + 246, ModbusPdu.EncodeWriteMultipleRegisters(buf, 0, 0, new ushort[123], 0, 123));
        }
    }
}
