using EnergyLogger.Core.Cloud;
using EnergyLogger.Core.Json;
using EnergyLogger.Core.Registers;
using EnergyLogger.Vectors;
using Xunit;

namespace EnergyLogger.Core.Tests.Cloud;

/// <summary>The small calendar and time-zone arithmetic schedules run on, checked against .NET's own calendar and known change dates.</summary>
public sealed class ScheduleTimeTests
{
    private static long Unix(string utc) => new DateTimeOffset(DateTime.Parse(utc, null, System.Globalization.DateTimeStyles.AdjustToUniversal | System.Globalization.DateTimeStyles.AssumeUniversal)).ToUnixTimeSeconds();

    [Fact]
    public void CivilTime_EveryDayFrom1970To2100_AgreesWithDotNet()
    {
        var epoch = new DateTime(1970, 1, 1);
        for (long days = 0; days < 47_500; days += 1)
        {
            DateTime date = epoch.AddDays(days);
            CivilTime.Date(days, out int y, out int m, out int d);
            Assert.Equal((date.Year, date.Month, date.Day), (y, m, d));
            Assert.Equal(days, CivilTime.Days(y, m, d));
            Assert.Equal((int)date.DayOfWeek, CivilTime.DayOfWeek(days));
        }
    }

    [Theory]
    [InlineData(2026, 3, 0, 29)]
    [InlineData(2026, 10, 0, 25)]
    [InlineData(2024, 2, 0, 25)]
    [InlineData(2026, 3, 2, 8)]
    [InlineData(2026, 11, 1, 1)]
    [InlineData(2027, 3, 2, 14)]
    public void Sunday_NthOrLastOfAMonth(int year, int month, int n, int day)
    {
        Assert.Equal(day, CivilTime.Sunday(year, month, n));
    }

    [Theory]
    [InlineData(0L, "1970-01-01T00:00")]
    [InlineData(29_568_060L, "2026-03-21T09:00")]
    public void MinuteText_LocalMinute(long minute, string text)
    {
        Assert.Equal(text, CivilTime.MinuteText(minute));
    }

    [Theory]
    [InlineData("2026-03-29T00:59:59Z", 60)]
    [InlineData("2026-03-29T01:00:00Z", 120)]
    [InlineData("2026-10-25T00:59:59Z", 120)]
    [InlineData("2026-10-25T01:00:00Z", 60)]
    [InlineData("2026-07-01T12:00:00Z", 120)]
    [InlineData("2026-12-01T12:00:00Z", 60)]
    public void EuRule_CentralEurope_ChangesAt0100Utc(string utc, int offsetMinutes)
    {
        Assert.Equal(offsetMinutes * 60, new LocalZone(60, DaylightRule.Eu).OffsetSeconds(Unix(utc)));
    }

    [Theory]
    [InlineData("2026-03-08T06:59:59Z", -300)]
    [InlineData("2026-03-08T07:00:00Z", -240)]
    [InlineData("2026-11-01T05:59:59Z", -240)]
    [InlineData("2026-11-01T06:00:00Z", -300)]
    public void UsRule_EasternTime_ChangesAt0200Local(string utc, int offsetMinutes)
    {
        Assert.Equal(offsetMinutes * 60, new LocalZone(-300, DaylightRule.Us).OffsetSeconds(Unix(utc)));
    }

    [Fact]
    public void LocalMinute_SpringChange_SkipsAnHour_AutumnChange_RepeatsOne()
    {
        var zone = new LocalZone(60, DaylightRule.Eu);

        long beforeSpring = zone.LocalMinute(Unix("2026-03-29T00:59:00Z"));
        long afterSpring = zone.LocalMinute(Unix("2026-03-29T01:00:00Z"));
        long beforeAutumn = zone.LocalMinute(Unix("2026-10-25T00:59:00Z"));
        long afterAutumn = zone.LocalMinute(Unix("2026-10-25T01:00:00Z"));

        Assert.Equal(("2026-03-29T01:59", "2026-03-29T03:00"), (CivilTime.MinuteText(beforeSpring), CivilTime.MinuteText(afterSpring)));
        Assert.Equal(("2026-10-25T02:59", "2026-10-25T02:00"), (CivilTime.MinuteText(beforeAutumn), CivilTime.MinuteText(afterAutumn)));
    }

    [Theory]
    [InlineData("*", 0, 59, 60)]
    [InlineData("0", 0, 0, 1)]
    [InlineData("*/15", 0, 45, 4)]
    [InlineData("5-20/5", 5, 20, 4)]
    [InlineData("10/20", 10, 50, 3)]
    [InlineData("0,30", 0, 30, 2)]
    [InlineData("59", 59, 59, 1)]
    public void CronField_Minutes_Sets(string field, int first, int last, int count)
    {
        long mask = CronField.Minutes(field, out string? reason);

        Assert.Null(reason);
        Assert.Equal(count, System.Numerics.BitOperations.PopCount((ulong)mask));
        Assert.Equal(first, System.Numerics.BitOperations.TrailingZeroCount(mask));
        Assert.Equal(last, 63 - System.Numerics.BitOperations.LeadingZeroCount((ulong)mask));
    }

    [Theory]
    [InlineData("*", 0x7F)]
    [InlineData("mon-fri", 0x3E)]
    [InlineData("sat,sun", 0x41)]
    [InlineData("0,6", 0x41)]
    [InlineData("7", 0x01)]
    [InlineData("1-7", 0x7F)]
    [InlineData("MON", 0x02)]
    public void CronField_Days_Sets(string field, long mask)
    {
        Assert.Equal(mask, CronField.Days(field, out _));
    }

    [Theory]
    [InlineData("60")]
    [InlineData("")]
    [InlineData("1,")]
    [InlineData("30-10")]
    [InlineData("*/0")]
    [InlineData("*/61")]
    [InlineData("a")]
    [InlineData("-5")]
    [InlineData("1-2-3")]
    [InlineData("007")]
    public void CronField_Minutes_BadField_ZeroWithAReason(string field)
    {
        Assert.Equal(0, CronField.Minutes(field, out string? reason));
        Assert.False(string.IsNullOrEmpty(reason));
    }

    [Fact]
    public void SharedVectors_ZonesCronFieldsSchedulesAndLastRuns_AsOnNanoFramework()
    {
        for (int i = 0; i < ScheduleVectors.ZoneUtc.Length; i++)
        {
            var zone = new LocalZone(ScheduleVectors.ZoneOffsetMinutes[i], (DaylightRule)ScheduleVectors.ZoneRule[i]);
            Assert.Equal(ScheduleVectors.ZoneOffsetSeconds[i], zone.OffsetSeconds(ScheduleVectors.ZoneUtc[i]));
        }

        for (int i = 0; i < ScheduleVectors.CronText.Length; i++)
        {
            string text = ScheduleVectors.CronText[i];
            long mask = ScheduleVectors.CronKind[i] switch
            {
                0 => CronField.Minutes(text, out _),
                1 => CronField.Hours(text, out _),
                _ => CronField.Days(text, out _),
            };
            Assert.True(ScheduleVectors.CronMask[i] == mask, $"cron vector {i}: '{text}' gave 0x{mask:X}");
        }

        for (int i = 0; i < ScheduleVectors.Schedule.Length; i++)
        {
            (Schedule? schedule, string? reason) = ScheduleParserTests.Parse(ScheduleVectors.Schedule[i]);
            if (ScheduleVectors.ScheduleReason[i] is { } expected)
            {
                Assert.StartsWith(expected, reason);
            }
            else
            {
                Assert.True(schedule != null, reason);
            }
        }

        Schedule first = ScheduleParserTests.Parse(ScheduleVectors.Schedule[0]).Schedule!;
        for (int i = 0; i < ScheduleVectors.LastRunAt.Length; i++)
        {
            Assert.Equal(ScheduleVectors.LastRunExpected[i], first.Entries[ScheduleVectors.LastRunEntry[i]].LastRunAtOrBefore(ScheduleVectors.LastRunAt[i]));
        }
    }
}
