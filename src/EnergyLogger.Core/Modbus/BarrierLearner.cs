using System;

namespace EnergyLogger.Core.Modbus
{
    /// <summary>
    /// What an exception 02 to a planned read teaches about the slave's register map: the holes the read bridged
    /// become barriers in <see cref="PlannerLimits.Barriers"/>, which <see cref="ReadPlanner"/> never plans across.
    /// </summary>
    public static class BarrierLearner
    {
        /// <summary>
        /// Exception 02 (illegal data address, Application Protocol v1.1b3, 7) to <paramref name="failedRead"/>.
        /// When the read held several wanted spans, the slave most likely lacks some unwanted register the
        /// read bridged, so each hole inside it becomes a barrier; a read with no hole is split between
        /// every pair of spans. When it held one span, the slave lacks that span: a barrier keeps later
        /// plans from bridging it and the result names it, so the caller can drop the point (RELIABILITY M2).
        /// Plan again after a Split; repeated answers narrow the fault down to single spans.
        /// </summary>
        public static LearnResult LearnIllegalAddress(PlannerLimits limits, ReadSpan failedRead, ReadSpan[] wants)
        {
            if (limits == null || wants == null)
            {
                throw new ArgumentNullException(limits == null ? "limits" : "wants");
            }

            int[] inside = new int[wants.Length];
            int count = 0;
            for (int i = 0; i < wants.Length; i++)
            {
                if (wants[i].Count >= 1 && failedRead.Contains(wants[i]))
                {
                    inside[count++] = i;
                }
            }

            if (count == 0)
            {
                return new LearnResult(LearnStatus.NotFromPlan, -1, 0);
            }

            int kept = SpanOrder.KeepOutermost(wants, inside, count, null);
            if (kept == 1)
            {
                return new LearnResult(LearnStatus.SpanUnsupported, inside[0], BarOne(limits, wants[inside[0]]));
            }

            int added = BarHoles(limits, wants, inside, kept);
            if (added == 0)
            {
                added = BarPairs(limits, wants, inside, kept);
            }

            return new LearnResult(LearnStatus.Split, -1, added);
        }

        // Once the point is dropped its registers are a hole like any other: no request may bridge it.
        private static int BarOne(PlannerLimits limits, ReadSpan span)
        {
            if (span.Address == 0 || span.Last == 0xFFFF)
            {
                return 0;
            }

            return limits.Barriers.Add(span.Function, span.Address - 1, span.Last + 1) ? 1 : 0;
        }

        // A hole's barrier runs from the last wanted register before it to the first one after it.
        private static int BarHoles(PlannerLimits limits, ReadSpan[] wants, int[] spans, int kept)
        {
            int added = 0;
            for (int k = 0; k + 1 < kept; k++)
            {
                ReadSpan low = wants[spans[k]];
                ReadSpan high = wants[spans[k + 1]];
                if (low.Last + 1 < high.Address && limits.Barriers.Add(low.Function, low.Last, high.Address))
                {
                    added++;
                }
            }

            return added;
        }

        // Spans that touch are parted between them; spans that overlap may not share a request at all.
        private static int BarPairs(PlannerLimits limits, ReadSpan[] wants, int[] spans, int kept)
        {
            int added = 0;
            for (int k = 0; k + 1 < kept; k++)
            {
                ReadSpan low = wants[spans[k]];
                ReadSpan high = wants[spans[k + 1]];
                bool barred = low.Last < high.Address
                    ? limits.Barriers.Add(low.Function, low.Last, high.Address)
                    : limits.Barriers.Add(low.Function, low.Address, high.Last);
                if (barred)
                {
                    added++;
                }
            }

            return added;
        }
    }
}
