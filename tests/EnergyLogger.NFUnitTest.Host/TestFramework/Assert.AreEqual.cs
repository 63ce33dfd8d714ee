using System;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;

namespace nanoFramework.TestFramework
{
    /// <summary>
    /// The AreEqual overloads of nanoFramework.TestFramework 3.0.80 (no generic one): values compare with
    /// <see cref="object.Equals(object, object)"/>, strings ordinally as nanoFramework's string.Compare does.
    /// </summary>
    public sealed partial class Assert
    {
        public static void AreEqual(bool expected, bool actual, [CallerArgumentExpression("actual")] string message = "")
        {
            if (!Equals(expected, actual))
            {
                HandleAreEqualFail(expected, actual, message);
            }
        }

        public static void AreEqual(byte expected, byte actual, [CallerArgumentExpression("actual")] string message = "")
        {
            if (!Equals(expected, actual))
            {
                HandleAreEqualFail(expected, actual, message);
            }
        }

        public static void AreEqual(char expected, char actual, [CallerArgumentExpression("actual")] string message = "")
        {
            if (!Equals(expected, actual))
            {
                HandleAreEqualFail(expected, actual, message);
            }
        }

        public static void AreEqual(DateTime expected, DateTime actual, [CallerArgumentExpression("actual")] string message = "")
        {
            if (!Equals(expected, actual))
            {
                HandleAreEqualFail(expected, actual, message);
            }
        }

        public static void AreEqual(double expected, double actual, [CallerArgumentExpression("actual")] string message = "")
        {
            if (!Equals(expected, actual))
            {
                HandleAreEqualFail(expected, actual, message);
            }
        }

        public static void AreEqual(float expected, float actual, [CallerArgumentExpression("actual")] string message = "")
        {
            if (!Equals(expected, actual))
            {
                HandleAreEqualFail(expected, actual, message);
            }
        }

        public static void AreEqual(int expected, int actual, [CallerArgumentExpression("actual")] string message = "")
        {
            if (!Equals(expected, actual))
            {
                HandleAreEqualFail(expected, actual, message);
            }
        }

        public static void AreEqual(long expected, long actual, [CallerArgumentExpression("actual")] string message = "")
        {
            if (!Equals(expected, actual))
            {
                HandleAreEqualFail(expected, actual, message);
            }
        }

        public static void AreEqual(object expected, object actual, [CallerArgumentExpression("actual")] string message = "")
        {
            if (!Equals(expected, actual))
            {
                HandleAreEqualFail(expected, actual, message);
            }
        }

        public static void AreEqual(sbyte expected, sbyte actual, [CallerArgumentExpression("actual")] string message = "")
        {
            if (!Equals(expected, actual))
            {
                HandleAreEqualFail(expected, actual, message);
            }
        }

        public static void AreEqual(short expected, short actual, [CallerArgumentExpression("actual")] string message = "")
        {
            if (!Equals(expected, actual))
            {
                HandleAreEqualFail(expected, actual, message);
            }
        }

        public static void AreEqual(string expected, string actual, [CallerArgumentExpression("actual")] string message = "")
        {
            if (string.CompareOrdinal(expected, actual) != 0)
            {
                HandleAreEqualFail(expected, actual, message);
            }
        }

        public static void AreEqual(uint expected, uint actual, [CallerArgumentExpression("actual")] string message = "")
        {
            if (!Equals(expected, actual))
            {
                HandleAreEqualFail(expected, actual, message);
            }
        }

        public static void AreEqual(ulong expected, ulong actual, [CallerArgumentExpression("actual")] string message = "")
        {
            if (!Equals(expected, actual))
            {
                HandleAreEqualFail(expected, actual, message);
            }
        }

        public static void AreEqual(ushort expected, ushort actual, [CallerArgumentExpression("actual")] string message = "")
        {
            if (!Equals(expected, actual))
            {
                HandleAreEqualFail(expected, actual, message);
            }
        }

        [DoesNotReturn]
        private static void HandleAreEqualFail(object expected, object actual, string message)
        {
            HandleFail("Assert.AreEqual", "Expected:<" + ReplaceNulls(expected) + ">. Actual:<" + ReplaceNulls(actual) + ">. "
                + (message is null ? string.Empty : ReplaceNulls(message)));
        }
    }
}
