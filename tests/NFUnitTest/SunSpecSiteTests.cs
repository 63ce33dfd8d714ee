using System;
using EnergyLogger.Core.Modbus;
using EnergyLogger.Core.Ports;
using EnergyLogger.Core.Registers;
using EnergyLogger.Core.SunSpec;
using nanoFramework.TestFramework;

namespace NFUnitTest
{
    /// <summary>
    /// A SunSpec site drafted as the dongle drafts it: the map of kind "sunspec" loads with no points, the chain is walked
    /// over a MODBUS RTU master, and the drafted map reads each model where the walk found it.
    /// </summary>
    [TestClass]
    public class SunSpecSiteTests
    {
        private const string Site = "{\"format\":\"energylogger-map/1\",\"name\":\"site\",\"devices\":[{\"id\":\"inverter\",\"slave\":1,\"kind\":\"sunspec\"}],"
            + "\"points\":[{\"name\":\"ac_power\",\"address\":40083,\"type\":\"int16\",\"poll\":\"fast\",\"target\":\"load.power\"}]}";

        [TestMethod]
        [DataRow(65, "unit 1: 1 at 40002 (L=65), 103 at 40069 (L=50)", 40100)]
        [DataRow(66, "unit 1: 1 at 40002 (L=66), 103 at 40070 (L=50)", 40101)]
        public void Site_WalkedOverRtu_DraftedWhereTheModelsAre(int commonLength, string expectedChains, int dcPowerAddress)
        {
            RegisterMap site = RegisterMapLoader.Load(Site, out MapError siteError);
            Assert.IsNull(siteError);
            Assert.IsTrue(site.AwaitsWalk);

            var master = new ModbusMaster(new ChainSlave(commonLength), new StepClock(), new RtuFramer(), new MasterOptions());
            RegisterMap drafted = SunSpecSite.Draft(site, new[] { master }, out string chains, out string problem);

            Assert.IsNull(problem, problem);
            Assert.AreEqual(expectedChains, chains);
            Assert.IsFalse(drafted.AwaitsWalk);
            Assert.AreEqual(dcPowerAddress, drafted.Points[drafted.IndexOfPoint("dc_w")].Address);
            Assert.IsTrue(drafted.Devices[0].ScaleInRequest);

            // The site's own point replaced the drafted one of its name.
            PointDefinition own = drafted.Points[drafted.IndexOfPoint("ac_power")];
            Assert.AreEqual(40083, own.Address);
        }

        [TestMethod]
        public void NoMarker_NoMap_AndTheReason()
        {
            RegisterMap site = RegisterMapLoader.Load(Site, out MapError siteError);
            var master = new ModbusMaster(new ChainSlave(0), new StepClock(), new RtuFramer(), new MasterOptions { ResponseTimeoutMs = 10 });

            RegisterMap drafted = SunSpecSite.Draft(site, new[] { master }, out string chains, out string problem);

            Assert.IsNull(drafted);
            Assert.AreEqual("unit 1: no SunSpec marker \"SunS\" at 40000, 0, 50000", problem);
        }

        /// <summary>Unit 1 over RTU: "SunS", a common model of the given length, model 103, the end model; exception 02 elsewhere.
        /// A common length of 0 is a device with no chain at all.</summary>
        private sealed class ChainSlave : IByteLink
        {
            private const int Base = 40000;
            private readonly ushort[] _words = new ushort[200];
            private readonly int _count;
            private readonly byte[] _reply = new byte[256];
            private int _replyLength;
            private int _replyRead;

            public ChainSlave(int commonLength)
            {
                if (commonLength == 0)
                {
                    return;
                }

                ushort[] head = { 0x5375, 0x6E53, 1, (ushort)commonLength };
                Array.Copy(head, _words, head.Length);
                int inverter = 4 + commonLength;
                _words[inverter] = 103;
                _words[inverter + 1] = 50;
                _words[inverter + 2 + 29] = 3100;
                _words[inverter + 52] = 0xFFFF;
                _count = inverter + 54;
            }

            public LinkStatus Write(byte[] buffer, int offset, int count)
            {
                int address = (buffer[offset + 2] << 8) | buffer[offset + 3];
                int quantity = (buffer[offset + 4] << 8) | buffer[offset + 5];
                _replyRead = 0;
                _reply[0] = buffer[offset];
                if (buffer[offset + 1] != 3 || address < Base || address + quantity > Base + _count)
                {
                    _reply[1] = (byte)(buffer[offset + 1] | 0x80);
                    _reply[2] = 2;
                    _replyLength = 3;
                }
                else
                {
                    _reply[1] = 3;
                    _reply[2] = (byte)(2 * quantity);
                    for (int i = 0; i < quantity; i++)
                    {
                        ushort word = _words[address - Base + i];
                        _reply[3 + (2 * i)] = (byte)(word >> 8);
                        _reply[4 + (2 * i)] = (byte)word;
                    }

                    _replyLength = 3 + (2 * quantity);
                }

                ushort crc = Crc16.Compute(_reply, 0, _replyLength);
                _reply[_replyLength++] = (byte)crc;
                _reply[_replyLength++] = (byte)(crc >> 8);
                return LinkStatus.Ok;
            }

            public LinkStatus Read(byte[] buffer, int offset, int count, int timeoutMs, out int received)
            {
                received = _replyLength - _replyRead < count ? _replyLength - _replyRead : count;
                if (received == 0)
                {
                    return LinkStatus.Timeout;
                }

                Array.Copy(_reply, _replyRead, buffer, offset, received);
                _replyRead += received;
                return LinkStatus.Ok;
            }

            public void DiscardInput()
            {
                _replyRead = _replyLength;
            }
        }

        /// <summary>A clock that moves one millisecond each time it is read, so waits end without sleeping.</summary>
        private sealed class StepClock : IClock
        {
            private long _ms;

            public long MonotonicMs => ++_ms;

            public DateTime UtcNow => new DateTime(2026, 1, 1);

            public bool WallClockSynced => false;

            public void Sleep(int milliseconds)
            {
                _ms += milliseconds;
            }
        }
    }
}
