using System;

namespace nanoFramework.TestFramework
{
    public static class TestExtensions
    {
        /// <summary>
        /// True when both arrays have the same length and, index by index, elements of the same type and value
        /// (numbers, chars and booleans by value, anything else by reference).
        /// </summary>
        public static bool SequenceEqual(this Array a, Array b)
        {
            if (a == null || b == null || a.Length != b.Length)
            {
                return false;
            }

            for (int i = 0; i < a.Length; i++)
            {
                object x = a.GetValue(i);
                object y = b.GetValue(i);
                Type type = x.GetType();
                if (type != y.GetType())
                {
                    return false;
                }

                if (!Same(x, y))
                {
                    return false;
                }
            }

            return true;
        }

        // The value types compare with ==, so NaN differs from NaN; anything else compares by reference.
        private static bool Same(object x, object y)
        {
            switch (x)
            {
                case int v: return v == (int)y;
                case uint v: return v == (uint)y;
                case byte v: return v == (byte)y;
                case sbyte v: return v == (sbyte)y;
                case short v: return v == (short)y;
                case ushort v: return v == (ushort)y;
                case long v: return v == (long)y;
                case ulong v: return v == (ulong)y;
                case char v: return v == (char)y;
                case double v: return v == (double)y;
                case bool v: return v == (bool)y;
                case float v: return v == (float)y;
                default: return ReferenceEquals(x, y);
            }
        }
    }
}
