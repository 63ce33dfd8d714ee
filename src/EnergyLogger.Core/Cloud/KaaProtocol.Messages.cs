using EnergyLogger.Core.Json;

namespace EnergyLogger.Core.Cloud
{
    public sealed partial class KaaProtocol
    {
        private readonly JsonLimits _errorLimits = new JsonLimits { MaxBytes = 4096, MaxDepth = 4, MaxValues = 64, MaxStringBytes = 512 };

        private readonly KaaTopic _topic = new KaaTopic();
        private readonly JsonDocument _doc = new JsonDocument();

        public void OnMessage(string topic, byte[] payload, int length, long nowMs)
        {
            if (!_topics.Parse(topic, _topic) || _topic.Reply == KaaReply.None || !IsOurs(_topic.Token))
            {
                // Our own requests echo back through the wildcard subscription; only replies matter.
                return;
            }

            string ext = _topic.Extension;
            if (ext == KaaTopics.Dcx)
            {
                OnTelemetryReply(payload, length);
            }
            else if (_topic.Reply == KaaReply.Error)
            {
                OnError(payload, length);
            }
            else if (ext == KaaTopics.Cmx && _topic.Path == "config/json")
            {
                _pending.Take(_topic.RequestId);
                OnConfig(payload, length, nowMs);
            }
            else if (ext == KaaTopics.Cex && _topic.Path.StartsWith("command/"))
            {
                _pending.Take(_topic.RequestId);
                _commands.Accept(_topic.Path.Substring(8), payload, 0, length);
            }
            else if (ext == KaaTopics.CmxOta && _topic.Path == "config/json")
            {
                _pending.Take(_topic.RequestId);
                OnOtaOffer(payload, length);
            }
            else if (ext == KaaTopics.CmxOta && _topic.Path == "applied/json")
            {
                _pending.Take(_topic.RequestId);
                _reports.Acknowledge(_topic.RequestId);
            }
            else if (_pending.Take(_topic.RequestId) == null)
            {
                _counters.MessagesIgnored++;
            }
        }

        private bool IsOurs(string token)
        {
            for (int i = 0; i < _tokens.Length; i++)
            {
                if (_tokens[i] == token)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>RFC 2: an empty /status means the batch was delivered and processed; only then does it leave the outbox.</summary>
        private void OnTelemetryReply(byte[] payload, int length)
        {
            int rid = _topic.RequestId;
            if (_topic.Reply == KaaReply.Status)
            {
                if (_uplink.Complete(rid))
                {
                    _counters.BatchesAcknowledged++;
                }

                return;
            }

            if (_uplink.Fail(rid))
            {
                _counters.BatchErrors++;
                _counters.LastError = "dcx " + rid.ToString() + ": " + ErrorText(payload, length);
            }
        }

        private void OnError(byte[] payload, int length)
        {
            string label = _pending.Take(_topic.RequestId);
            _counters.RequestErrors++;
            _counters.LastError = (label ?? _topic.Extension + "/" + _topic.Path) + ": " + ErrorText(payload, length);
            if (_topic.Extension == KaaTopics.CmxOta && _topic.Path == "applied/json" && ErrorCode(payload, length) < 500)
            {
                // Kaa refused the report itself (RFC 1, 4xx): the same body again cannot change that. A server error
                // leaves it in flight, to be sent again after the reply timeout.
                _reports.Acknowledge(_topic.RequestId);
            }
        }

        /// <summary>The RFC 1 statusCode of an error payload; 500 when there is none, so that a garbled error counts as the server's.</summary>
        private int ErrorCode(byte[] payload, int length)
        {
            long code;
            int token = _doc.Parse(payload, 0, length, _errorLimits) == JsonStatus.Ok && _doc.Kind(JsonDocument.Root) == JsonKind.Object
                ? _doc.Member(JsonDocument.Root, "statusCode")
                : -1;
            return token >= 0 && _doc.TryGetInt64(token, out code) && code >= 100 && code < 600 ? (int)code : 500;
        }

        /// <summary>RFC 1 error payload <c>{"statusCode":400,"reasonPhrase":"..."}</c> as "400 reason".</summary>
        private string ErrorText(byte[] payload, int length)
        {
            if (_doc.Parse(payload, 0, length, _errorLimits) != JsonStatus.Ok || _doc.Kind(JsonDocument.Root) != JsonKind.Object)
            {
                return "error reply";
            }

            long code;
            int codeToken = _doc.Member(JsonDocument.Root, "statusCode");
            int reason = _doc.Member(JsonDocument.Root, "reasonPhrase");
            string text = codeToken >= 0 && _doc.TryGetInt64(codeToken, out code) ? code.ToString() : "error";
            return reason >= 0 && _doc.Kind(reason) == JsonKind.String ? text + " " + _doc.GetString(reason) : text;
        }

        /// <summary>CMX_OTA answers like CMX (RFC 7): only one with a software specification is an offer (reference A.3 CMX_OTA).</summary>
        private void OnOtaOffer(byte[] payload, int length)
        {
            if (_doc.Parse(payload, 0, length, _config.Limits) != JsonStatus.Ok || _doc.Kind(JsonDocument.Root) != JsonKind.Object)
            {
                return;
            }

            int config = _doc.Member(JsonDocument.Root, "config");
            if (_doc.Member(JsonDocument.Root, "configId") >= 0 && config >= 0 && _doc.Kind(config) == JsonKind.Object)
            {
                _host.OfferUpdate(payload, 0, length);
            }
        }

        /// <summary>RFC 7: a new config is validated, stored and applied by <see cref="ConfigApplier"/>, then reported on <c>applied/json</c> (C6).</summary>
        private void OnConfig(byte[] payload, int length, long nowMs)
        {
            _config.Handle(payload, length);
            if (_config.Status != 0)
            {
                ReportApplied(_config.ReportId, _config.Status, _config.Reason, nowMs);
            }
        }

        private void ReportApplied(string id, int status, string reason, long nowMs)
        {
            BeginBody();
            _w.Name("configId");
            _w.String(id ?? "");
            _w.Name("statusCode");
            _w.Integer(status);
            if (reason != null)
            {
                _w.Name("reasonPhrase");
                _w.String(reason);
            }

            _w.EndObject();
            Request(KaaTopics.Cmx, _tokens[0], "applied/json", nowMs, "applied report");
        }
    }
}
