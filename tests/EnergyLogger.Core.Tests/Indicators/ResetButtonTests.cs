using EnergyLogger.Core.Indicators;
using Xunit;

namespace EnergyLogger.Core.Tests.Indicators;

public class ResetButtonTests
{
    private const int Step = 10;

    /// <summary>Samples a level script every 10 ms; returns every press reported, with its time.</summary>
    private static List<(long At, ButtonPress Press)> Play(ResetButton button, params (bool Pressed, int Ms)[] script)
    {
        var presses = new List<(long, ButtonPress)>();
        long now = 0;
        foreach ((bool pressed, int ms) in script)
        {
            for (int t = 0; t < ms; t += Step, now += Step)
            {
                ButtonPress press = button.Update(pressed, now);
                if (press != ButtonPress.None)
                {
                    presses.Add((now, press));
                }
            }
        }

        return presses;
    }

    public static TheoryData<string, (bool, int)[], ButtonPress[]> Scripts => new()
    {
        { "short press", [(false, 200), (true, 300), (false, 200)], [ButtonPress.Short] },
        { "just under the long press", [(false, 200), (true, 4990), (false, 200)], [ButtonPress.Short] },
        { "long press", [(false, 200), (true, 5000), (false, 200)], [ButtonPress.FactoryReset] },
        { "contact chatter only", [(false, 200), (true, 20), (false, 20), (true, 30), (false, 500)], [] },
        { "chatter on release of a long press", [(false, 100), (true, 6000), (false, 20), (true, 20), (false, 200)], [ButtonPress.FactoryReset] },
        { "held at power-up", [(true, 8000), (false, 200)], [] },
        { "held at power-up, then a real short press", [(true, 8000), (false, 200), (true, 100), (false, 200)], [ButtonPress.Short] },
        { "stuck for a minute", [(false, 100), (true, 60000), (false, 200)], [] },
        { "stuck, then a real long press", [(false, 100), (true, 60000), (false, 200), (true, 6000), (false, 200)], [ButtonPress.FactoryReset] },
        { "two short presses", [(false, 100), (true, 100), (false, 100), (true, 100), (false, 100)], [ButtonPress.Short, ButtonPress.Short] },
    };

    [Theory]
    [MemberData(nameof(Scripts))]
    public void Update_Script_ReportsThePresses(string what, (bool, int)[] script, ButtonPress[] expected)
    {
        Assert.True(expected.SequenceEqual(Play(new ResetButton(), script).Select(p => p.Press)), what);
    }

    [Fact]
    public void Update_LongPress_ResetsOnlyAfterReleaseDebounced()
    {
        var presses = Play(new ResetButton(), (false, 100), (true, 6000), (false, 200));

        Assert.Equal([(6100 + ResetButton.DefaultDebounceMs, ButtonPress.FactoryReset)], presses);
    }

    [Fact]
    public void IsArmed_FromTheLongPressTimeUntilRelease()
    {
        var button = new ResetButton();
        button.Update(false, 0);
        button.Update(true, 100);
        button.Update(true, 150);

        button.Update(true, 5099);
        Assert.False(button.IsArmed);
        button.Update(true, 5100);
        Assert.True(button.IsArmed);
        button.Update(false, 6000);
        Assert.True(button.IsArmed);
        Assert.Equal(ButtonPress.FactoryReset, button.Update(false, 6050));
        Assert.False(button.IsArmed);
    }

    [Fact]
    public void IsArmed_StuckButton_DisarmsAtTheStuckTime()
    {
        var button = new ResetButton();
        button.Update(false, 0);
        button.Update(true, 100);
        button.Update(true, 150);

        button.Update(true, 30_099);
        Assert.True(button.IsArmed);
        button.Update(true, 30_100);
        Assert.False(button.IsArmed);
    }
}
