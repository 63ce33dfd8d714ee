using System;

namespace EnergyLogger.Core.Modbus
{
    /// <summary>
    /// Plans the fewest-microseconds set of requests that reads every wanted span whole. Merging two
    /// spans into one request saves a request, a reply and two inter-frame silences but pays for the
    /// unwanted registers between them; which wins depends on the line speed, so the planner prices
    /// each candidate request in wire time and picks the cheapest partition by dynamic programming.
    /// </summary>
    public static class ReadPlanner
    {
        // MODBUS over serial line v1.02, 2.5.1: an RTU read request is slave, function, address (2),
        // quantity (2) and CRC (2); its reply is slave, function, byte count, data and CRC (2).
        private const int RequestAduBytes = 8;
        private const int ReplyAduBytesWithoutData = 5;

        /// <summary>
        /// Wire time of one read of <paramref name="count"/> registers or bits: both frames, the t3.5
        /// silence after each (serial line 2.5.1.1) and the slave's turnaround.
        /// </summary>
        public static long RequestUs(FunctionCode function, int count, PlannerLimits limits)
        {
            int dataBytes = ModbusPdu.IsBitFunction(function) ? (count + 7) / 8 : 2 * count;
            int bytes = RequestAduBytes + ReplyAduBytesWithoutData + dataBytes;
            return RtuTiming.BytesUs(bytes, limits.BaudRate, limits.BitsPerChar)
                + (2 * RtuTiming.SilenceUs(limits.BaudRate, limits.BitsPerChar))
                + limits.TurnaroundUs;
        }

        /// <summary>
        /// The cheapest plan for <paramref name="wants"/> (any order; duplicates and overlaps allowed), or a
        /// plan whose status names the first span that no request can read whole.
        /// </summary>
        public static ReadPlan Plan(ReadSpan[] wants, PlannerLimits limits)
        {
            if (wants == null || limits == null)
            {
                throw new ArgumentNullException(wants == null ? "wants" : "limits");
            }

            if (!limits.IsValid)
            {
                return new ReadPlan(PlanStatus.InvalidLimits, -1);
            }

            for (int i = 0; i < wants.Length; i++)
            {
                PlanStatus status = Check(wants[i], limits);
                if (status != PlanStatus.Ok)
                {
                    return new ReadPlan(status, i);
                }
            }

            int[] spans = new int[wants.Length];
            for (int i = 0; i < spans.Length; i++)
            {
                spans[i] = i;
            }

            int[] keptOf = new int[wants.Length];
            int n = SpanOrder.KeepOutermost(wants, spans, spans.Length, keptOf);
            return Build(wants, spans, n, keptOf, limits);
        }

        private static PlanStatus Check(ReadSpan span, PlannerLimits limits)
        {
            if (!ModbusPdu.IsRead(span.Function) || span.Count < 1 || span.Address < 0 || span.Last > 0xFFFF)
            {
                return PlanStatus.InvalidSpan;
            }

            if (span.Count > limits.MaxCount(span.Function))
            {
                return PlanStatus.SpanTooLong;
            }

            if (limits.Forbidden.Overlaps(span.Function, span.Address, span.Last))
            {
                return PlanStatus.SpanForbidden;
            }

            return limits.Barriers.AnyWithin(span.Function, span.Address, span.Last) ? PlanStatus.SpanBlocked : PlanStatus.Ok;
        }

        /// <summary>
        /// best[j] is the cheapest wire time that reads the first j outermost spans. The spans' starts and
        /// ends both rise, so some cheapest plan reads consecutive runs of them, each as one request from
        /// the run's first start to its last end: best[j] = min over i of best[i] + cost(run i..j-1).
        /// </summary>
        private static ReadPlan Build(ReadSpan[] wants, int[] spans, int n, int[] keptOf, PlannerLimits limits)
        {
            long[] best = new long[n + 1];
            int[] requests = new int[n + 1];
            int[] runStart = new int[n + 1];
            for (int j = 1; j <= n; j++)
            {
                best[j] = long.MaxValue;
            }

            for (int i = 0; i < n; i++)
            {
                ReadSpan first = wants[spans[i]];
                int lastAllowed = LastAllowed(first, limits);
                for (int j = i; j < n; j++)
                {
                    ReadSpan next = wants[spans[j]];
                    if (next.Function != first.Function || next.Last > lastAllowed)
                    {
                        break;
                    }

                    long cost = best[i] + RequestUs(first.Function, next.Last - first.Address + 1, limits);
                    // On equal time the plan with fewer requests wins: fewer chances for a reply to be lost.
                    if (cost < best[j + 1] || (cost == best[j + 1] && requests[i] + 1 < requests[j + 1]))
                    {
                        best[j + 1] = cost;
                        requests[j + 1] = requests[i] + 1;
                        runStart[j + 1] = i;
                    }
                }
            }

            return Assemble(wants, spans, n, keptOf, requests[n], runStart, best[n]);
        }

        /// <summary>
        /// The highest address a request starting at <paramref name="first"/> may reach: the request size,
        /// the next forbidden range and the next learned barrier all stop it. <see cref="Check"/> has made
        /// sure none of them cuts into <paramref name="first"/> itself.
        /// </summary>
        private static int LastAllowed(ReadSpan first, PlannerLimits limits)
        {
            int last = Math.Min(first.Address + limits.MaxCount(first.Function) - 1, 0xFFFF);
            RangeList forbidden = limits.Forbidden;
            for (int k = 0; k < forbidden.Count; k++)
            {
                if (forbidden.Function(k) == first.Function && forbidden.First(k) >= first.Address)
                {
                    last = Math.Min(last, forbidden.First(k) - 1);
                }
            }

            RangeList barriers = limits.Barriers;
            for (int k = 0; k < barriers.Count; k++)
            {
                if (barriers.Function(k) == first.Function && barriers.First(k) >= first.Address)
                {
                    last = Math.Min(last, barriers.Last(k) - 1);
                }
            }

            return last;
        }

        private static ReadPlan Assemble(ReadSpan[] wants, int[] spans, int n, int[] keptOf, int requestCount, int[] runStart, long totalUs)
        {
            ReadSpan[] reads = new ReadSpan[requestCount];
            int[] readOfKept = new int[n];
            int read = requestCount;
            for (int end = n; end > 0; end = runStart[end])
            {
                read--;
                ReadSpan first = wants[spans[runStart[end]]];
                reads[read] = new ReadSpan(first.Function, first.Address, wants[spans[end - 1]].Last - first.Address + 1);
                for (int k = runStart[end]; k < end; k++)
                {
                    readOfKept[k] = read;
                }
            }

            int[] readOfSpan = new int[wants.Length];
            for (int w = 0; w < wants.Length; w++)
            {
                readOfSpan[w] = readOfKept[keptOf[w]];
            }

            return new ReadPlan(reads, readOfSpan, totalUs);
        }
    }
}
