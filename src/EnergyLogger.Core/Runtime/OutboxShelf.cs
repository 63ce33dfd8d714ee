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
    /// All of them share one flash budget, the template's cap: every outbox the map in use publishes to, and every
    /// one still holding samples of an endpoint no map in use names (of this boot or left by an earlier one), gets an
    /// equal share in whole segments, set again whenever the endpoints change. So eight device endpoints take the
    /// flash one outbox had, not eight times it (docs/cloud.md, "Outbox sizing").
    /// </summary>
    public sealed class OutboxShelf
    {
        private const string OwnPrefix = "ob";
        private const string DevicePrefix = "ep";
        private const int DevicePrefixLength = 10;
        private const int LeastSegments = 2;

        private readonly IFileStore _files;
        private readonly OutboxOptions _template;
        private readonly Log _log;
        private readonly Hashtable _byPrefix = new Hashtable();
        private readonly ArrayList _all = new ArrayList();
        private int _share;

        public OutboxShelf(IFileStore files, OutboxOptions template, Log log)
        {
            _files = files;
            _template = template;
            _log = log;
            _share = template.MaxSegments;
        }

        public int Count => _all.Count;

        public Outbox this[int index] => (Outbox)_all[index];

        /// <summary>The outbox of each endpoint (entry 0, the logger, may be null), opened on first use, each with its share of the budget.</summary>
        public Outbox[] For(string[] endpoints)
        {
            var result = new Outbox[endpoints.Length];
            for (int e = 0; e < endpoints.Length; e++)
            {
                result[e] = Opened(PrefixFor(e == 0 ? null : endpoints[e]));
            }

            OpenLeftOvers();
            Share(result);
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

        private Outbox Opened(string prefix)
        {
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

        /// <summary>Device endpoints' segment files an earlier boot left, of endpoints no map of this boot named yet: opened, so that they count.</summary>
        private void OpenLeftOvers()
        {
            string[] names = _files.List();
            for (int i = 0; i < names.Length; i++)
            {
                string name = names[i];
                if (name.Length <= DevicePrefixLength || !name.StartsWith(DevicePrefix))
                {
                    continue;
                }

                string prefix = name.Substring(0, DevicePrefixLength);
                if (_byPrefix[prefix] == null && IsHex(prefix, DevicePrefix.Length) && Outbox.IsSegmentFile(prefix, name))
                {
                    Opened(prefix);
                }
            }
        }

        /// <summary>
        /// Equal shares for the outboxes in use and those holding samples no map in use names. When the budget cannot
        /// give each of them two segments (many endpoints dropped with samples unsent), those keep two and the outboxes
        /// in use share the rest. The others hold nothing to send and give their acknowledged files back.
        /// </summary>
        private void Share(Outbox[] inUse)
        {
            var holders = new ArrayList();
            for (int i = 0; i < inUse.Length; i++)
            {
                if (!holders.Contains(inUse[i]))
                {
                    holders.Add(inUse[i]);
                }
            }

            int inUseCount = holders.Count;
            for (int i = 0; i < _all.Count; i++)
            {
                if (!holders.Contains(_all[i]) && this[i].Pending > 0)
                {
                    holders.Add(_all[i]);
                }
            }

            int share = _template.MaxSegments / holders.Count;
            int leftOutShare = share;
            if (share < LeastSegments)
            {
                leftOutShare = LeastSegments;
                share = (_template.MaxSegments - (LeastSegments * (holders.Count - inUseCount))) / inUseCount;
                if (share < LeastSegments)
                {
                    share = LeastSegments;
                    _log.Write(LogLevel.Warn, "outbox", "the outbox budget cannot hold two segments for each endpoint",
                        "endpoints", holders.Count.ToString(), "segments", _template.MaxSegments.ToString());
                }
            }

            for (int i = 0; i < _all.Count; i++)
            {
                int index = holders.IndexOf(_all[i]);
                Resize(this[i], index < 0 ? LeastSegments : index < inUseCount ? share : leftOutShare);
            }

            if (share != _share)
            {
                _share = share;
                _log.Write(LogLevel.Info, "outbox", "budget shared", "outboxes", holders.Count.ToString(), "segments", share.ToString());
            }
        }

        private void Resize(Outbox outbox, int segments)
        {
            if (outbox.Options.MaxSegments == segments)
            {
                return;
            }

            int dropped = outbox.Counters.Dropped;
            outbox.Resize(segments);
            dropped = outbox.Counters.Dropped - dropped;
            if (dropped > 0)
            {
                _log.Write(LogLevel.Warn, "outbox", "oldest samples dropped to fit the smaller share", "prefix", outbox.Options.FilePrefix, "dropped", dropped.ToString());
            }
        }

        private static bool IsHex(string text, int from)
        {
            for (int i = from; i < text.Length; i++)
            {
                char c = text[i];
                if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f')))
                {
                    return false;
                }
            }

            return true;
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
