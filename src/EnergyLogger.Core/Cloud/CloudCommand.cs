namespace EnergyLogger.Core.Cloud
{
    /// <summary>One CEX command (RFC 11): its type from the topic, its id, and its payload as JSON text (null when absent).</summary>
    public sealed class CloudCommand
    {
        public string Type;
        public long Id;
        public byte[] Payload;
    }

    /// <summary>How <see cref="CommandQueue.Offer"/> ended.</summary>
    public enum OfferStatus
    {
        Queued,
        /// <summary>This (type, id) was seen before: it is neither run nor answered again (RELIABILITY C8).</summary>
        Duplicate,
        /// <summary>The queue is full; the caller answers 429 at once.</summary>
        Full,
    }

    /// <summary>
    /// A bounded queue of commands waiting for their turn between poll cycles, with a memory of the last ids
    /// seen per type so that a command delivered twice (a push and an observe answer, or a redelivery) runs
    /// and is answered once (RELIABILITY C8).
    /// </summary>
    public sealed class CommandQueue
    {
        private readonly CloudCommand[] _queue;
        private readonly string[] _seenTypes;
        private readonly long[] _seenIds;
        private int _head;
        private int _seenNext;

        public CommandQueue(int capacity, int remembered)
        {
            _queue = new CloudCommand[capacity];
            _seenTypes = new string[remembered];
            _seenIds = new long[remembered];
        }

        public int Count { get; private set; }

        public OfferStatus Offer(CloudCommand command)
        {
            if (Seen(command.Type, command.Id))
            {
                return OfferStatus.Duplicate;
            }

            // A refused command is remembered too: its 429 is its one answer.
            Remember(command.Type, command.Id);
            if (Count == _queue.Length)
            {
                return OfferStatus.Full;
            }

            _queue[(_head + Count) % _queue.Length] = command;
            Count++;
            return OfferStatus.Queued;
        }

        /// <summary>The oldest waiting command, or null.</summary>
        public CloudCommand Take()
        {
            if (Count == 0)
            {
                return null;
            }

            CloudCommand command = _queue[_head];
            _queue[_head] = null;
            _head = (_head + 1) % _queue.Length;
            Count--;
            return command;
        }

        public bool Seen(string type, long id)
        {
            for (int i = 0; i < _seenIds.Length; i++)
            {
                if (_seenTypes[i] != null && _seenIds[i] == id && _seenTypes[i] == type)
                {
                    return true;
                }
            }

            return false;
        }

        public void Remember(string type, long id)
        {
            _seenTypes[_seenNext] = type;
            _seenIds[_seenNext] = id;
            _seenNext = (_seenNext + 1) % _seenIds.Length;
        }
    }
}
