using EnergyLogger.Core.Local;
using EnergyLogger.Core.Registers;
using nanoFramework.TestFramework;

namespace NFUnitTest
{
    /// <summary>
    /// The local server's session with the gateway on, as the dongle runs it: a request for the map's unit id is checked and
    /// left at the desk, the loop's reply is collected into an MBAP frame; other functions and malformed requests are
    /// answered at once and never reach the desk.
    /// </summary>
    [TestClass]
    public class GatewaySessionTests
    {
        private const string Map = "{\"format\":\"energylogger-map/1\",\"name\":\"t\",\"devices\":[{\"id\":\"inv\",\"slave\":1}],"
            + "\"points\":[{\"name\":\"p\",\"address\":10,\"target\":\"grid.power\",\"type\":\"int16\"}]}";

        [TestMethod]
        public void ReadForTheInverter_WaitsAtTheDesk_AndTheLoopsReplyIsFramed()
        {
            GatewayDesk desk;
            ModbusServerSession session = Session(true, out desk);
            byte[] request = { 0, 7, 0, 0, 0, 6, 1, 3, 0, 30, 0, 2 };

            Assert.AreEqual(request.Length, session.Receive(request, 0, request.Length));
            Assert.IsTrue(session.Waiting);
            Assert.AreEqual(0, session.ReplyLength);
            Assert.IsFalse(session.Collect());

            GatewayTicket ticket = desk.Take();
            Assert.IsNotNull(ticket);
            Assert.AreEqual(1, ticket.Unit);
            Assert.AreEqual(30, ticket.Address);
            Assert.AreEqual(2, ticket.Quantity);
            ticket.AnswerRegisters(new ushort[] { 0x1234, 0xABCD }, 0);
            desk.Finish(ticket, GatewayOutcome.Forwarded);

            Assert.IsTrue(session.Collect());
            Assert.IsFalse(session.Waiting);
            byte[] expected = { 0, 7, 0, 0, 0, 7, 1, 3, 4, 0x12, 0x34, 0xAB, 0xCD };
            Assert.AreEqual(expected.Length, session.ReplyLength);
            for (int i = 0; i < expected.Length; i++)
            {
                Assert.AreEqual(expected[i], session.Reply[i]);
            }

            Assert.AreEqual(1, desk.Forwarded);
        }

        [TestMethod]
        [DataRow(new byte[] { 0, 1, 0, 0, 0, 6, 1, 5, 0, 1, 0xFF, 0 }, 0x85, 1)]
        [DataRow(new byte[] { 0, 1, 0, 0, 0, 6, 1, 3, 0, 10, 0, 126 }, 0x83, 3)]
        [DataRow(new byte[] { 0, 1, 0, 0, 0, 11, 1, 0x10, 0, 20, 0, 1, 4, 0, 1, 0, 2 }, 0x90, 3)]
        [DataRow(new byte[] { 0, 1, 0, 0, 0, 6, 7, 3, 0, 10, 0, 1 }, 0x83, 0x0B)]
        public void RequestsTheGatewayDoesNotPass_AreAnsweredAtOnce_AndNeverReachTheDesk(byte[] request, int function, int code)
        {
            GatewayDesk desk;
            ModbusServerSession session = Session(true, out desk);

            session.Receive(request, 0, request.Length);

            Assert.IsFalse(session.Waiting);
            Assert.AreEqual(9, session.ReplyLength);
            Assert.AreEqual((byte)function, session.Reply[7]);
            Assert.AreEqual((byte)code, session.Reply[8]);
            Assert.IsFalse(desk.HasWork);
        }

        [TestMethod]
        public void GatewayOff_TheInvertersUnitGets0B_AndAWaitingRequestWithdrawnGets0BToo()
        {
            GatewayDesk desk;
            ModbusServerSession off = Session(false, out desk);
            byte[] request = { 0, 1, 0, 0, 0, 6, 1, 6, 0, 20, 0, 50 };
            off.Receive(request, 0, request.Length);
            Assert.IsFalse(off.Waiting);
            Assert.AreEqual((byte)0x86, off.Reply[7]);
            Assert.AreEqual((byte)0x0B, off.Reply[8]);

            ModbusServerSession on = Session(true, out desk);
            on.Receive(request, 0, request.Length);
            Assert.IsTrue(on.Waiting);
            Assert.IsTrue(on.GiveUp());
            Assert.IsFalse(desk.HasWork);
            Assert.AreEqual((byte)0x86, on.Reply[7]);
            Assert.AreEqual((byte)0x0B, on.Reply[8]);
            Assert.AreEqual(1, desk.Abandoned);
        }

        private static ModbusServerSession Session(bool gateway, out GatewayDesk desk)
        {
            MapError error;
            RegisterMap map = RegisterMapLoader.Load(Map, out error);
            var image = new RegisterImage(new DeviceIdentity("EnergyLogger", "t", "1.0.0", "020000000001"), new LocalSwitch(true, 502, 100, gateway));
            desk = image.Gateway;
            desk.Follow(map);
            return new ModbusServerSession(image, 100);
        }
    }
}
