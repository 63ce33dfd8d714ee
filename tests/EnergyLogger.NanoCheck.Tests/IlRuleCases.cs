namespace EnergyLogger.NanoCheck.Tests;

/// <summary>
/// One snippet for one rule: the rule must report exactly the lines marked "// &lt;-" and nothing else.
/// A case without a marker is a safe rewrite that must stay silent.
/// </summary>
public sealed record IlCase(string Name, string Rule, string Source, bool Release = true, bool Debug = true, bool Strict = false)
{
    public override string ToString() => Name;
}

public static class IlRuleCases
{
    public static readonly IlCase[] All =
    {
        // [nan-compare]
        new("NanCompare_GreaterThanOnDouble_Fires", "nan-compare", """
            public static class C
            {
                public static bool Over(double x, double max)
                {
                    return x > max; // <-
                }
            }
            """),
        new("NanCompare_LessThanRewrite_Silent", "nan-compare", """
            public static class C
            {
                public static bool Over(double x, double max)
                {
                    return max < x;
                }
            }
            """),
        new("NanCompare_GreaterOrEqualInBranchOnFloat_Fires", "nan-compare", """
            public static class C
            {
                public static int Clamp(float x, float max)
                {
                    if (x >= max) // <-
                    {
                        return 1;
                    }

                    return 0;
                }
            }
            """),
        new("NanCompare_NegatedGreaterThan_Fires", "nan-compare", """
            public static class C
            {
                public static bool NotAbove(double x, double max)
                {
                    return !(x > max); // <-
                }
            }
            """),
        new("NanCompare_NegatedLessThan_Silent", "nan-compare", """
            public static class C
            {
                public static bool NotBelow(double x, double min)
                {
                    return !(x < min);
                }
            }
            """),
        new("NanCompare_LessOrEqualAndEquality_Silent", "nan-compare", """
            public static class C
            {
                public static bool Inside(double x, double min, double max)
                {
                    if (x <= max && min <= x && x != min)
                    {
                        return x == max;
                    }

                    return false;
                }
            }
            """),
        new("NanCompare_IntegerGreaterThan_Silent", "nan-compare", """
            public static class C
            {
                public static int Max(int x, int y)
                {
                    if (x >= y)
                    {
                        return x;
                    }

                    return x > y ? x : y;
                }
            }
            """),
        new("NanCompare_CallPassingPossibleNaNToUnsafeHelper_Fires", "nan-compare", """
            public static class C
            {
                public static bool InRange(double value, double min, double max)
                {
                    return !(value < min) && !(value > max); // <-
                }

                public static bool Check(double reading, double limit)
                {
                    return InRange(reading, 0, limit); // <-
                }

                public static bool Fixed()
                {
                    return InRange(5, 0, 10);
                }
            }
            """),

        // [unsigned-widen]
        new("UnsignedWiden_IntOfUintWidenedToLong_FiresInRelease", "unsigned-widen", """
            public static class C
            {
                public static long Decode(ulong g)
                {
                    long r = (int)(uint)g; // <-
                    return r;
                }
            }
            """, Debug: false),
        new("UnsignedWiden_ArithmeticReinterpretation_Silent", "unsigned-widen", """
            public static class C
            {
                public static long Decode(ulong g)
                {
                    long u = (uint)g;
                    long r = u >= 0x80000000L ? u - 0x100000000L : (long)u;
                    return r;
                }
            }
            """),
        new("UnsignedWiden_UnsignedToDouble_Silent", "unsigned-widen", """
            public static class C
            {
                public static double Scale(uint raw)
                {
                    return (double)raw * 0.1;
                }
            }
            """),
        new("UnsignedWiden_SignedCastOfUintToDouble_Fires", "unsigned-widen", """
            public static class C
            {
                public static double Scale(uint raw)
                {
                    return (double)(int)raw * 0.1; // <-
                }
            }
            """),
        new("UnsignedWiden_ArithmeticShiftOfCastUint_Fires", "unsigned-widen", """
            public static class C
            {
                public static int Half(uint raw)
                {
                    int signed = (int)raw >> 1; // <-
                    return signed;
                }
            }
            """, Debug: false),
        new("UnsignedWiden_UintReturnedAsInt_Fires", "unsigned-widen", """
            public static class C
            {
                public static int AsInt(uint raw)
                {
                    return (int)raw; // <-
                }
            }
            """, Debug: false),
        new("UnsignedWiden_UintReturnedAsIntThroughLocal_SilentInDebug", "unsigned-widen", """
            public static class C
            {
                public static int AsInt(uint raw)
                {
                    return (int)raw;
                }
            }
            """, Release: false),
        new("UnsignedWiden_UlongCastToLongAndShifted_Fires", "unsigned-widen", """
            public static class C
            {
                public static long Half(ulong raw)
                {
                    return (long)raw >> 1; // <-
                }
            }
            """),
        new("UnsignedWiden_UshortSubtractionWidened_Fires", "unsigned-widen", """
            public static class C
            {
                public static long Delta(int x)
                {
                    return (ushort)x - 1000; // <-
                }
            }
            """),
        new("UnsignedWiden_RegisterHighByte_Silent", "unsigned-widen", """
            public static class C
            {
                public static long High(ushort[] regs, int i)
                {
                    return regs[i] >> 8;
                }

                public static long Low(ushort[] regs, int i)
                {
                    return regs[i] & 0xFF;
                }

                public static long Wide(uint raw)
                {
                    return raw;
                }
            }
            """),
        new("UnsignedWiden_CharAndByteArithmetic_Silent", "unsigned-widen", """
            public static class C
            {
                public static int Digit(char c)
                {
                    return c - '0';
                }

                public static long Accumulate(byte[] text, int i, long n)
                {
                    return (n * 10) + (text[i] - '0');
                }
            }
            """),
        new("UnsignedWiden_TaggedRightOperand_Silent", "unsigned-widen", """
            public static class C
            {
                public static long Offset(int start, uint step)
                {
                    return start - (int)step;
                }
            }
            """, Debug: false),
        new("UnsignedWiden_TaggedLeftOperandOfSubtraction_Fires", "unsigned-widen", """
            public static class C
            {
                public static long Offset(uint step, int start)
                {
                    return (int)step - start; // <-
                }
            }
            """, Debug: false),
        new("UnsignedWiden_IntLocalBetweenCasts_SilentInDebug", "unsigned-widen", """
            public static class C
            {
                public static long Decode(ulong g)
                {
                    int t = (int)(uint)g;
                    long r = t;
                    return r;
                }
            }
            """, Release: false),

        // [double-tostring]
        new("DoubleToString_ToStringOnDouble_Fires", "double-tostring", """
            public static class C
            {
                public static string Text(double d)
                {
                    return d.ToString(); // <-
                }
            }
            """),
        new("DoubleToString_ConcatenatedFloat_Fires", "double-tostring", """
            public static class C
            {
                public static string Text(float f)
                {
                    return "v=" + f; // <-
                }
            }
            """),
        new("DoubleToString_IntToString_Silent", "double-tostring", """
            public static class C
            {
                public static string Text(int i, long l)
                {
                    return i.ToString() + l;
                }
            }
            """),

        // [enum-tostring]
        new("EnumToString_ToStringOnEnum_Fires", "enum-tostring", """
            public enum Mode { Off, On }

            public static class C
            {
                public static string Text(Mode m)
                {
                    return m.ToString(); // <-
                }
            }
            """),
        new("EnumToString_ConcatenatedEnum_Fires", "enum-tostring", """
            public enum Mode { Off, On }

            public static class C
            {
                public static string Text(Mode m)
                {
                    return "mode " + m; // <-
                }
            }
            """),
        new("EnumToString_NumberOfEnum_Silent", "enum-tostring", """
            public enum Mode { Off, On }

            public static class C
            {
                public static string Text(Mode m)
                {
                    return ((int)m).ToString();
                }
            }
            """),

        // [float-div]
        new("FloatDiv_DivisionByVariable_Fires", "float-div", """
            public static class C
            {
                public static double Ratio(double a, double b)
                {
                    return a / b; // <-
                }

                public static double Rest(double a, double b)
                {
                    return a % b; // <-
                }
            }
            """),
        new("FloatDiv_DivisionByZeroConstant_Fires", "float-div", """
            public static class C
            {
                public static double Infinite(double a)
                {
                    return a / 0.0; // <-
                }
            }
            """),
        new("FloatDiv_DivisionByNonZeroConstant_Silent", "float-div", """
            public static class C
            {
                public static double Half(double a)
                {
                    return a / 2.0 + a / 10;
                }

                public static int Ints(int a, int b)
                {
                    return a / b;
                }
            }
            """),

        // [float-to-int]
        new("FloatToInt_CastOfDouble_Fires", "float-to-int", """
            public static class C
            {
                public static int Round(double d)
                {
                    return (int)d; // <-
                }

                public static ulong Big(float f)
                {
                    return (ulong)f; // <-
                }
            }
            """),
        new("FloatToInt_CastOfLong_Silent", "float-to-int", """
            public static class C
            {
                public static int Narrow(long l)
                {
                    return (int)l;
                }
            }
            """),

        // [int-min-div] (opt-in)
        new("IntMinDiv_DivisionByVariableStrict_Fires", "int-min-div", """
            public static class C
            {
                public static int Ratio(int a, int b)
                {
                    return a / b; // <-
                }

                public static long Rest(long a, long b)
                {
                    return a % b; // <-
                }

                public static int Tenth(int a)
                {
                    return a / 10;
                }
            }
            """, Strict: true),
        new("IntMinDiv_DivisionByVariableNotStrict_Silent", "int-min-div", """
            public static class C
            {
                public static int Ratio(int a, int b)
                {
                    return a / b;
                }
            }
            """),
        new("IntMinDiv_DivisionByMinusOneConstant_Fires", "int-min-div", """
            public static class C
            {
                public static int Negate(int a)
                {
                    return a / -1; // <-
                }
            }
            """, Strict: true),

        // [hashtable-order]
        new("HashtableOrder_ForeachAndKeys_Fires", "hashtable-order", """
            using System.Collections;

            public static class C
            {
                public static int Count(Hashtable table)
                {
                    int n = 0;
                    foreach (DictionaryEntry entry in table) // <-
                    {
                        n++;
                    }

                    foreach (object key in table.Keys) // <-
                    {
                        n++;
                    }

                    return n;
                }
            }
            """),
        new("HashtableOrder_LookupOnly_Silent", "hashtable-order", """
            using System.Collections;

            public static class C
            {
                public static object Find(Hashtable table, string key)
                {
                    return table.Contains(key) ? table[key] : null;
                }
            }
            """),

        // [base64-empty]
        new("Base64Empty_ToBase64String_Fires", "base64-empty", """
            public static class C
            {
                public static string Encode(byte[] data)
                {
                    return System.Convert.ToBase64String(data); // <-
                }
            }
            """),
        new("Base64Empty_FromBase64String_Silent", "base64-empty", """
            public static class C
            {
                public static byte[] Decode(string text)
                {
                    return System.Convert.FromBase64String(text);
                }
            }
            """),

        // [tryparse]
        new("TryParse_IntTryParse_Fires", "tryparse", """
            public static class C
            {
                public static int Parse(string s)
                {
                    int value;
                    return int.TryParse(s, out value) ? value : 0; // <-
                }

                public static bool Long(string s, out long value)
                {
                    return long.TryParse(s, out value); // <-
                }
            }
            """),
        new("TryParse_Parse_Silent", "tryparse", """
            public static class C
            {
                public static int Parse(string s)
                {
                    return int.Parse(s);
                }
            }
            """),

        // [string-compare]
        new("StringCompare_ResultComparedWithOne_Fires", "string-compare", """
            public static class C
            {
                public static bool After(string a, string b)
                {
                    return string.Compare(a, b) == 1; // <-
                }

                public static bool Before(string a, string b)
                {
                    int c = a.CompareTo(b);
                    return c == -1; // <-
                }
            }
            """),
        new("StringCompare_ResultComparedWithZero_Silent", "string-compare", """
            public static class C
            {
                public static bool After(string a, string b)
                {
                    return string.Compare(a, b) > 0;
                }

                public static bool Before(string a, string b)
                {
                    int c = a.CompareTo(b);
                    return c < 0 || c == 0;
                }
            }
            """),

        // [static-ctor]
        new("StaticCtor_CallsHelperAndThrows_Fires", "static-ctor", """
            public static class Table
            {
                public static readonly int[] Values = Build(); // <-

                private static int[] Build()
                {
                    return new int[4];
                }
            }

            public static class Fragile
            {
                public static readonly int Value;

                static Fragile()
                {
                    if (Table.Values.Length == 0)
                    {
                        throw new System.InvalidOperationException("empty"); // <-
                    }

                    Value = 1;
                }
            }
            """),
        new("StaticCtor_ConstantsArraysAndOwnTypes_Silent", "static-ctor", """
            public sealed class Point
            {
                public Point(int x)
                {
                    X = x;
                }

                public int X { get; }
            }

            public static class Table
            {
                public static readonly int[] Values = { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12 };
                public static readonly Point Origin = new Point(0);
                public static readonly object Gate = new object();
                public static readonly string Name = "table";
            }
            """),

        // [multidim-array]
        new("MultidimArray_TwoDimensionalArray_Fires", "multidim-array", """
            public static class C
            {
                public static int Sum()
                {
                    var grid = new int[2, 3]; // <-
                    grid[1, 2] = 5; // <-
                    return grid[1, 2]; // <-
                }
            }
            """, Debug: false),
        new("MultidimArray_JaggedArray_Silent", "multidim-array", """
            public static class C
            {
                public static int Sum()
                {
                    var grid = new int[2][];
                    grid[1] = new int[3];
                    grid[1][2] = 5;
                    return grid[1][2];
                }
            }
            """),

        // [user-generic]
        new("UserGeneric_GenericClassAndMethod_Fires", "user-generic", """
            public sealed class Box<T>
            {
                public T Value;

                public T Get()
                {
                    return Value; // <-
                }
            }

            public static class C
            {
                public static T First<T>(T[] items)
                {
                    return items[0]; // <-
                }

                public static int Use()
                {
                    var box = new Box<int>(); // <-
                    return First(new[] { box.Value }); // <-
                }
            }
            """, Debug: false),
        new("UserGeneric_PlainClass_Silent", "user-generic", """
            public sealed class Box
            {
                public object Value;

                public object Get()
                {
                    return Value;
                }
            }
            """),
    };
}
