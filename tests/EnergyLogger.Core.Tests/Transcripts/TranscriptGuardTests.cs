using System.Text;
using System.Text.RegularExpressions;
using EnergyLogger.Core.Tests.Registers;
using EnergyLogger.Transcripts;
using Xunit;

namespace EnergyLogger.Core.Tests.Transcripts;

/// <summary>
/// Keeps the transcripts honest as data: the map constants equal the ready maps, every data file is replayed here and
/// on nanoFramework, and no nanoFramework test assembly holds more text than its string table can (about 64 KB in
/// all, ../shared/reference/nanoclr-runtime.md, section 1).
/// </summary>
public sealed partial class TranscriptGuardTests
{
    /// <summary>Transcript text per nanoFramework test assembly; the rest of its ~64 KB string table is left for names and the replay code's literals.</summary>
    public const int AssemblyTextBudget = 54 * 1024;

    /// <summary>One transcript stays readable and leaves room for the others of its assembly.</summary>
    public const int TranscriptBudget = 16 * 1024;

    private static readonly string[] NanoProjects = Directory.GetFiles(MapFiles.Repo("tests"), "NFUnitTest.Transcripts*.nfproj", SearchOption.AllDirectories);

    [Theory]
    [InlineData("deye-sg04lp3.json", "deye")]
    [InlineData("growatt-sph.json", "growatt")]
    public void MapConstant_EqualsTheReadyMapFile(string file, string name)
    {
        string constant = Maps.Named[Array.IndexOf(Maps.Named, name) + 1];

        Assert.Equal(Normalized(File.ReadAllText(MapFiles.Path(file))), Normalized(constant));
    }

    [Fact]
    public void DataFiles_EachInTheCatalogAndReplayedHere()
    {
        string[] files = [.. Directory.GetFiles(MapFiles.Repo(Path.Combine("tests", "Transcripts", "Data")), "*Transcript.cs").Select(f => Path.GetFileName(f)[..^"Transcript.cs".Length]).Order()];
        string[] replayed = [.. typeof(TranscriptTests).GetMethods().Select(m => m.Name).Where(n => n.EndsWith("_Replayed_ProducesTheRecordedTranscript", StringComparison.Ordinal)).Select(n => n[..n.IndexOf('_')]).Order()];

        Assert.Equal(files, TranscriptCatalog.All.Select(e => e.Name).Order());
        Assert.Equal(files, replayed);
    }

    [Fact]
    public void Transcripts_EachWithinItsBudget()
    {
        foreach (TranscriptCatalog.Entry entry in TranscriptCatalog.All)
        {
            Assert.True(Encoding.UTF8.GetByteCount(entry.Text) <= TranscriptBudget, $"{entry.Name} is {Encoding.UTF8.GetByteCount(entry.Text)} bytes");
        }
    }

    [Fact]
    public void Transcripts_EachReplayedInOneNanoFrameworkTestAssembly()
    {
        foreach (TranscriptCatalog.Entry entry in TranscriptCatalog.All)
        {
            string[] projects = [.. NanoProjects.Where(p => DataFiles(p).Contains(entry.Name + "Transcript"))];
            Assert.True(projects.Length == 1, $"{entry.Name} is compiled into {projects.Length} nanoFramework test assemblies");
            string tests = string.Concat(Directory.GetFiles(Path.GetDirectoryName(projects[0])!, "*.cs").Select(File.ReadAllText));
            Assert.Contains($"public void {entry.Name}_Replayed_ProducesTheRecordedTranscript()", tests);
            Assert.Contains($"Replays({entry.Name}Transcript.Text,", tests);
        }
    }

    [Fact]
    public void NanoFrameworkTestAssemblies_TextWithinTheStringTable()
    {
        Assert.NotEmpty(NanoProjects);
        foreach (string project in NanoProjects)
        {
            // nanoFramework stores each string once, as UTF-8 with a terminating zero.
            int bytes = DataFiles(project)
                .SelectMany(d => Verbatim().Matches(File.ReadAllText(MapFiles.Repo(Path.Combine("tests", "Transcripts", "Data", d + ".cs"))))
                    .Select(m => Encoding.UTF8.GetByteCount(m.Groups["text"].Value.Replace("\"\"", "\"")) + 1))
                .Sum();
            Assert.True(bytes <= AssemblyTextBudget, $"{Path.GetFileName(project)} holds {bytes} bytes of transcripts, over {AssemblyTextBudget}");
        }
    }

    /// <summary>The data files (names without .cs) a nanoFramework project compiles.</summary>
    private static string[] DataFiles(string project) =>
        [.. DataInclude().Matches(File.ReadAllText(project)).Select(m => m.Groups["name"].Value)];

    private static string Normalized(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal);

    [GeneratedRegex("""<Compile Include="\.\.\\Transcripts\\Data\\(?<name>[A-Za-z]+)\.cs" """)]
    private static partial Regex DataInclude();

    [GeneratedRegex("""@"(?<text>(?:[^"]|"")*)";""")]
    private static partial Regex Verbatim();
}
