using EnergyLogger.Core.Ports;

namespace EnergyLogger.Core.Runtime
{
    /// <summary>
    /// The free managed heap's low-water mark for the diagnostics. Each reading costs a collection on the board
    /// (<see cref="IMemoryInfo"/>), so the heap is read once every <see cref="RuntimeOptions.MemorySampleMs"/>, between the
    /// loop's other work; a mark taken this way misses a peak shorter than that, which the figure's name in the docs says.
    /// </summary>
    internal sealed class MemoryWatch : ILoopTask
    {
        private readonly IMemoryInfo _memory;
        private readonly int _periodMs;
        private long _nextMs;

        /// <param name="memory">The heap, or null where it is not known (then nothing is sampled).</param>
        public MemoryWatch(IMemoryInfo memory, RuntimeOptions options, long startMs)
        {
            _memory = memory;
            _periodMs = options.MemorySampleMs;
            _nextMs = startMs;
        }

        /// <summary>The least free heap seen since boot in bytes; -1 before the first reading or when unknown.</summary>
        public long Lowest { get; private set; } = -1;

        public void Tick(long startMs, Heartbeat heartbeat)
        {
            if (_memory == null || startMs < _nextMs)
            {
                return;
            }

            _nextMs = startMs + _periodMs;
            Sample(_memory.FreeBytes);
        }

        /// <summary>A reading taken elsewhere (the diagnostics read the heap too) counts as well.</summary>
        public void Sample(long free)
        {
            if (free >= 0 && (Lowest < 0 || free < Lowest))
            {
                Lowest = free;
            }
        }
    }
}
