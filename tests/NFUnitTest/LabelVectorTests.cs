using System;
using EnergyLogger.Core.Ports;
using EnergyLogger.Core.Provisioning;
using EnergyLogger.Vectors;
using nanoFramework.TestFramework;

namespace NFUnitTest
{
    /// <summary>The label record and the code's gate on the device: the shared golden records, and the lockout on a clock the test moves.</summary>
    [TestClass]
    public class LabelVectorTests
    {
        [TestMethod]
        public void Vectors_TablesHaveOneEntryPerRecord()
        {
            Assert.AreEqual(LabelVectors.Names.Length, LabelVectors.Record.Length);
            Assert.AreEqual(LabelVectors.Names.Length, LabelVectors.Status.Length);
            Assert.AreEqual(LabelVectors.Names.Length, LabelVectors.ApKey.Length);
            Assert.AreEqual(LabelVectors.Names.Length, LabelVectors.Pop.Length);
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
        public void Decode_GoldenRecord_GivesItsStatusAndValues(int i)
        {
            byte[] record = LabelVectors.Record[i];
            DeviceLabel label;

            RecordStatus status = LabelRecord.Decode(record, 0, record.Length, out label);

            Assert.AreEqual(LabelVectors.Status[i], RecordStatusText.Of(status), LabelVectors.Names[i]);
            if (LabelVectors.ApKey[i] != null)
            {
                Assert.AreEqual(LabelVectors.ApKey[i], label.ApKey);
                Assert.AreEqual(LabelVectors.Pop[i], label.Pop);
            }
        }

        [TestMethod]
        public void Encode_KeyAndCode_GivesTheGoldenBytes()
        {
            var label = new DeviceLabel();
            label.Set(SettingFields.ApKey, LabelVectors.ApKey[0]);
            label.Set(SettingFields.ApPop, LabelVectors.Pop[0]);
            var buffer = new byte[LabelRecord.MaxLength];

            int length = LabelRecord.Encode(label, buffer, 0);

            Assert.AreEqual(LabelVectors.Record[0].Length, length);
            for (int i = 0; i < length; i++)
            {
                Assert.AreEqual(LabelVectors.Record[0][i], buffer[i]);
            }
        }

        [TestMethod]
        public void Gate_FiveWrongCodes_LockUntilFiveMinutesPass()
        {
            byte[] record = LabelVectors.Record[0];
            DeviceLabel label;
            LabelRecord.Decode(record, 0, record.Length, out label);
            var clock = new SteppedClock();
            var gate = new AuthGate(label, clock);

            for (int i = 0; i < AuthGate.MaxFailures - 1; i++)
            {
                Assert.AreEqual((int)AuthResult.Wrong, (int)gate.Try("ABCD2346"));
            }

            Assert.AreEqual((int)AuthResult.LockedOut, (int)gate.Try("ABCD234"));
            Assert.AreEqual((int)AuthResult.LockedOut, (int)gate.Try(LabelVectors.Pop[0]));
            clock.MonotonicMs += AuthGate.LockoutMs;
            Assert.AreEqual((int)AuthResult.Accepted, (int)gate.Try(LabelVectors.Pop[0]));
        }

        private sealed class SteppedClock : IClock
        {
            public long MonotonicMs { get; set; } = 1000;

            public DateTime UtcNow => new DateTime(2026, 1, 1);

            public bool WallClockSynced => false;

            public void Sleep(int milliseconds)
            {
                MonotonicMs += milliseconds;
            }
        }
    }
}
