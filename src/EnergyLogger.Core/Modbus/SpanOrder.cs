namespace EnergyLogger.Core.Modbus
{
    /// <summary>
    /// Puts wanted spans in the order the planner needs: by function, then address, and drops every span
    /// that lies inside another. What is left has strictly rising starts and ends, so any request that
    /// holds two of them holds all those in between.
    /// </summary>
    internal static class SpanOrder
    {
        /// <summary>
        /// Sorts <paramref name="indices"/>[0, count) and keeps only the outermost spans at the front.
        /// Returns how many were kept. When <paramref name="keptOf"/> is given, keptOf[want] becomes the
        /// position (among the kept) of the span that contains that want.
        /// </summary>
        public static int KeepOutermost(ReadSpan[] wants, int[] indices, int count, int[] keptOf)
        {
            Sort(wants, indices, count);
            int kept = 0;
            for (int i = 0; i < count; i++)
            {
                int want = indices[i];
                bool nested = kept > 0 && wants[indices[kept - 1]].Contains(wants[want]);
                if (!nested)
                {
                    indices[kept++] = want;
                }

                if (keptOf != null)
                {
                    keptOf[want] = kept - 1;
                }
            }

            return kept;
        }

        // Insertion sort: maps hold a few hundred points and are sorted once per load.
        private static void Sort(ReadSpan[] wants, int[] indices, int count)
        {
            for (int i = 1; i < count; i++)
            {
                int moving = indices[i];
                int j = i - 1;
                while (j >= 0 && Before(wants, moving, indices[j]))
                {
                    indices[j + 1] = indices[j];
                    j--;
                }

                indices[j + 1] = moving;
            }
        }

        // Function, then address, then the longer span first so that a container precedes what it holds;
        // the caller's order breaks the remaining ties, which keeps the result stable.
        private static bool Before(ReadSpan[] wants, int a, int b)
        {
            ReadSpan x = wants[a];
            ReadSpan y = wants[b];
            if (x.Function != y.Function)
            {
                return x.Function < y.Function;
            }

            if (x.Address != y.Address)
            {
                return x.Address < y.Address;
            }

            if (x.Count != y.Count)
            {
                return x.Count > y.Count;
            }

            return a < b;
        }
    }
}
