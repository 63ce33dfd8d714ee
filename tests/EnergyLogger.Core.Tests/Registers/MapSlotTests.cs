using System.Text;
using EnergyLogger.Core.Registers;
using Xunit;
using static EnergyLogger.Core.Tests.Registers.MapText;

namespace EnergyLogger.Core.Tests.Registers;

public class MapSlotTests
{
    private static byte[] Bytes(string s) => Encoding.UTF8.GetBytes(s);

    [Fact]
    public void C6_Offer_BadMap_IsRefusedAndTheGoodOneStays()
    {
        RegisterMap good = Load(With(points: List("""{"name":"a","address":1}""")));
        var slot = new MapSlot(good);
        byte[] bad = Bytes(With(points: List("""{"name":"a","address":1,"scale":"x"}""")));

        MapError? error = slot.Offer(bad, 0, bad.Length);

        Assert.Equal("points[0].scale: expected a number", error?.Message);
        Assert.False(slot.HasPending);
        Assert.False(slot.SwapAtCycleBoundary());
        Assert.Same(good, slot.Active);
    }

    [Fact]
    public void Offer_GoodMap_TakesOverOnlyAtTheCycleBoundary()
    {
        RegisterMap first = Load(With(points: List("""{"name":"a","address":1}""")));
        var slot = new MapSlot(first);
        byte[] next = Bytes(With(points: List("""{"name":"b","address":2}""")));

        Assert.Null(slot.Offer(next, 0, next.Length));
        Assert.True(slot.HasPending);
        Assert.Same(first, slot.Active);

        Assert.True(slot.SwapAtCycleBoundary());
        Assert.Equal("b", slot.Active!.Points[0].Name);
        Assert.False(slot.SwapAtCycleBoundary());
    }

    [Fact]
    public void Offer_TwoGoodMapsBeforeABoundary_TheLatestWins()
    {
        var slot = new MapSlot(null!);
        byte[] b = Bytes(With(points: List("""{"name":"b","address":2}""")));
        byte[] c = Bytes(With(points: List("""{"name":"c","address":3}""")));

        slot.Offer(b, 0, b.Length);
        slot.Offer(c, 0, c.Length);
        slot.SwapAtCycleBoundary();

        Assert.Equal("c", slot.Active!.Points[0].Name);
    }
}
