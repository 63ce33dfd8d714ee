using EnergyLogger.Core.Modbus;
using EnergyLogger.Core.Ports;
using EnergyLogger.Core.Registers;

namespace EnergyLogger.Core.Runtime
{
    /// <summary>
    /// Reads one device of the map on its bus into the shared <see cref="RegisterFrame"/>: each cycle, the classes with
    /// a point waiting are read with the one plan made for that combination (<see cref="DevicePlans"/>); it keeps the
    /// device's minimum gap between requests, learns from exception 02 (RELIABILITY M2) and leaves every point whose
    /// read did not deliver marked stale for the cycle (M1, M3, M4).
    /// </summary>
    internal sealed class DevicePoller
    {
        private const long NotWaiting = long.MaxValue;

        private readonly DeviceDefinition _device;
        private readonly ModbusMaster _bus;
        private readonly IClock _clock;
        private readonly PollOptions _options;
        private readonly RegisterFrame _frame;
        private readonly PollBuffers _buffers;
        private readonly CycleStats _stats;
        private readonly UnsupportedPoints _unsupported;
        private readonly PlannerLimits _limits;
        private readonly DevicePlans _plans;
        private readonly PollRounds _rounds;

        // Bumped whenever the planner limits learn from exception 02, so every combination plans again before reading.
        private int _version;
        private long _lastExchangeMs = -1;

        public DevicePoller(DeviceDefinition device, ModbusMaster bus, IClock clock, PollOptions options, RegisterFrame frame,
            PollBuffers buffers, CycleStats stats, UnsupportedPoints unsupported)
        {
            _device = device;
            _bus = bus;
            _clock = clock;
            _options = options;
            _frame = frame;
            _buffers = buffers;
            _stats = stats;
            _unsupported = unsupported;
            _limits = DeviceLimits.For(device);
            _plans = new DevicePlans(frame.Map, device.Index);
            int before = unsupported.Count;
            _plans.PlanAll(_limits, _version, unsupported);
            MarkDropped(before);
            _rounds = new PollRounds(_plans);
        }

        public DevicePlans Plans => _plans;

        /// <summary>The classes this cycle read; a point of another class that a read delivered was refreshed for free.</summary>
        public int ReadClasses { get; private set; }

        /// <summary>
        /// One cycle. The classes that are due start a round; then the plan of the combination of every class with a
        /// point waiting is walked, the read whose points have waited longest first (a read the budget left out in an
        /// earlier cycle), then by the fastest class a read holds, then in the plan's order: a class due every cycle can
        /// starve no other.
        /// </summary>
        public void Poll(long cycleStartMs, long deadlineMs)
        {
            int classes = _rounds.Start(cycleStartMs, _options);
            ReadClasses = classes;
            while (classes != 0 && ReadWaiting(classes, deadlineMs))
            {
                // The plan changed under the walk; what still waits is read with the new one.
                classes = _rounds.WaitingClasses() & ReadClasses;
            }
        }

        /// <summary>Makes every read of the combination's plan that holds a waiting point; true when the plan changed.</summary>
        private bool ReadWaiting(int classes, long deadlineMs)
        {
            CombinationPlan plan = EnsurePlanned(classes);
            Order(plan);
            int read;
            while ((read = Next(plan)) >= 0)
            {
                plan.Since[read] = NotWaiting;
                if (Read(plan, read, deadlineMs))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>For each read, since when its longest-waiting point waits and the fastest class it holds waiting.</summary>
        private void Order(CombinationPlan plan)
        {
            long[] since = plan.Since;
            int[] fastest = plan.Fastest;
            for (int r = 0; r < since.Length; r++)
            {
                since[r] = NotWaiting;
                fastest[r] = DevicePlans.ClassCount;
            }

            for (int w = 0; w < plan.WantCount; w++)
            {
                int entry = plan.EntryOfWant(w);
                if (!_rounds.IsWaiting(entry))
                {
                    continue;
                }

                int read = plan.Plan.ReadOf(w);
                long waiting = _rounds.WaitingSince(entry);
                since[read] = waiting < since[read] ? waiting : since[read];
                int poll = (int)_plans.ClassOf(entry);
                fastest[read] = poll < fastest[read] ? poll : fastest[read];
            }
        }

        /// <summary>The next read to make, or -1 when every read holding a waiting point was made.</summary>
        private static int Next(CombinationPlan plan)
        {
            int best = -1;
            for (int r = 0; r < plan.Since.Length; r++)
            {
                if (plan.Since[r] == NotWaiting)
                {
                    continue;
                }

                if (best < 0 || plan.Since[r] < plan.Since[best] || (plan.Since[r] == plan.Since[best] && plan.Fastest[r] < plan.Fastest[best]))
                {
                    best = r;
                }
            }

            return best;
        }

        private CombinationPlan EnsurePlanned(int classes)
        {
            int before = _unsupported.Count;
            CombinationPlan plan = _plans.For(classes, _limits, _version, _unsupported);
            MarkDropped(before);
            return plan;
        }

        /// <summary>The points the planner dropped since <paramref name="before"/>: unsupported in the frame, waiting no more.</summary>
        private void MarkDropped(int before)
        {
            for (int i = before; i < _unsupported.Count; i++)
            {
                MarkUnsupported(_unsupported.Point(i));
            }

            for (int e = 0; _rounds != null && e < _plans.EntryCount; e++)
            {
                if (_plans.IsDropped(e))
                {
                    _rounds.Settle(e);
                }
            }
        }

        /// <summary>Makes read <paramref name="index"/> of the plan; true when the plan changed and the reads must be walked again.</summary>
        private bool Read(CombinationPlan plan, int index, long deadlineMs)
        {
            ReadSpan read = plan.Plan.Read(index);
            ModbusResult result = WaitForGap(deadlineMs) ? Transact(read) : new ModbusResult(ModbusStatus.Skipped, 0, 0);
            _stats.Record(result, ReadPlanner.RequestUs(read.Function, read.Count, _limits));
            if (result.Attempts > 0)
            {
                _lastExchangeMs = _clock.MonotonicMs;
            }

            if (result.IsOk)
            {
                Deliver(read);
                Settle(plan, index, true);
                return false;
            }

            // Whatever comes next, this cycle has no fresh data for the points this read was for. Only those: a merged
            // read may span a point of another class that its own read delivered fresh in this cycle.
            MarkFailed(plan, index);
            if (result.Status == ModbusStatus.Skipped)
            {
                // Not a fault of the slave: the read waits for the next cycle.
                return false;
            }

            if (result.Status == ModbusStatus.Exception && result.ExceptionCode == ExceptionCode.IllegalDataAddress && Learn(plan, read))
            {
                return true;
            }

            // "Once" points are read until they succeed, so a failure leaves them waiting for the next cycle.
            Settle(plan, index, false);
            return false;
        }

        private void Settle(CombinationPlan plan, int read, bool succeeded)
        {
            for (int w = 0; w < plan.WantCount; w++)
            {
                int entry = plan.EntryOfWant(w);
                if (plan.Plan.ReadOf(w) == read && (succeeded || _plans.ClassOf(entry) != PollClass.Once))
                {
                    _rounds.Settle(entry);
                }
            }
        }

        /// <summary>
        /// Exception 02: a read of one point drops that point for good and reports it once; a merged read is
        /// split at the holes it bridged and planned again, and its points are read again in this cycle.
        /// </summary>
        private bool Learn(CombinationPlan plan, ReadSpan read)
        {
            LearnResult learned = BarrierLearner.LearnIllegalAddress(_limits, read, _plans.Wants(plan));
            if (learned.Status == LearnStatus.SpanUnsupported)
            {
                int entry = plan.EntryOfWant(learned.UnsupportedSpan);
                int point = _plans.PointOf(entry);
                _plans.Drop(entry);
                _rounds.Settle(entry);
                _unsupported.Add(point, UnsupportedReason.IllegalAddress);
                MarkUnsupported(point);
                _version++;
                return true;
            }

            if (learned.Status != LearnStatus.Split || learned.BarriersAdded == 0)
            {
                return false;
            }

            _version++;
            _stats.CountReplan();
            return true;
        }

        /// <summary>
        /// Holds the request back until the device's minimum gap has passed; false when its reply could then
        /// not come before the deadline, so the cycle does not sleep for a request the master would skip.
        /// </summary>
        private bool WaitForGap(long deadlineMs)
        {
            long now = _clock.MonotonicMs;
            if (_device.MinGapMs <= 0 || _lastExchangeMs < 0 || !_bus.Health(_device.Slave).IsDue(now))
            {
                return true;
            }

            long wait = _lastExchangeMs + _device.MinGapMs - now;
            if (wait <= 0)
            {
                return true;
            }

            if (deadlineMs >= 0 && now + wait + _bus.Options.ResponseTimeoutMs > deadlineMs)
            {
                return false;
            }

            _clock.Sleep((int)wait);
            return true;
        }

        private ModbusResult Transact(ReadSpan read)
        {
            return ModbusPdu.IsBitFunction(read.Function)
                ? _bus.ReadBits(_device.Slave, read.Function, read.Address, read.Count, _buffers.Bits, 0)
                : _bus.ReadRegisters(_device.Slave, read.Function, read.Address, read.Count, _buffers.Registers, 0);
        }

        private void Deliver(ReadSpan read)
        {
            if (ModbusPdu.IsBitFunction(read.Function))
            {
                _frame.DeliverBits(_device.Index, read.Function, read.Address, _buffers.Bits, 0, read.Count);
            }
            else
            {
                _frame.Deliver(_device.Index, read.Function, read.Address, _buffers.Registers, 0, read.Count);
            }
        }

        private void MarkFailed(CombinationPlan plan, int read)
        {
            for (int w = 0; w < plan.WantCount; w++)
            {
                if (plan.Plan.ReadOf(w) == read)
                {
                    _frame.MarkPoint(_plans.PointOf(plan.EntryOfWant(w)), ReadState.Failed);
                }
            }
        }

        private void MarkUnsupported(int point)
        {
            _frame.MarkPoint(point, ReadState.Unsupported);
        }
    }
}
