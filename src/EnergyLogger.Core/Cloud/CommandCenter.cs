using System.Collections;
using EnergyLogger.Core.Json;

namespace EnergyLogger.Core.Cloud
{
    /// <summary>
    /// Takes command messages apart, queues them (bounded, duplicates dropped), and runs one at a time through
    /// the handler table. Commands that cannot be queued are answered at once: 429 when the queue is full,
    /// 404 for an unknown type (RELIABILITY C8), 400 for a message that is not JSON and 413 for one larger than a command
    /// may be, each under every command id its text still shows; an item without an id cannot be answered and is only
    /// counted. An <see cref="IInstantCommand"/> runs as it arrives. The cloud session publishes what
    /// <see cref="TakeAnswer"/> and <see cref="RunNext"/> produce; a handler that defers its result reports it later
    /// through the session.
    /// </summary>
    public sealed class CommandCenter
    {
        public const int MaxCommandBytes = 16384;
        private const int MaxAnswers = 128;
        private const int InstantReplyBytes = 512;

        // Ids answered for one message that cannot be read: more than a queue could ever take.
        private const int MaxSalvagedIds = 16;

        private readonly ICommandHandler[] _handlers;
        private readonly JsonDocument _doc = new JsonDocument();
        private readonly JsonLimits _limits = new JsonLimits { MaxBytes = MaxCommandBytes, MaxDepth = 8, MaxValues = 2048, MaxStringBytes = 1024 };
        private readonly ArrayList _answerTypes = new ArrayList();
        private readonly ArrayList _answers = new ArrayList();
        private readonly CloudCounters _counters;
        private readonly JsonSalvage _salvage = new JsonSalvage();

        public CommandCenter(ICommandHandler[] handlers, int queueCapacity, int replyCapacity, CloudCounters counters)
        {
            _handlers = handlers;
            _counters = counters;
            Queue = new CommandQueue(queueCapacity, 64);
            Reply = new CommandReply(replyCapacity);
        }

        public CommandQueue Queue { get; }

        /// <summary>The result of the command <see cref="RunNext"/> ran.</summary>
        public CommandReply Reply { get; }

        public string[] Types
        {
            get
            {
                var types = new string[_handlers.Length];
                for (int i = 0; i < types.Length; i++)
                {
                    types[i] = _handlers[i].Type;
                }

                return types;
            }
        }

        /// <summary>
        /// A command message of <paramref name="type"/>: a CEX array <c>[{"id":1,"payload":{..}}]</c> (an empty one
        /// means nothing pending) or a single such object. Returns the commands queued.
        /// </summary>
        /// <param name="messageLength">The message's full length: more than <paramref name="count"/> when the transport kept only its start.</param>
        public int Accept(string type, byte[] payload, int offset, int count, int messageLength)
        {
            if (MaxCommandBytes < messageLength)
            {
                Refuse(type, payload, offset, count, 413, "command message too large: " + messageLength.ToString() + " bytes, the limit is " + MaxCommandBytes.ToString());
                return 0;
            }

            if (_doc.Parse(payload, offset, count, _limits) != JsonStatus.Ok)
            {
                Refuse(type, payload, offset, count, 400, "command message: " + _doc.ErrorText + " at byte " + (_doc.ErrorPosition - offset).ToString());
                return 0;
            }

            int root = JsonDocument.Root;
            if (_doc.Kind(root) == JsonKind.Object)
            {
                return Item(type, root, payload) ? 1 : 0;
            }

            int queued = 0;
            if (_doc.Kind(root) == JsonKind.Array)
            {
                for (int e = _doc.FirstChild(root); e != -1; e = _doc.NextSibling(root, e))
                {
                    queued += Item(type, e, payload) ? 1 : 0;
                }
            }

            return queued;
        }

        /// <summary>Runs the oldest queued command; false when none waits. The result is in <see cref="Reply"/>.</summary>
        public bool RunNext(out string type)
        {
            CloudCommand command = Queue.Take();
            type = null;
            if (command == null)
            {
                return false;
            }

            type = command.Type;
            Reply.Start(command.Id);
            ICommandHandler handler = Handler(command.Type);
            int payload = -1;
            if (command.Payload != null)
            {
                _doc.Parse(command.Payload, 0, command.Payload.Length, _limits);
                payload = JsonDocument.Root;
            }

            handler.Execute(_doc, payload, Reply);
            if (Reply.Deferred)
            {
                // Accepted; its result is counted and published when the work ends.
                return true;
            }

            if (!Reply.End())
            {
                Reply.Start(command.Id);
                Reply.Fail(500, "result too large");
                Reply.End();
            }

            if (Reply.Status == 200)
            {
                _counters.CommandsExecuted++;
            }
            else
            {
                _counters.CommandsRefused++;
            }

            return true;
        }

        /// <summary>An immediate answer waiting to be published, or null; its command type goes to <paramref name="type"/>.</summary>
        public byte[] TakeAnswer(out string type)
        {
            type = null;
            if (_answers.Count == 0)
            {
                return null;
            }

            type = (string)_answerTypes[0];
            var answer = (byte[])_answers[0];
            _answerTypes.RemoveAt(0);
            _answers.RemoveAt(0);
            return answer;
        }

        /// <summary>A message that cannot be read: counted, and answered under each command id that its text still shows.</summary>
        private void Refuse(string type, byte[] payload, int offset, int count, int status, string reason)
        {
            _counters.CommandsRefused++;
            _counters.LastError = "command " + type + ": " + reason;
            var ids = new long[MaxSalvagedIds];
            int found = _salvage.Integers(payload, offset, count, "id", JsonSalvage.ItemDepth(payload, offset, count), ids);
            for (int i = 0; i < found; i++)
            {
                if (!Queue.Seen(type, ids[i]))
                {
                    // Remembered, so that a redelivery of the same message is not answered twice.
                    Queue.Remember(type, ids[i]);
                    Answer(type, ids[i], status, reason);
                }
            }
        }

        private bool Item(string type, int item, byte[] text)
        {
            int idToken = _doc.Kind(item) == JsonKind.Object ? _doc.Member(item, "id") : -1;
            long id;
            if (idToken < 0 || !_doc.TryGetInt64(idToken, out id))
            {
                _counters.CommandsRefused++;
                _counters.LastError = "command " + type + ": an item without an integer id";
                return false;
            }

            var command = new CloudCommand { Type = type, Id = id };
            int payload = _doc.Member(item, "payload");
            if (payload >= 0 && _doc.Kind(payload) == JsonKind.Object)
            {
                int start = _doc.Position(payload);
                int end = JsonExtent.End(text, start, text.Length);
                command.Payload = new byte[end - start];
                System.Array.Copy(text, start, command.Payload, 0, end - start);
            }

            ICommandHandler handler = Handler(type);
            if (handler == null && !Queue.Seen(type, id))
            {
                // Remembered, so that a redelivery of the same unknown command is not answered twice.
                Queue.Remember(type, id);
                _counters.CommandsRefused++;
                Answer(type, id, 404, "unknown command type");
                return false;
            }

            if (handler is IInstantCommand)
            {
                RunInstant(handler, id, payload >= 0 && _doc.Kind(payload) == JsonKind.Object ? payload : -1);
                return false;
            }

            OfferStatus status = Queue.Offer(command);
            if (status == OfferStatus.Duplicate)
            {
                _counters.CommandsDuplicate++;
                return false;
            }

            if (status == OfferStatus.Full)
            {
                _counters.CommandsOverflow++;
                Answer(type, id, 429, "command queue full");
                return false;
            }

            return true;
        }

        /// <summary>An instant command runs now, on the message's own document, and its result joins the immediate answers.</summary>
        private void RunInstant(ICommandHandler handler, long id, int payload)
        {
            if (Queue.Seen(handler.Type, id))
            {
                _counters.CommandsDuplicate++;
                return;
            }

            Queue.Remember(handler.Type, id);
            var reply = new CommandReply(InstantReplyBytes);
            reply.Start(id);
            handler.Execute(_doc, payload, reply);
            if (!reply.End())
            {
                reply.Start(id);
                reply.Fail(500, "result too large");
                reply.End();
            }

            if (reply.Status == 200)
            {
                _counters.CommandsExecuted++;
            }
            else
            {
                _counters.CommandsRefused++;
            }

            Keep(handler.Type, reply);
        }

        private void Answer(string type, long id, int status, string reason)
        {
            if (_answers.Count >= MaxAnswers)
            {
                return;
            }

            var reply = new CommandReply(256);
            reply.Start(id);
            reply.Fail(status, reason);
            reply.End();
            Keep(type, reply);
        }

        private void Keep(string type, CommandReply reply)
        {
            if (_answers.Count >= MaxAnswers)
            {
                return;
            }

            _answerTypes.Add(type);
            _answers.Add(reply.ToArray());
        }

        private ICommandHandler Handler(string type)
        {
            for (int i = 0; i < _handlers.Length; i++)
            {
                if (_handlers[i].Type == type)
                {
                    return _handlers[i];
                }
            }

            return null;
        }
    }
}
