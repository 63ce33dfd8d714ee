using EnergyLogger.Core.Telemetry;
using Xunit;

namespace EnergyLogger.Core.Tests.Telemetry;

public class SampleSequenceTests
{
    [Theory]
    [InlineData(1, 1_000_000_001)]
    [InlineData(7, 7_000_000_001)]
    [InlineData(9_007_199, 9_007_199_000_000_001)]
    public void Next_FirstOfAnEpoch_EpochTimesOneBillionPlusOne(long epoch, long expected)
    {
        var sequence = new SampleSequence(epoch);

        Assert.Equal(0, sequence.Last);
        Assert.Equal(expected, sequence.Next());
        Assert.Equal(expected + 1, sequence.Next());
        Assert.Equal(expected + 1, sequence.Last);
        Assert.Equal(epoch, SampleSequence.EpochOf(sequence.Last));
    }

    [Fact]
    public void Next_NineMillionEpochs_StayBelowTwoToThe53()
    {
        var sequence = new SampleSequence(9_007_198);

        Assert.True(sequence.Next() + SampleSequence.PerEpoch < (1L << 53));
    }

    [Fact]
    public void Exhausted_AfterTheLastNumberOfTheEpoch_NextRefuses()
    {
        var sequence = new SampleSequence(2);
        var field = typeof(SampleSequence).GetField("_count", System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)!;
        field.SetValue(sequence, SampleSequence.PerEpoch - 2);

        Assert.False(sequence.Exhausted);
        Assert.Equal(2_999_999_999, sequence.Next());
        Assert.True(sequence.Exhausted);
        Assert.Throws<InvalidOperationException>(() => sequence.Next());
    }
}
