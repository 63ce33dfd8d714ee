using System;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using TestFrameworkShared;

namespace nanoFramework.TestFramework
{
    /// <summary>
    /// The assertions of nanoFramework.TestFramework 3.0.80: a failed one throws <see cref="AssertFailedException"/>
    /// with the message "{assertion} failed. {details}".
    /// </summary>
    public sealed partial class Assert
    {
        private const string NullText = "(null)";
        private const string ObjectText = "(object)";

        public static void IsTrue(bool condition, [CallerArgumentExpression("condition")] string message = "")
        {
            if (!condition)
            {
                HandleFail("Assert.IsTrue", message);
            }
        }

        public static void IsFalse(bool condition, [CallerArgumentExpression("condition")] string message = "")
        {
            if (condition)
            {
                HandleFail("Assert.IsFalse", message);
            }
        }

        public static void IsNull(object value, [CallerArgumentExpression("value")] string message = "")
        {
            if (value is not null)
            {
                HandleFail("Assert.IsNull", message);
            }
        }

        public static void IsNotNull([NotNull] object value, [CallerArgumentExpression("value")] string message = "")
        {
            if (value is null)
            {
                HandleFail("Assert.IsNotNull", message);
            }
        }

        public static void AreSame(object expected, object actual, [CallerArgumentExpression("actual")] string message = "")
        {
            if (ReferenceEquals(expected, actual))
            {
                return;
            }

            if (expected is ValueType || actual is ValueType)
            {
                HandleFail("Assert.AreSame", "Do not pass value types to AreSame(). Values converted to Object will never be the same. Consider using AreEqual(). " + ReplaceNulls(message));
            }

            HandleFail("Assert.AreSame", ReplaceNulls(message));
        }

        public static void AreNotSame(object notExpected, object actual, [CallerArgumentExpression("actual")] string message = "")
        {
            if (ReferenceEquals(notExpected, actual))
            {
                HandleFail("Assert.AreNotSame", ReplaceNulls(message));
            }
        }

        /// <summary>Passes when the exact type of <paramref name="value"/> is <paramref name="expected"/> (not a derived type).</summary>
        public static void IsInstanceOfType(object value, Type expected, [CallerArgumentExpression("value")] string message = "")
        {
            EnsureParameterIsNotNull(expected, "Assert.IsInstanceOfType", "expected");
            if (value is not null && expected == value.GetType())
            {
                return;
            }

            Type actual = value is null ? null : value.GetType();
            HandleFail("Assert.IsInstanceOfType", "Expected type:<" + expected + ">. Actual type:<" + ReplaceNulls(actual) + ">. " + ReplaceNulls(message));
        }

        public static void IsNotInstanceOfType(object value, Type notExpected, [CallerArgumentExpression("value")] string message = "")
        {
            EnsureParameterIsNotNull(notExpected, "Assert.IsNotInstanceOfType", "notExpected");
            if (value is null || notExpected != value.GetType())
            {
                return;
            }

            HandleFail("Assert.IsNotInstanceOfType", "Wrong type:<" + notExpected + ">. Actual type:<" + value.GetType() + ">. " + ReplaceNulls(message));
        }

        public static void Contains(string expected, string value, [CallerArgumentExpression("value")] string message = "")
        {
            EnsureParameterIsNotNull(expected, "Assert.Contains", "expected");
            EnsureParameterIsNotNull(value, "Assert.Contains", "value");
            if (!value.Contains(expected, StringComparison.Ordinal))
            {
                HandleFail("Assert.Contains", "'" + value + "' does not contain '" + expected + "'. " + ReplaceNulls(message));
            }
        }

        public static void DoesNotContains(string notExpected, string value, [CallerArgumentExpression("value")] string message = "")
        {
            EnsureParameterIsNotNull(notExpected, "Assert.DoesNotContains", "notExpected");
            EnsureParameterIsNotNull(value, "Assert.DoesNotContains", "value");
            if (value.Contains(notExpected, StringComparison.Ordinal))
            {
                HandleFail("Assert.DoesNotContains", "'" + value + "' should not contain '" + notExpected + "'. " + ReplaceNulls(message));
            }
        }

        public static void StartsWith(string expected, string value, [CallerArgumentExpression("value")] string message = "")
        {
            EnsureParameterIsNotNull(expected, "Assert.StartsWith", "expected");
            EnsureParameterIsNotNull(value, "Assert.StartsWith", "value");
            if (!value.StartsWith(expected, StringComparison.Ordinal))
            {
                HandleFail("Assert.StartsWith", "'" + value + "' does not start with '" + expected + "'. " + ReplaceNulls(message));
            }
        }

        public static void EndsWith(string expected, string value, [CallerArgumentExpression("value")] string message = "")
        {
            EnsureParameterIsNotNull(expected, "Assert.EndsWith", "expected");
            EnsureParameterIsNotNull(value, "Assert.EndsWith", "value");
            if (!value.EndsWith(expected, StringComparison.Ordinal))
            {
                HandleFail("Assert.EndsWith", "'" + value + "' does not end with '" + expected + "'. " + ReplaceNulls(message));
            }
        }

        /// <summary>Passes when <paramref name="action"/> throws exactly <paramref name="exception"/> (not a derived type).</summary>
        public static void ThrowsException(Type exception, Action action, [CallerArgumentExpression("action")] string message = "")
        {
            EnsureParameterIsNotNull(action, "Assert.ThrowsException", "action");
            EnsureParameterIsNotNull(exception, "Assert.ThrowsException", "exception");
            try
            {
                action.Invoke();
            }
            catch (Exception ex)
            {
                if (exception == ex.GetType())
                {
                    return;
                }

                HandleFail("Assert.ThrowsException", "Threw exception " + ex.GetType().Name + ", but exception " + exception.Name + " was expected. "
                    + ReplaceNulls(message) + "\r\nException Message: " + ex.Message);
            }

            HandleFail("Assert.ThrowsException", "No exception thrown. " + exception.Name + " exception was expected. " + ReplaceNulls(message));
        }

        /// <summary>Ends the test as skipped: the launcher reports it skipped, and a skipped [Setup] skips the whole class.</summary>
        [DoesNotReturn]
        public static void SkipTest(string message = null)
        {
            throw new SkipTestException(message);
        }

        internal static void EnsureParameterIsNotNull(object value, string assertion, string parameter)
        {
            if (value is null)
            {
                HandleFail(assertion, "The parameter '" + parameter + "' is invalid. The value cannot be null.");
            }
        }

        [DoesNotReturn]
        internal static void HandleFail(string assertion, string message)
        {
            string details = string.IsNullOrEmpty(message) ? string.Empty : ReplaceNulls(message);
            throw new AssertFailedException(assertion + " failed. " + details);
        }

        internal static string ReplaceNulls(object input)
        {
            if (input == null)
            {
                return NullText;
            }

            string text = null;
            try
            {
                text = input.ToString();
            }
            catch (NotImplementedException)
            {
                // Types whose ToString the device does not implement print as "(object)".
            }

            return ReplaceNullChars(text ?? ObjectText);
        }

        internal static string ReplaceNullChars(string input)
        {
            return string.IsNullOrEmpty(input) ? input : input.Replace("\0", "\\0", StringComparison.Ordinal);
        }
    }
}
