using EnergyLogger.Core.Modbus;
using EnergyLogger.Core.Ports;
using EnergyLogger.Core.Registers;

namespace EnergyLogger.Core.Runtime
{
    /// <summary>
    /// Reads one device of the map on its bus, class by class, into the shared <see cref="RegisterFrame"/>:
    /// keeps its minimum gap between requests, learns from exception 02 (RELIABILITY M2) and leaves every
    /// point whose read did not deliver marked stale for the cycle (M1, M3, M4).
    /// </summary>
    internal sealed class DevicePoller
    {
        private readonly DeviceDefinition _device;
        private readonly ModbusMaster _bus;
        private readonly IClock _clock;
        private readonly PollOptions _options;
        private readonly RegisterFrame _frame;
        private readonly PollBuffers _buffers;
        private readonly CycleStats _stats;
        private readonly UnsupportedPoints _unsupported;
        private readonly PlannerLimits _limits;
        private readonly ClassPlan[] _classes = new ClassPlan[(int)PollClass.Once + 1];

        // Bumped whenever the planner limits learn from exception 02, so every class plans again before reading.
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
            for (int c = 0; c < _classes.Length; c++)
            {
                _classes[c] = new ClassPlan(frame.Map, device.Index, (PollClass)c);
                EnsurePlanned(_classes[c]);
            }
        }

        public ClassPlan Plan(PollClass poll)
        {
            return _classes[(int)poll];
        }

        /// <summary>
        /// One cycle. Reads of a periodic class postponed from an earlier cycle (its budget ran out) go first,
        /// so a class that is due every cycle cannot starve a slower one; then the classes that are due start a round and
        /// every waiting read is made, fastest class first.
        /// </summary>
        public void Poll(long cycleStartMs, long deadlineMs)
        {
            for (int c = 0; c < _classes.Length; c++)
            {
                ClassPlan plan = _classes[c];
                if (plan.Poll != PollClass.Once && plan.AnyWaiting && !plan.IsDue(cycleStartMs))
                {
                    ReadWaiting(plan, deadlineMs);
                }
            }

            for (int c = 0; c < _classes.Length; c++)
            {
                ClassPlan plan = _classes[c];
                if (plan.IsDue(cycleStartMs))
                {
                    plan.Arm(cycleStartMs, _options.IntervalMs(plan.Poll));
                }

                ReadWaiting(plan, deadlineMs);
            }
        }

        private void ReadWaiting(ClassPlan plan, long deadlineMs)
        {
            int read = 0;
            while (plan.AnyWaiting)
            {
                EnsurePlanned(plan);
                if (read >= plan.Plan.Count)
                {
                    return;
                }

                if (!plan.WaitsIn(read))
                {
                    read++;
                    continue;
                }

                // A new plan renumbers the reads; its first ones may hold what is still waiting.
                read = Read(plan, read, deadlineMs) ? 0 : read + 1;
            }
        }

        private void EnsurePlanned(ClassPlan plan)
        {
            if (plan.PlannedVersion == _version)
            {
                return;
            }

            int before = _unsupported.Count;
            plan.Replan(_limits, _version, _unsupported);
            for (int i = before; i < _unsupported.Count; i++)
            {
                MarkUnsupported(_unsupported.Point(i));
            }
        }

        /// <summary>Makes read <paramref name="index"/> of the plan; true when the plan changed and the reads must be walked again.</summary>
        private bool Read(ClassPlan plan, int index, long deadlineMs)
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
                plan.Settle(index);
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
            if (plan.Poll != PollClass.Once)
            {
                plan.Settle(index);
            }

            return false;
        }

        /// <summary>
        /// Exception 02: a read of one point drops that point for good and reports it once; a merged read is
        /// split at the holes it bridged and planned again, and its points are read again in this cycle.
        /// </summary>
        private bool Learn(ClassPlan plan, ReadSpan read)
        {
            LearnResult learned = ReadPlanner.LearnIllegalAddress(_limits, read, plan.Wants);
            if (learned.Status == LearnStatus.SpanUnsupported)
            {
                int point = plan.PointOfWant(learned.UnsupportedSpan);
                plan.Drop(learned.UnsupportedSpan);
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

        private void MarkFailed(ClassPlan plan, int read)
        {
            for (int w = 0; w < plan.WantCount; w++)
            {
                if (plan.Plan.ReadOf(w) == read)
                {
                    _frame.MarkPoint(plan.PointOfWant(w), ReadState.Failed);
                }
            }
        }

        private void MarkUnsupported(int point)
        {
            _frame.MarkPoint(point, ReadState.Unsupported);
        }
    }
}
