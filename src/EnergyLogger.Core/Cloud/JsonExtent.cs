namespace EnergyLogger.Core.Cloud
{
    /// <summary>Where a JSON value that already passed the parser ends, so that a sub-document (the map in a config) can be handed on as bytes.</summary>
    public static class JsonExtent
    {
        /// <summary>The offset just past the value starting at <paramref name="start"/>; <paramref name="end"/> when it runs out.</summary>
        public static int End(byte[] text, int start, int end)
        {
            int depth = 0;
            int pos = start;
            while (pos < end)
            {
                byte c = text[pos++];
                if (c == (byte)'"')
                {
                    pos = SkipString(text, pos, end);
                    if (depth == 0)
                    {
                        return pos;
                    }
                }
                else if (c == (byte)'{' || c == (byte)'[')
                {
                    depth++;
                }
                else if (c == (byte)'}' || c == (byte)']')
                {
                    depth--;
                    if (depth == 0)
                    {
                        return pos;
                    }
                }
                else if (depth == 0 && (c == (byte)',' || c == (byte)' ' || c == (byte)'\n' || c == (byte)'\r' || c == (byte)'\t'))
                {
                    // The end of a bare scalar.
                    return pos - 1;
                }
            }

            return end;
        }

        private static int SkipString(byte[] text, int pos, int end)
        {
            while (pos < end)
            {
                byte c = text[pos++];
                if (c == (byte)'\\')
                {
                    pos++;
                }
                else if (c == (byte)'"')
                {
                    return pos;
                }
            }

            return end;
        }
    }
}
