using EnergyLogger.Core.Json;
using EnergyLogger.Core.Ports;

namespace EnergyLogger.Core.Cloud
{
    /// <summary>
    /// The last applied cloud configuration on flash: the CMX answer <c>{"configId":..,"config":{..}}</c> exactly
    /// as it arrived, written with <see cref="IFileStore.Replace"/> so a power cut leaves the old or the new one.
    /// It is validated again when read, so a damaged file never becomes the running config (RELIABILITY C6, S1).
    /// </summary>
    public sealed class ConfigStore
    {
        public const string FileName = "cloudcfg.json";

        private readonly IFileStore _store;

        public ConfigStore(IFileStore store)
        {
            _store = store;
        }

        public bool Save(byte[] text, int offset, int count)
        {
            return _store.Replace(FileName, text, offset, count);
        }

        /// <summary>The stored config, validated; null when there is none or it does not pass.</summary>
        public CloudConfig Load(JsonLimits limits)
        {
            int length = _store.Length(FileName);
            if (length <= 0 || length > limits.MaxBytes)
            {
                return null;
            }

            var text = new byte[length];
            if (_store.Read(FileName, 0, text, 0, length) != length)
            {
                return null;
            }

            var doc = new JsonDocument();
            if (doc.Parse(text, 0, length, limits) != JsonStatus.Ok || doc.Kind(JsonDocument.Root) != JsonKind.Object)
            {
                return null;
            }

            int id = doc.Member(JsonDocument.Root, "configId");
            int config = doc.Member(JsonDocument.Root, "config");
            if (id < 0 || config < 0 || doc.Kind(id) != JsonKind.String)
            {
                return null;
            }

            string reason;
            return CloudConfigParser.Parse(doc, config, text, length, doc.GetString(id), out reason);
        }
    }
}
