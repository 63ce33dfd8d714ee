using EnergyLogger.Core.Runtime;
using EnergyLogger.Core.Tests.Fakes;
using Xunit;

namespace EnergyLogger.Core.Tests.Runtime;

/// <summary>The log format of docs/runtime.md: one logfmt line per record, levels, escapes, secrets masked.</summary>
public class LogTests
{
    private static (Log Log, RecordingLog Sink) New(LogLevel min = LogLevel.Debug)
    {
        var sink = new RecordingLog();
        return (new Log(sink, new VirtualClock(4242)) { MinLevel = min }, sink);
    }

    [Theory]
    [InlineData("plain", "t=4242 lvl=info src=cloud msg=connected k=plain")]
    [InlineData("two words", "t=4242 lvl=info src=cloud msg=connected k=\"two words\"")]
    [InlineData("a=b", "t=4242 lvl=info src=cloud msg=connected k=\"a=b\"")]
    [InlineData("say \"hi\"\\", "t=4242 lvl=info src=cloud msg=connected k=\"say \\\"hi\\\"\\\\\"")]
    [InlineData("line1\nline2\r\t\u0001", "t=4242 lvl=info src=cloud msg=connected k=\"line1\\nline2\\r\\t\\x01\"")]
    [InlineData("", "t=4242 lvl=info src=cloud msg=connected k=\"\"")]
    public void Write_Values_OneLogfmtLine(string value, string expected)
    {
        (Log log, RecordingLog sink) = New();
        log.Write(LogLevel.Info, "cloud", "connected", "k", value);
        Assert.Equal(expected, Assert.Single(sink.Lines));
    }

    [Fact]
    public void Write_ManyFieldsAndNull_InOrder()
    {
        (Log log, RecordingLog sink) = New();
        log.Write(LogLevel.Warn, "poll", "point no longer read", ["point", "soc", "reason", null!]);
        Assert.Equal("t=4242 lvl=warn src=poll msg=\"point no longer read\" point=soc reason=\"\"", Assert.Single(sink.Lines));
    }

    [Fact]
    public void Write_BelowMinLevel_NothingWritten()
    {
        (Log log, RecordingLog sink) = New(LogLevel.Warn);
        log.Write(LogLevel.Info, "x", "quiet");
        log.Write(LogLevel.Debug, "x", "quieter");
        log.Write(LogLevel.Error, "x", "loud");
        Assert.Equal("t=4242 lvl=error src=x msg=loud", Assert.Single(sink.Lines));
    }

    [Fact]
    public void AddSecret_MaskedInMessageAndValues_EvenWhenItNeedsEscaping()
    {
        (Log log, RecordingLog sink) = New();
        log.AddSecret("pa\"ss\\word");
        log.AddSecret("tok123");
        log.AddSecret("abc");
        log.Write(LogLevel.Error, "cloud", "refused tok123", "detail", "user x pa\"ss\\word tok123tok123 abc");
        Assert.Equal("t=4242 lvl=error src=cloud msg=\"refused ***\" detail=\"user x *** ****** abc\"", Assert.Single(sink.Lines));
    }
}
