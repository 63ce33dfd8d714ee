using EnergyLogger.Core.Modbus;

namespace EnergyLogger.Core.Tests.Modbus;

/// <summary>A small random map with its limits, for the oracle and learning suites. Seeded, so repeatable.</summary>
internal sealed record RandomPlanningCase(int Seed, ReadSpan[] Wants, PlannerLimits Limits);

internal static class ReadPlannerRandomMaps
{
    private static readonly int[] Bauds = [1200, 2400, 4800, 9600, 19200, 38400, 57600, 115200];
    private static readonly int[] RegisterMaxima = [2, 4, 6, 8, 16, 125];
    private static readonly int[] BitMaxima = [8, 16, 64, 2000];

    /// <summary>
    /// Up to <paramref name="maxSpans"/> spans packed into a short address window, so that holes are a few
    /// registers wide and merging is a real choice; some duplicates and overlaps; usually one function,
    /// sometimes a second one or bits; sometimes a forbidden range, a barrier or a span too long for one request.
    /// </summary>
    public static RandomPlanningCase Make(int seed, int maxSpans)
    {
        var random = new Random(seed);
        var limits = new PlannerLimits
        {
            BaudRate = Bauds[random.Next(Bauds.Length)],
            BitsPerChar = random.Next(2) == 0 ? 10 : 11,
            TurnaroundUs = random.Next(3) == 0 ? random.Next(0, 3000) : 0,
            MaxRegisters = RegisterMaxima[random.Next(RegisterMaxima.Length)],
            MaxBits = BitMaxima[random.Next(BitMaxima.Length)],
        };

        FunctionCode[] functions = random.Next(4) switch
        {
            0 => [FunctionCode.ReadHoldingRegisters, FunctionCode.ReadInputRegisters],
            1 => [FunctionCode.ReadCoils],
            _ => [FunctionCode.ReadHoldingRegisters],
        };

        int n = random.Next(1, maxSpans + 1);
        var wants = new ReadSpan[n];
        for (int i = 0; i < n; i++)
        {
            if (i > 0 && random.Next(8) == 0)
            {
                wants[i] = wants[random.Next(i)];
                continue;
            }

            FunctionCode function = functions[random.Next(functions.Length)];
            bool bits = ModbusPdu.IsBitFunction(function);
            int window = bits ? 400 : 48;
            int longest = Math.Min(bits ? 24 : 4, limits.MaxCount(function));
            int count = random.Next(40) == 0 ? longest + 1 : random.Next(1, longest + 1);
            wants[i] = new ReadSpan(function, random.Next(0, window), count);
        }

        int forbidden = random.Next(4) == 0 ? random.Next(1, 3) : 0;
        for (int i = 0; i < forbidden; i++)
        {
            int first = random.Next(0, 60);
            limits.Forbidden.Add(functions[0], first, first + random.Next(0, 3));
        }

        if (random.Next(5) == 0)
        {
            int first = random.Next(0, 50);
            limits.Barriers.Add(functions[0], first, first + random.Next(1, 6));
        }

        return new RandomPlanningCase(seed, wants, limits);
    }
}
