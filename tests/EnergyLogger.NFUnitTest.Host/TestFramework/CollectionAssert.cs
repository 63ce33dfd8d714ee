using System.Collections;

namespace nanoFramework.TestFramework
{
    /// <summary>
    /// The collection assertions of nanoFramework.TestFramework 3.0.80. Two collections are equal when they have the
    /// same count and, in enumeration order, elements equal by <see cref="object.Equals(object, object)"/>.
    /// </summary>
    public sealed class CollectionAssert
    {
        public static void Empty(ICollection collection, string message = "")
        {
            Assert.EnsureParameterIsNotNull(collection, "CollectionAssert.Empty", "collection");
            if (collection.Count != 0)
            {
                Assert.HandleFail("CollectionAssert.Empty", message);
            }
        }

        public static void NotEmpty(ICollection collection, string message = "")
        {
            Assert.EnsureParameterIsNotNull(collection, "CollectionAssert.NotEmpty", "collection");
            if (collection.Count == 0)
            {
                Assert.HandleFail("CollectionAssert.NotEmpty", message);
            }
        }

        public static void AreEqual(ICollection expected, ICollection actual, string message = "")
        {
            string reason;
            if (!AreCollectionsEqual(expected, actual, out reason))
            {
                Assert.HandleFail("CollectionAssert.AreEqual", message + "(" + reason + ")");
            }
        }

        public static void AreNotEqual(ICollection notExpected, ICollection actual, string message = "")
        {
            string reason;
            if (AreCollectionsEqual(notExpected, actual, out reason))
            {
                Assert.HandleFail("CollectionAssert.AreNotEqual", message + "(" + reason + ")");
            }
        }

        private static bool AreCollectionsEqual(ICollection expected, ICollection actual, out string reason)
        {
            reason = string.Empty;
            if (expected == actual)
            {
                reason = "Both collection references point to the same collection object. ";
                return true;
            }

            if (expected == null || actual == null)
            {
                return false;
            }

            if (expected.Count != actual.Count)
            {
                reason = "Different number of elements.";
                return false;
            }

            IEnumerator left = expected.GetEnumerator();
            IEnumerator right = actual.GetEnumerator();
            int index = 0;
            while (left.MoveNext() && right.MoveNext())
            {
                if (!Equals(left.Current, right.Current))
                {
                    reason = "Element at index " + index + " do not match. Expected:<" + left.Current + ">. Actual:<" + right.Current + ">.";
                    return false;
                }

                index++;
            }

            reason = "Both collection contain same elements.";
            return true;
        }
    }
}
