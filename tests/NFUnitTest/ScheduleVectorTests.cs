using System.Text;
using EnergyLogger.Core.Cloud;
using EnergyLogger.Core.Json;
using EnergyLogger.Core.Registers;
using EnergyLogger.Vectors;
using nanoFramework.TestFramework;

namespace NFUnitTest
{
    /// <summary>
    /// Schedules run on the dongle from its own clock, so their calendar, time-zone and cron arithmetic (long masks and shifts,
    /// integer division) and their parser must give on nanoFramework what they give on .NET: the shared schedule vectors.
    /// </summary>
    [TestClass]
    public class ScheduleVectorTests
    {
        [TestMethod]
        public void Zones_SharedVectors_OffsetInForce()
        {
            for (int i = 0; i < ScheduleVectors.ZoneUtc.Length; i++)
            {
                var zone = new LocalZone(ScheduleVectors.ZoneOffsetMinutes[i], (DaylightRule)ScheduleVectors.ZoneRule[i]);
                Assert.AreEqual(ScheduleVectors.ZoneOffsetSeconds[i], zone.OffsetSeconds(ScheduleVectors.ZoneUtc[i]), "zone vector " + i.ToString());
            }
        }

        [TestMethod]
        public void CronFields_SharedVectors_Masks()
        {
            for (int i = 0; i < ScheduleVectors.CronText.Length; i++)
            {
                string reason;
                string text = ScheduleVectors.CronText[i];
                int kind = ScheduleVectors.CronKind[i];
                long mask = kind == 0 ? CronField.Minutes(text, out reason) : kind == 1 ? CronField.Hours(text, out reason) : CronField.Days(text, out reason);
                Assert.AreEqual(ScheduleVectors.CronMask[i], mask, "cron vector " + i.ToString());
                Assert.AreEqual(mask == 0, reason != null, "cron vector " + i.ToString());
            }
        }

        [TestMethod]
        public void Schedules_SharedVectors_AcceptedOrRefusedWithTheReason()
        {
            for (int i = 0; i < ScheduleVectors.Schedule.Length; i++)
            {
                string reason;
                Schedule schedule = Parse(ScheduleVectors.Schedule[i], out reason);
                string expected = ScheduleVectors.ScheduleReason[i];
                if (expected == null)
                {
                    Assert.IsNotNull(schedule, reason);
                }
                else
                {
                    Assert.IsNull(schedule, "schedule vector " + i.ToString());
                    Assert.IsTrue(reason.StartsWith(expected), reason);
                }
            }
        }

        [TestMethod]
        public void LastRuns_SharedVectors_LatestMinuteAtOrBefore()
        {
            string reason;
            Schedule schedule = Parse(ScheduleVectors.Schedule[0], out reason);
            for (int i = 0; i < ScheduleVectors.LastRunAt.Length; i++)
            {
                ScheduleEntry entry = schedule.Entries[ScheduleVectors.LastRunEntry[i]];
                Assert.AreEqual(ScheduleVectors.LastRunExpected[i], entry.LastRunAtOrBefore(ScheduleVectors.LastRunAt[i]), "last-run vector " + i.ToString());
                Assert.IsTrue(entry.RunsAt(ScheduleVectors.LastRunExpected[i]));
            }
        }

        [TestMethod]
        public void MinuteText_SpringChangeMinute()
        {
            Assert.AreEqual("2026-03-29T03:00", CivilTime.MinuteText(29579220));
        }

        private static Schedule Parse(string schedule, out string reason)
        {
            byte[] text = Encoding.UTF8.GetBytes("{\"map\":" + ScheduleVectors.Map + ",\"schedule\":" + schedule + "}");
            var doc = new JsonDocument();
            doc.Parse(text, 0, text.Length, ConfigApplier.Limits);
            CloudConfig config = CloudConfigParser.Parse(doc, JsonDocument.Root, text, text.Length, "v", out reason);
            return config == null ? null : config.Schedule;
        }
    }
}
