using EnergyLogger.Core.Json;
using EnergyLogger.Core.Registers;

namespace EnergyLogger.Core.Cloud
{
    /// <summary>
    /// Takes a config message <c>{"configId":..,"config":{..}}</c> (RFC 7; the same shape in custom-MQTT mode) through
    /// validation in full, atomic storage and hand-over to its <see cref="IConfigTarget"/>. A rejected config changes nothing: the last
    /// good one stays active (RELIABILITY C6). After <see cref="Handle"/>, <see cref="Status"/> says what to report:
    /// 0 nothing (unchanged, none assigned, already in use), 200 applied, 400 invalid, 413 larger than a config may be,
    /// 500 not storable. A message that does not parse (cut short, too large) is still reported under the config id
    /// its text starts with, so that the cloud can tell which of its configs was refused.
    /// </summary>
    public sealed class ConfigApplier
    {
        private readonly ConfigStore _store;
        private readonly IConfigTarget _target;
        private readonly CloudCounters _counters;
        private readonly JsonDocument _doc = new JsonDocument();
        private readonly JsonSalvage _salvage = new JsonSalvage();

        /// <summary>What a config message may hold: a full register map, a schedule of up to 32 entries and a small envelope.</summary>
        public static readonly JsonLimits Limits = new JsonLimits
        {
            MaxBytes = MapLimits.MaxMapBytes + 16384,
            MaxValues = MapLimits.MaxMapValues + 1024,
            MaxDepth = MapLimits.MaxMapDepth + 2,
            MaxStringBytes = MapLimits.MaxSourceLength,
        };

        public ConfigApplier(ConfigStore store, IConfigTarget target, CloudCounters counters)
        {
            _store = store;
            _target = target;
            _counters = counters;
        }

        /// <summary>The id of the configuration in use; null while there is none.</summary>
        public string ConfigId => _target.ConfigId;

        public int Status { get; private set; }

        /// <summary>The id the report is about ("" when the message had none).</summary>
        public string ReportId { get; private set; }

        /// <summary>Why a config was rejected, null when applied.</summary>
        public string Reason { get; private set; }

        /// <param name="messageLength">The message's full length: more than <paramref name="length"/> when the transport kept only its start.</param>
        public void Handle(byte[] payload, int length, int messageLength)
        {
            Status = 0;
            Reason = null;
            ReportId = "";
            if (Limits.MaxBytes < messageLength)
            {
                ReportId = SalvagedId(payload, length);
                Reject(413, "config message too large: " + messageLength.ToString() + " bytes, the limit is " + Limits.MaxBytes.ToString());
                return;
            }

            if (_doc.Parse(payload, 0, length, Limits) != JsonStatus.Ok)
            {
                ReportId = SalvagedId(payload, length);
                Reject(400, "config message: " + _doc.ErrorText);
                return;
            }

            if (_doc.Kind(JsonDocument.Root) != JsonKind.Object)
            {
                Reject(400, "config message: expected an object");
                return;
            }

            int idToken = _doc.Member(JsonDocument.Root, "configId");
            int config = _doc.Member(JsonDocument.Root, "config");
            if (idToken < 0 || _doc.Kind(idToken) != JsonKind.String || config < 0 || _doc.Kind(config) == JsonKind.Null)
            {
                // Unchanged, or no configuration assigned to this endpoint: keep what runs.
                return;
            }

            string id = _doc.GetString(idToken);
            ReportId = id;
            if (id == ConfigId)
            {
                return;
            }

            string reason;
            CloudConfig parsed = CloudConfigParser.Parse(_doc, config, payload, length, id, out reason);
            if (parsed == null)
            {
                Reject(400, reason);
                return;
            }

            if (!_store.Save(payload, 0, length))
            {
                Reject(500, "cannot store the configuration");
                return;
            }

            _target.ApplyConfig(parsed);
            _counters.ConfigsApplied++;
            Status = 200;
        }

        private string SalvagedId(byte[] payload, int length)
        {
            string id = _salvage.RootString(payload, 0, length, "configId");
            return id ?? "";
        }

        private void Reject(int status, string reason)
        {
            Status = status;
            Reason = reason;
            _counters.ConfigsRejected++;
            _counters.LastError = "config rejected: " + reason;
        }
    }
}
