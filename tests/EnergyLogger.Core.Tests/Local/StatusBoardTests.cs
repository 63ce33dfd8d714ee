using System.Text;
using EnergyLogger.Core.Local;
using Xunit;

namespace EnergyLogger.Core.Tests.Local;

public class StatusBoardTests
{
    public static TheoryData<string?, string?, string> Documents => new()
    {
        // sample, state -> /api/status
        { null, null, """{"sample":null}""" },
        { null, """{"cloud":{"online":false}}""", """{"sample":null,"cloud":{"online":false}}""" },
        { """{"v":1,"seq":5}""", "{}", """{"sample":{"v":1,"seq":5}}""" },
        { """{"v":1,"seq":5}""", """{"link":{"state":"connected"},"cloud":{"online":true}}""", """{"sample":{"v":1,"seq":5},"link":{"state":"connected"},"cloud":{"online":true}}""" },
    };

    [Theory]
    [MemberData(nameof(Documents))]
    public void Document_SampleAndState_ComposedIntoOneObject(string? sample, string? state, string expected)
    {
        var board = new StatusBoard(256, 256);
        if (sample is not null)
        {
            byte[] bytes = Encoding.UTF8.GetBytes(sample + "garbage");
            board.PublishSample(bytes, sample.Length);
        }

        if (state is not null)
        {
            board.PublishState(Encoding.UTF8.GetBytes(state), state.Length);
        }

        Assert.Equal(expected, Encoding.UTF8.GetString(board.Document()));
    }

    [Fact]
    public void PublishSample_LargerThanTheBoard_KeepsThePreviousOne()
    {
        var board = new StatusBoard(16, 16);
        board.PublishSample(Encoding.UTF8.GetBytes("""{"seq":1}"""), 9);

        board.PublishSample(new byte[40], 40);

        Assert.Equal("""{"sample":{"seq":1}}""", Encoding.UTF8.GetString(board.Document()));
    }

    [Fact]
    public void StatusPage_FetchesTheApiAndNamesEveryValueItShows()
    {
        foreach (string id in new[] { "pv-kw", "battery-kw", "battery-word", "soc", "house-kw", "grid-kw", "grid-word", "e-pv", "e-import", "e-export" })
        {
            Assert.Contains("id='" + id + "'", StatusPage.Html);
        }

        Assert.Contains("fetch('/api/status')", StatusPage.Html);
        Assert.Contains("setInterval(poll,3000)", StatusPage.Html);
    }
}
