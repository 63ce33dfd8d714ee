using System.Collections;
using System.Text;
using EnergyLogger.Core.Cloud;
using EnergyLogger.Core.Ports;

namespace EnergyLogger.Core.Runtime
{
    /// <summary>
    /// The outboxes of every endpoint this boot has published for, each opened once and kept: a new map that
    /// drops a device's endpoint leaves its stored samples on flash, counted, until a map brings it back.
    /// The logger's own outbox uses the prefix "ob"; a device endpoint uses "ep" and the CRC-32 of its name, so
    /// its files stay its own whatever order a later map lists the devices in.
    /// </summary>
    public sealed class OutboxShelf
    {
        private const string OwnPrefix = "ob";
        private const string DevicePrefix = "ep";

        private readonly IFileStore _files;
        private readonly OutboxOptions _template;
        private readonly Log _log;
        private readonly Hashtable _byPrefix = new Hashtable();
        private readonly ArrayList _all = new ArrayList();

        public OutboxShelf(IFileStore files, OutboxOptions template, Log log)
        {
            _files = files;
            _template = template;
            _log = log;
        }

        public int Count => _all.Count;

        public Outbox this[int index] => (Outbox)_all[index];

        /// <summary>The outbox of each endpoint (entry 0, the logger, may be null), opened on first use.</summary>
        public Outbox[] For(string[] endpoints)
        {
            var result = new Outbox[endpoints.Length];
            for (int e = 0; e < endpoints.Length; e++)
            {
                result[e] = For(e == 0 ? null : endpoints[e]);
            }

            return result;
        }

        /// <summary>Before a clean restart: each outbox records which of its records are acknowledged, so they are not sent again.</summary>
        public void Flush()
        {
            for (int i = 0; i < _all.Count; i++)
            {
                this[i].Flush();
            }
        }

        public static string PrefixFor(string endpoint)
        {
            if (endpoint == null)
            {
                return OwnPrefix;
            }

            byte[] name = Encoding.UTF8.GetBytes(endpoint);
            return DevicePrefix + Hex(Crc32.Compute(name, 0, name.Length));
        }

        private Outbox For(string endpoint)
        {
            string prefix = PrefixFor(endpoint);
            var outbox = (Outbox)_byPrefix[prefix];
            if (outbox != null)
            {
                return outbox;
            }

            outbox = new Outbox(_files, new OutboxOptions
            {
                SegmentBytes = _template.SegmentBytes,
                MaxSegments = _template.MaxSegments,
                MaxBatchBytes = _template.MaxBatchBytes,
                FilePrefix = prefix,
            });
            int restored = outbox.Open();
            _byPrefix[prefix] = outbox;
            _all.Add(outbox);
            _log.Write(LogLevel.Info, "outbox", "opened", "prefix", prefix, "restored", restored.ToString());
            return outbox;
        }

        private static string Hex(uint value)
        {
            const string digits = "0123456789abcdef";
            var chars = new char[8];
            for (int i = 7; i >= 0; i--)
            {
                chars[i] = digits[(int)(value & 0xF)];
                value >>= 4;
            }

            return new string(chars);
        }
    }
}
