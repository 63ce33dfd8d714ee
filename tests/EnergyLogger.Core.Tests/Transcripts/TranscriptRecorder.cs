using System.Text;
using System.Text.RegularExpressions;
using EnergyLogger.Core.Tests.Ota;
using EnergyLogger.Transcripts;
using Xunit;
using Xunit.Abstractions;

namespace EnergyLogger.Core.Tests.Transcripts;

/// <summary>
/// Records the transcripts again: with <c>EL_RECORD_TRANSCRIPTS=1</c> every data file's script is played against the
/// live fakes (<see cref="LiveFeed"/>) and the file's text is replaced by what the logger did, after checking that the
/// new transcript replays to itself (<c>EL_RECORD_TRANSCRIPTS=KaaSession,DeyeCycle</c> records only those). Without the
/// variable it does nothing. See tests/Transcripts/README.md.
/// </summary>
public sealed partial class TranscriptRecorder
{
    public const string Variable = "EL_RECORD_TRANSCRIPTS";

    private readonly ITestOutputHelper _output;

    public TranscriptRecorder(ITestOutputHelper output)
    {
        _output = output;
    }

    public static TheoryData<string> Names() => TranscriptCatalog.Names();

    [Theory]
    [MemberData(nameof(Names))]
    public void Record_WhenAsked_RewritesTheDataFile(string name)
    {
        string? wanted = Environment.GetEnvironmentVariable(Variable);
        if (wanted != "1" && !(wanted ?? "").Split(',').Contains(name))
        {
            _output.WriteLine($"not recording: set {Variable}=1 (or a list of names) to record the transcripts again");
            return;
        }

        string file = TranscriptCatalog.FileOf(name);
        string source = File.ReadAllText(file);
        Match text = TextConstant().Match(source);
        Assert.True(text.Success, file + " has no 'public const string Text = @\"...\";'");

        string recorded = Record(Unquote(text.Groups["text"].Value), TranscriptCatalog.Find(name).Maps);
        Assert.DoesNotContain(Transcript.ErrorPrefix, recorded);
        string? replay = Transcript.FirstDifference(recorded, Transcript.Replay(recorded, TranscriptCatalog.Find(name).Maps));
        Assert.True(replay == null, name + " does not replay to itself: " + replay);

        File.WriteAllText(file, source[..text.Groups["text"].Index] + recorded.Replace("\"", "\"\"") + source[(text.Groups["text"].Index + text.Groups["text"].Length)..]);
        _output.WriteLine($"{name}: {Transcript.Lines(recorded).Length} lines, {Encoding.UTF8.GetByteCount(recorded)} bytes");
    }

    [Fact]
    public void OtaKey_PublicPoint_IsTheRecordersSigningKey()
    {
        byte[] point = TestPackages.PublicPoint(TestPackages.Key(OtaKey.Seed));
        string hex = TranscriptCodec.Hex(point, 0, point.Length);
        Assert.True(hex == OtaKey.PublicPoint, "OtaKey.PublicPoint should be " + hex);
    }

    /// <summary>Plays the script lines of <paramref name="text"/> against the live fakes.</summary>
    internal static string Record(string text, string[] maps) =>
        Transcript.Play(Transcript.Lines(text), maps, new TranscriptWriter(), new LiveFeed());

    private static string Unquote(string verbatim) => verbatim.Replace("\"\"", "\"");

    [GeneratedRegex("""public const string Text = @"(?<text>(?:[^"]|"")*)";""")]
    private static partial Regex TextConstant();
}
