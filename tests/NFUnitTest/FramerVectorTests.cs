using EnergyLogger.Core.Modbus;
using EnergyLogger.Vectors;
using nanoFramework.TestFramework;

namespace NFUnitTest
{
    /// <summary>Both framers and the reply checks on the device against the shared golden replies.</summary>
    [TestClass]
    public class FramerVectorTests
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
        public void RtuFeed_GoldenReply_DeliveredOnItsLastByteAndDecoded(int i)
        {
            RtuFramer framer = Expecting(RtuVectors.Request[i]);
            byte[] reply = RtuVectors.Response[i];

            int lastEnd;
            Assert.AreEqual(1, VectorRequests.FeedAll(framer, reply, out lastEnd));
            Assert.AreEqual(reply.Length - 1, lastEnd);
            CollectionAssert.AreEqual(reply, VectorRequests.Slice(framer.Frame, 0, framer.FrameLength));

            byte code;
            Assert.AreEqual((int)ModbusStatus.Ok, (int)ModbusPdu.CheckResponse(RtuVectors.Request[i], 1, framer.Frame, 1, framer.FramePduLength, out code));
            AssertDecoded(i, framer.Frame, framer.FramePduOffset);
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
        public void RtuFeed_GoldenException_ExceptionWithItsCode(int i)
        {
            RtuFramer framer = Expecting(RtuVectors.Request[i]);

            int lastEnd;
            Assert.AreEqual(1, VectorRequests.FeedAll(framer, RtuVectors.Exception[i], out lastEnd));

            byte code;
            Assert.AreEqual((int)ModbusStatus.Exception, (int)ModbusPdu.CheckResponse(RtuVectors.Request[i], 1, framer.Frame, 1, framer.FramePduLength, out code));
            Assert.AreEqual(RtuVectors.ExceptionCode[i], code);
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
        public void MbapFeed_GoldenReply_DeliveredAsCurrentAndDecoded(int i)
        {
            MbapFramer framer = new MbapFramer();
            byte[] adu = new byte[MbapFramer.MaxAdu];
            int length = framer.Seal(adu, RtuVectors.Slave, VectorRequests.EncodePdu(i, adu, framer.PduOffset));
            framer.BeginResponse(adu, length);

            int lastEnd;
            Assert.AreEqual(1, VectorRequests.FeedAll(framer, MbapVectors.Response[i], out lastEnd));
            Assert.IsTrue(framer.FrameAnswersCurrentRequest);

            byte code;
            Assert.AreEqual((int)ModbusStatus.Ok, (int)ModbusPdu.CheckResponse(adu, 7, framer.Frame, 7, framer.FramePduLength, out code));
            AssertDecoded(i, framer.Frame, framer.FramePduOffset);
        }

        [TestMethod]
        [DataRow(0)]
        [DataRow(1)]
        [DataRow(2)]
        [DataRow(3)]
        [DataRow(4)]
        [DataRow(5)]
        public void RtuFeed_SeedReplies_RightCrcDeliveredSwappedCrcRejected(int i)
        {
            RtuFramer good = Expecting(SeedFrameVectors.Request[i]);
            RtuFramer bad = Expecting(SeedFrameVectors.Request[i]);

            int lastEnd;
            Assert.AreEqual(1, VectorRequests.FeedAll(good, SeedFrameVectors.Response[i], out lastEnd));
            Assert.AreEqual(0, VectorRequests.FeedAll(bad, SeedFrameVectors.ResponseSwappedCrc[i], out lastEnd));
            Assert.IsTrue(bad.ExpectedReplyCorrupt);
        }

        [TestMethod]
        [DataRow(0)]
        [DataRow(1)]
        [DataRow(2)]
        [DataRow(3)]
        [DataRow(4)]
        [DataRow(5)]
        public void RtuFeed_PrintedSeedRequestFrames_NeverDelivered(int i)
        {
            RtuFramer framer = Expecting(SeedFrameVectors.Request[i]);
            byte[] printed = SeedFrameVectors.PrintedRequest[i];

            int lastEnd;
            Assert.AreEqual(0, VectorRequests.FeedAll(framer, printed, out lastEnd));
            framer.Reset();
            Assert.AreEqual(printed.Length, framer.NoiseBytes);
        }

        [TestMethod]
        public void RtuFeed_SeedFc03Replies_RegistersAsPrinted()
        {
            for (int i = 0; i < 5; i++)
            {
                ushort[] registers = new ushort[SeedFrameVectors.Quantity[i]];
                ModbusPdu.CopyRegisters(SeedFrameVectors.Response[i], 1, registers, 0, registers.Length);
                CollectionAssert.AreEqual(SeedFrameVectors.Registers[i], registers);
            }

            bool[] coils = new bool[8];
            ModbusPdu.CopyBits(SeedFrameVectors.Response[5], 1, coils, 0, 8);
            CollectionAssert.AreEqual(SeedFrameVectors.RelayCoils, coils);
        }

        private static RtuFramer Expecting(byte[] request)
        {
            RtuFramer framer = new RtuFramer();
            framer.BeginResponse(request, request.Length);
            return framer;
        }

        private static void AssertDecoded(int i, byte[] frame, int pduOffset)
        {
            byte function = RtuVectors.Function[i];
            if (function <= 0x02)
            {
                bool[] bits = new bool[RtuVectors.Bits[i].Length];
                ModbusPdu.CopyBits(frame, pduOffset, bits, 0, bits.Length);
                CollectionAssert.AreEqual(RtuVectors.Bits[i], bits);
            }
            else if (function <= 0x04)
            {
                ushort[] registers = new ushort[RtuVectors.Registers[i].Length];
                ModbusPdu.CopyRegisters(frame, pduOffset, registers, 0, registers.Length);
                CollectionAssert.AreEqual(RtuVectors.Registers[i], registers);
            }
        }
    }
}
