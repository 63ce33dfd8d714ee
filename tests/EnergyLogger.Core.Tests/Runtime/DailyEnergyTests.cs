using EnergyLogger.Core.Registers;
using EnergyLogger.Core.Runtime;
using EnergyLogger.Core.Tests.Cloud;
using Xunit;
using static EnergyLogger.Core.Tests.Registers.MapText;

namespace EnergyLogger.Core.Tests.Runtime;

/// <summary>
/// docs/register-map.md, "Daily energy from a lifetime counter": today's energy from a device's lifetime counter, reset at
/// local midnight of the map's zone (central Europe with the EU daylight-saving rule here), kept across restarts.
/// </summary>
public class DailyEnergyTests
{
    private static readonly string Map = With(
        points: List("""{"name":"pv_total","address":10,"type":"uint32","scale":0.1,"poll":"fast","target":"pv.energy_total"}"""),
        computed: List("""{"name":"pv_today","op":"daily","a":"pv_total","target":"pv.energy_today"}"""))
        .Replace("\"name\":\"test\",", "\"name\":\"test\",\"timeZone\":{\"utcOffset\":\"+01:00\",\"dst\":\"eu\"},");

    private sealed class Logger
    {
        private readonly PollRig _rig;

        public Logger(MemoryFileStore store, string utc)
        {
            _rig = new PollRig(Map);
            _rig.Engine.Files = store;
            _rig.Clock.SetWallClock(DateTime.Parse(utc, null, System.Globalization.DateTimeStyles.AdjustToUniversal));
        }

        public PollRig Rig => _rig;

        /// <summary>One cycle at <paramref name="utc"/> with the counter at <paramref name="kwh"/>; today's energy, or null when not published.</summary>
        public double? At(string utc, double kwh)
        {
            DateTime when = DateTime.Parse(utc, null, System.Globalization.DateTimeStyles.AdjustToUniversal);
            long ms = (long)(when - _rig.Clock.UtcNow).TotalMilliseconds;
            Assert.True(ms >= 0, "time runs forward");
            _rig.Clock.Advance(ms);
            uint raw = (uint)Math.Round(kwh * 10);
            _rig.Slave.SetHolding(10, (ushort)(raw >> 16), (ushort)raw);
            Assert.True(_rig.Engine.RunCycle());
            return _rig.Quality("pv.energy_today") == ValueQuality.Ok ? Math.Round(_rig.Value("pv.energy_today"), 3) : null;
        }
    }

    [Fact]
    public void Daily_ResetsAtLocalMidnight_AcrossTheSpringChange_WithACounterStillAtNight()
    {
        var logger = new Logger(new MemoryFileStore(), "2026-03-28T19:00:00Z");

        Assert.Equal(0.0, logger.At("2026-03-28T20:00:00Z", 1000.0));   // the first reading ever starts the count
        Assert.Equal(0.0, logger.At("2026-03-28T22:50:00Z", 1000.0));   // 23:50 CET, nothing produced at night
        Assert.Equal(0.0, logger.At("2026-03-28T23:10:00Z", 1000.0));   // 00:10 CET on the 29th: a new day, still dark
        Assert.Equal(12.5, logger.At("2026-03-29T10:00:00Z", 1012.5));  // 12:00 CEST, after the change at 01:00 UTC
        Assert.Equal(20.0, logger.At("2026-03-29T21:50:00Z", 1020.0));  // 23:50 CEST
        // 22:10 UTC is 00:10 CEST on the 30th: a new day, though it would still be the 29th at a fixed +01:00.
        Assert.Equal(0.0, logger.At("2026-03-29T22:10:00Z", 1020.0));
        Assert.Equal(3.3, logger.At("2026-03-30T09:00:00Z", 1023.3));
    }

    [Fact]
    public void Daily_ResetsAtLocalMidnight_AcrossTheAutumnChange()
    {
        var logger = new Logger(new MemoryFileStore(), "2026-10-24T12:00:00Z");

        Assert.Equal(0.0, logger.At("2026-10-24T12:00:00Z", 500.0));
        Assert.Equal(4.0, logger.At("2026-10-24T21:50:00Z", 504.0));    // 23:50 CEST on the 24th
        Assert.Equal(0.0, logger.At("2026-10-24T22:10:00Z", 504.0));    // 00:10 CEST on the 25th
        Assert.Equal(6.0, logger.At("2026-10-25T22:50:00Z", 510.0));    // 23:50 CET: the 25th had 25 hours
        Assert.Equal(0.0, logger.At("2026-10-25T23:10:00Z", 510.0));    // 00:10 CET on the 26th
    }

    [Fact]
    public void Daily_RestartInTheDay_KeepsTheDaysCount()
    {
        var store = new MemoryFileStore();
        var first = new Logger(store, "2026-06-10T04:00:00Z");
        first.At("2026-06-10T04:00:00Z", 2000.0);
        Assert.Equal(7.5, first.At("2026-06-10T10:00:00Z", 2007.5));

        var second = new Logger(store, "2026-06-10T11:00:00Z");

        Assert.Equal(9.0, second.At("2026-06-10T11:00:00Z", 2009.0));
    }

    [Fact]
    public void Daily_RestartOverMidnight_CountsFromYesterdaysLastReading()
    {
        // A grid import counter moves at night; the logger is off from 23:00 to 06:00 local time.
        var store = new MemoryFileStore();
        var first = new Logger(store, "2026-01-15T08:00:00Z");
        first.At("2026-01-15T08:00:00Z", 300.0);
        Assert.Equal(10.0, first.At("2026-01-15T21:55:00Z", 310.0));    // 22:55 CET

        var second = new Logger(store, "2026-01-16T05:00:00Z");

        Assert.Equal(2.0, second.At("2026-01-16T05:00:00Z", 312.0));   // 06:00 CET: 2 kWh since midnight's 310
    }

    [Fact]
    public void Daily_CounterGoesBack_CountsAgainFromIt_AndUnsetClockIsStale()
    {
        var logger = new Logger(new MemoryFileStore(), "2026-06-10T04:00:00Z");
        logger.At("2026-06-10T04:00:00Z", 2000.0);
        Assert.Equal(5.0, logger.At("2026-06-10T08:00:00Z", 2005.0));

        Assert.Equal(0.0, logger.At("2026-06-10T09:00:00Z", 1.0));      // a replaced device starts its counter again
        Assert.Equal(2.0, logger.At("2026-06-10T10:00:00Z", 3.0));
        logger.Rig.Clock.WallClockSynced = false;
        Assert.Null(logger.At("2026-06-10T11:00:00Z", 4.0));
    }

    [Fact]
    public void Daily_DamagedStateFile_StartsAfresh()
    {
        var store = new MemoryFileStore();
        var first = new Logger(store, "2026-06-10T04:00:00Z");
        first.At("2026-06-10T04:00:00Z", 2000.0);
        first.At("2026-06-10T10:00:00Z", 2007.5);
        byte[] bytes = new byte[store.Length("daily.bin")];
        store.Read("daily.bin", 0, bytes, 0, bytes.Length);
        bytes[5] ^= 0x40;
        store.Replace("daily.bin", bytes, 0, bytes.Length);

        var second = new Logger(store, "2026-06-10T11:00:00Z");

        Assert.Equal(0.0, second.At("2026-06-10T11:00:00Z", 2009.0));
    }

    [Theory]
    [InlineData("""{"name":"d","op":"daily","a":"c","b":"c"}""", "computed[0].b: not allowed for daily")]
    [InlineData("""{"name":"d","op":"daily","a":5}""", "computed[0].a: daily needs a lifetime counter, not a constant")]
    [InlineData("""{"name":"d","op":"daily","a":"c","target":"pv.energy_total"}""", "computed[0].target: daily feeds a daily energy field, not pv.energy_total")]
    public void Daily_Misused_IsRefused(string computed, string message)
    {
        Assert.Equal(message, Fail(With(points: List("""{"name":"c","address":1}"""), computed: List(computed))).Message);
    }

    [Theory]
    [InlineData("""{"utcOffset":"+1:00"}""", "timeZone.utcOffset: \"+HH:MM\" or \"-HH:MM\", from -12:00 to +14:00")]
    [InlineData("""{"utcOffset":"+15:00"}""", "timeZone.utcOffset: \"+HH:MM\" or \"-HH:MM\", from -12:00 to +14:00")]
    [InlineData("""{"dst":"au"}""", "timeZone.dst: must be one of none, eu, us")]
    [InlineData("""{"zone":"Europe/Berlin"}""", "timeZone.zone: unknown member")]
    public void TimeZone_Bad_IsRefused(string zone, string message)
    {
        Assert.Equal(message, Fail(With().Replace("\"name\":\"test\",", "\"name\":\"test\",\"timeZone\":" + zone + ",")).Message);
    }

    [Fact]
    public void TimeZone_Given_IsTheMapsZone()
    {
        RegisterMap map = Load(With().Replace("\"name\":\"test\",", "\"name\":\"test\",\"timeZone\":{\"utcOffset\":\"-05:00\",\"dst\":\"us\"},"));

        Assert.Equal((-300, DaylightRule.Us), (map.Zone.OffsetMinutes, map.Zone.Rule));
        Assert.Equal((0, DaylightRule.None), (Load(With()).Zone.OffsetMinutes, Load(With()).Zone.Rule));
    }
}
