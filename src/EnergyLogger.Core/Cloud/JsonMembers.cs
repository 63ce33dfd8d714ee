using EnergyLogger.Core.Json;

namespace EnergyLogger.Core.Cloud
{
    /// <summary>Unknown members are errors in everything the cloud sends (a misspelt member must not be ignored silently).</summary>
    public static class JsonMembers
    {
        /// <summary>The name of the first member of <paramref name="obj"/> that is not in <paramref name="known"/>, or null.</summary>
        public static string Unknown(JsonDocument doc, int obj, string[] known)
        {
            for (int key = doc.FirstChild(obj); key != -1; key = doc.NextSibling(obj, key + 1))
            {
                bool found = false;
                for (int i = 0; i < known.Length && !found; i++)
                {
                    found = doc.StringEquals(key, known[i]);
                }

                if (!found)
                {
                    return doc.GetString(key);
                }
            }

            return null;
        }
    }
}
