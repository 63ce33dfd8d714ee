using EnergyLogger.Core.Json;

namespace EnergyLogger.Core.Cloud
{
    /// <summary>
    /// Kaa 1/KP (reference A) for the logger's endpoint (token 0) and one endpoint per device with a token of its own.
    /// Every request is numbered and remembered until its /status or /error (RFC 1), so a DCX batch leaves the outbox
    /// only on its /status and stays after an /error (RFC 2). Metadata is an EPMX partial update (RFC 10); configs are
    /// CMX answers and pushes, reported on <c>applied</c> (RFC 7); commands are CEX answers and pushes, answered on
    /// <c>result</c> (RFC 11); CMX_OTA carries the running version, the offers and the updater's reports. A connect
    /// follows the order of reference A.4.1.
    /// </summary>
    public sealed class KaaDialect : CloudDialect
    {
        private readonly JsonLimits _errorLimits = new JsonLimits { MaxBytes = 4096, MaxDepth = 4, MaxValues = 64, MaxStringBytes = 512 };

        // Indexed by Outbound: where each of the session's messages goes, and what its request is called in the error log.
        private static readonly string[] Extensions = { KaaTopics.Dcx, KaaTopics.Epmx, KaaTopics.Cmx, KaaTopics.CmxOta, KaaTopics.Cex };
        private static readonly string[] Paths = { "json", "update/keys", "applied/json", "applied/json", "result/" };
        private static readonly string[] Labels = { null, "metadata", "applied report", "ota report", "result" };

        private readonly KaaTopics _topics;
        private readonly PendingRequests _pending = new PendingRequests(32);
        private readonly KaaTopic _topic = new KaaTopic();
        private readonly JsonDocument _doc = new JsonDocument();

        /// <param name="tokens">The endpoint tokens; entry 0 is the logger's own, which configs, commands and OTA use.</param>
        public KaaDialect(KaaTopics topics, string[] tokens)
            : base(tokens)
        {
            _topics = topics;
        }

        internal override bool DeliveredOnPubAck => false;

        /// <summary>Reference A.4.1: subscribe, metadata, config pull with observe, OTA version and observe, command observes; the backlog follows.</summary>
        internal override void Connected(CloudSession s, long nowMs)
        {
            for (int e = 0; e < Endpoints.Length; e++)
            {
                // "kp1/{v}/+/{t}/#": KPC may deliver replies without a SUBSCRIBE, a plain broker does not (A.1.6).
                s.Subscribe("kp1/" + _topics.AppVersion + "/+/" + Endpoints[e] + "/#");
            }

            s.PublishMetadata(nowMs);
            JsonWriter w = s.BeginBody();
            if (s.ConfigId != null)
            {
                w.Name("configId");
                w.String(s.ConfigId);
            }

            Observe(s, KaaTopics.Cmx, "config/json", "config pull", nowMs);
            DeviceFacts facts = s.Facts(0);
            if (facts != null && facts.FirmwareVersion != null)
            {
                w = s.BeginBody();
                w.Name("configId");
                w.String(facts.FirmwareVersion);
                w.EndObject();
                s.PublishBody(_topics.Build(KaaTopics.CmxOta, Endpoints[0], "applied/json", 0), false);
            }

            s.BeginBody();
            Observe(s, KaaTopics.CmxOta, "config/json", "ota observe", nowMs);
            string[] types = s.Commands.Types;
            for (int i = 0; i < types.Length; i++)
            {
                s.BeginBody();
                Observe(s, KaaTopics.Cex, "command/" + types[i], "command observe", nowMs);
            }
        }

        internal override void Received(CloudSession s, string topic, byte[] payload, int length, long nowMs)
        {
            if (!_topics.Parse(topic, _topic) || _topic.Reply == KaaReply.None || !IsOurs(_topic.Token))
            {
                // Our own requests echo back through the wildcard subscription; only replies matter.
                return;
            }

            string ext = _topic.Extension;
            int rid = _topic.RequestId;
            if (ext == KaaTopics.Dcx)
            {
                OnTelemetryReply(s, payload, length);
            }
            else if (_topic.Reply == KaaReply.Error)
            {
                OnError(s, payload, length);
            }
            else if (ext == KaaTopics.Cmx && _topic.Path == "config/json")
            {
                _pending.Take(rid);
                s.TakeConfig(payload, length, nowMs);
            }
            else if (ext == KaaTopics.Cex && _topic.Path.StartsWith("command/"))
            {
                _pending.Take(rid);
                s.TakeCommand(_topic.Path.Substring(8), payload, length);
            }
            else if (ext == KaaTopics.CmxOta && _topic.Path == "config/json")
            {
                _pending.Take(rid);
                OnOtaConfig(s, payload, length);
            }
            else if (ext == KaaTopics.CmxOta && _topic.Path == "applied/json")
            {
                _pending.Take(rid);
                s.ReportDelivered(rid);
            }
            else if (_pending.Take(rid) == null)
            {
                s.Ignore();
            }
        }

        /// <summary>A numbered request (RFC 1), so that every one gets its /status or /error; a result is matched by its PUBACK.</summary>
        internal override int Send(CloudSession s, Outbound kind, int endpoint, string type, byte[] body, int length, long nowMs)
        {
            int k = (int)kind;
            int rid = _pending.NextId(s.Uplink);
            int id = s.Publish(_topics.Build(Extensions[k], Endpoints[endpoint], type == null ? Paths[k] : Paths[k] + type, rid), body, length, false);
            if (id < 0)
            {
                return -1;
            }

            if (Labels[k] != null)
            {
                _pending.Add(rid, Labels[k], nowMs);
            }

            return kind == Outbound.Result ? id : rid;
        }

        internal override int Expire(long nowMs, int timeoutMs)
        {
            return _pending.Expire(nowMs, timeoutMs);
        }

        internal override void Forget()
        {
            _pending.Clear();
        }

        /// <summary>Closes the body with <c>observe</c> (RFC 7, RFC 11: answers now and pushes later) and sends it as a numbered request.</summary>
        private void Observe(CloudSession s, string extension, string path, string label, long nowMs)
        {
            JsonWriter w = s.Writer;
            w.Name("observe");
            w.Bool(true);
            w.EndObject();
            int rid = _pending.NextId(s.Uplink);
            if (s.PublishBody(_topics.Build(extension, Endpoints[0], path, rid), false))
            {
                _pending.Add(rid, label, nowMs);
            }
        }

        private bool IsOurs(string token)
        {
            for (int i = 0; i < Endpoints.Length; i++)
            {
                if (Endpoints[i] == token)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>RFC 2: an empty /status means the batch was delivered and processed; only then does it leave the outbox.</summary>
        private void OnTelemetryReply(CloudSession s, byte[] payload, int length)
        {
            int rid = _topic.RequestId;
            if (_topic.Reply == KaaReply.Status)
            {
                s.BatchDelivered(rid);
                return;
            }

            if (s.Uplink.Fail(rid))
            {
                s.Counters.BatchErrors++;
                s.Counters.LastError = "dcx " + rid.ToString() + ": " + ErrorText(payload, length);
            }
        }

        private void OnError(CloudSession s, byte[] payload, int length)
        {
            string label = _pending.Take(_topic.RequestId);
            s.Counters.RequestErrors++;
            s.Counters.LastError = (label ?? _topic.Extension + "/" + _topic.Path) + ": " + ErrorText(payload, length);
            if (_topic.Extension == KaaTopics.CmxOta && _topic.Path == "applied/json" && ErrorCode(payload, length) < 500)
            {
                // Kaa refused the report itself (RFC 1, 4xx): the same body again cannot change that. A server error
                // leaves it in flight, to be sent again after the reply timeout.
                s.ReportDelivered(_topic.RequestId);
            }
        }

        /// <summary>CMX_OTA answers like CMX (RFC 7): only one with a software specification is an offer (reference A.3 CMX_OTA).</summary>
        private void OnOtaConfig(CloudSession s, byte[] payload, int length)
        {
            if (_doc.Parse(payload, 0, length, ConfigApplier.Limits) != JsonStatus.Ok || _doc.Kind(JsonDocument.Root) != JsonKind.Object)
            {
                return;
            }

            int config = _doc.Member(JsonDocument.Root, "config");
            if (_doc.Member(JsonDocument.Root, "configId") >= 0 && config >= 0 && _doc.Kind(config) == JsonKind.Object)
            {
                s.TakeOffer(payload, length);
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
    }
}
