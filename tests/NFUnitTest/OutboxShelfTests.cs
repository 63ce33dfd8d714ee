using System;
using System.Text;
using EnergyLogger.Core.Cloud;
using EnergyLogger.Core.Ports;
using EnergyLogger.Core.Runtime;
using nanoFramework.TestFramework;

namespace NFUnitTest
{
    /// <summary>The cloud's outboxes on the device share the dongle's one flash budget, however many endpoints the map names.</summary>
    [TestClass]
    public class OutboxShelfTests
    {
        [TestMethod]
        public void For_NineEndpointsOfflineLong_TheirFilesStayWithinTheBudget()
        {
            var store = new MemoryStore();
            OutboxShelf shelf = NewShelf(store, out OutboxOptions budget);
            Outbox[] outboxes = shelf.For(new string[] { null, "meter-1", "meter-2", "meter-3", "meter-4", "battery-1", "battery-2", "ev-1", "heat-pump" });

            byte[] sample = Encoding.UTF8.GetBytes("{\"pad\":\"" + new string('x', 1000) + "\"}");
            for (int o = 0; o < outboxes.Length; o++)
            {
                for (int n = 0; n < 100; n++)
                {
                    Assert.AreEqual((int)AppendStatus.Stored, (int)outboxes[o].Append(sample, 0, sample.Length));
                }

                Assert.AreEqual(2, outboxes[o].Options.MaxSegments);
            }

            int held = 0;
            string[] names = store.List();
            for (int i = 0; i < names.Length; i++)
            {
                held += store.Length(names[i]);
            }

            Assert.IsTrue(held <= budget.CapBytes, held.ToString() + " bytes held");
        }

        [TestMethod]
        public void For_AnEndpointDroppedWithSamplesUnsent_KeepsThemAndItsShare()
        {
            OutboxShelf shelf = NewShelf(new MemoryStore(), out _);
            Outbox meter = shelf.For(new string[] { null, "meter-1" })[1];
            byte[] sample = Encoding.UTF8.GetBytes("{\"n\":1}");
            meter.Append(sample, 0, sample.Length);

            Outbox own = shelf.For(new string[] { null })[0];

            Assert.AreEqual(12, own.Options.MaxSegments);
            Assert.AreEqual(12, meter.Options.MaxSegments);
            Assert.AreEqual(1, meter.Pending);
        }

        private static OutboxShelf NewShelf(IFileStore store, out OutboxOptions budget)
        {
            var options = new RuntimeOptions();
            options.ShareOutboxes(RuntimeOptions.DongleOutboxBytes);
            budget = options.Outbox;
            return new OutboxShelf(store, budget, new Log(new NoLog(), new StillClock()));
        }

        private sealed class NoLog : ILog
        {
            public void WriteLine(string line)
            {
            }
        }

        private sealed class StillClock : IClock
        {
            public long MonotonicMs => 0;

            public DateTime UtcNow => new DateTime(2026, 1, 1);

            public bool WallClockSynced => false;

            public void Sleep(int milliseconds)
            {
            }
        }
    }
}
