using EnergyLogger.Core.Tests.Registers;
using EnergyLogger.Transcripts;
using Xunit;

namespace EnergyLogger.Core.Tests.Transcripts;

/// <summary>Every transcript of tests/Transcripts/Data: its name (the file is Data/{Name}Transcript.cs), its text and the maps it names.</summary>
internal static class TranscriptCatalog
{
    public static readonly Entry[] All =
    [
        new("DeyeCycle", DeyeCycleTranscript.Text, Maps.Named),
        new("GrowattCycle", GrowattCycleTranscript.Text, Maps.Named),
        new("PollLearning", PollLearningTranscript.Text, []),
        new("PollBudget", PollBudgetTranscript.Text, []),
        new("KaaSession", KaaSessionTranscript.Text, []),
        new("CustomMqtt", CustomMqttTranscript.Text, []),
        new("OutboxPowerCut", OutboxPowerCutTranscript.Text, []),
        new("Provisioning", ProvisioningTranscript.Text, []),
        new("OtaApply", OtaApplyTranscript.Text, []),
        new("OtaRefusals", OtaRefusalsTranscript.Text, []),
        new("OtaHealthCheck", OtaHealthCheckTranscript.Text, []),
        new("OtaRollback", OtaRollbackTranscript.Text, []),
        new("SupervisorStall", SupervisorStallTranscript.Text, []),
        new("SafeMode", SafeModeTranscript.Text, []),
    ];

    public static TheoryData<string> Names()
    {
        var names = new TheoryData<string>();
        foreach (Entry entry in All)
        {
            names.Add(entry.Name);
        }

        return names;
    }

    public static Entry Find(string name) => All.Single(e => e.Name == name);

    public static string FileOf(string name) => MapFiles.Repo(Path.Combine("tests", "Transcripts", "Data", name + "Transcript.cs"));

    public sealed record Entry(string Name, string Text, string[] Maps);
}
