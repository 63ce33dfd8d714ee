using EnergyLogger.Core.Json;

namespace EnergyLogger.Core.Cloud
{
    /// <summary>
    /// Writes a command result the way CEX expects it, an array of one element (reference A.3 CEX):
    /// <c>[{"id":1,"statusCode":200,"reasonPhrase":"OK","payload":{..}}]</c>. A handler decides the status first,
    /// calls <see cref="Begin"/>, then writes the payload's members into <see cref="Writer"/>.
    /// </summary>
    public sealed class CommandReply
    {
        public const int Depth = 6;

        public CommandReply(int capacity)
        {
            Writer = new JsonWriter(capacity, Depth);
        }

        public JsonWriter Writer { get; }

        public long Id { get; private set; }

        public int Status { get; private set; }

        public string Reason { get; private set; }

        /// <summary>Set by the reboot command: restart once this result is acknowledged, not before (reference A.3 CEX, reboot pitfall).</summary>
        public bool RebootAfterDelivery { get; set; }

        /// <summary>Set by the reconnect command: the session is dropped and made again once this result is acknowledged.</summary>
        public bool ReconnectAfterDelivery { get; set; }

        /// <summary>
        /// The handler started work that ends later (a Wi-Fi scan, a trial of another network): nothing is published now,
        /// and the handler's owner reports the result through <see cref="CloudSession.AddResult"/> when it has one.
        /// </summary>
        public bool Deferred { get; private set; }

        public void Start(long id)
        {
            Id = id;
            RebootAfterDelivery = false;
            ReconnectAfterDelivery = false;
            Deferred = false;
            Status = 0;
            Reason = null;
            Writer.Reset();
        }

        public void Begin(int status, string reason)
        {
            Status = status;
            Reason = reason;
            JsonWriter w = Writer;
            w.Reset();
            w.BeginArray();
            w.BeginObject();
            w.Name("id");
            w.Integer(Id);
            w.Name("statusCode");
            w.Integer(status);
            w.Name("reasonPhrase");
            w.String(reason);
            w.Name("payload");
            w.BeginObject();
        }

        /// <summary>The result comes later, from whoever finishes the work (<see cref="Deferred"/>).</summary>
        public void Defer()
        {
            Deferred = true;
        }

        /// <summary>The finished result's bytes, for <see cref="CloudSession.AddResult"/>.</summary>
        public byte[] ToArray()
        {
            var bytes = new byte[Writer.Length];
            System.Array.Copy(Writer.Buffer, bytes, bytes.Length);
            return bytes;
        }

        /// <summary>A result with an empty payload.</summary>
        public void Fail(int status, string reason)
        {
            Begin(status, reason);
        }

        /// <summary>Closes what <see cref="Begin"/> opened; false when the text did not fit.</summary>
        public bool End()
        {
            Writer.EndObject();
            Writer.EndObject();
            Writer.EndArray();
            return !Writer.Overflowed;
        }
    }
}
