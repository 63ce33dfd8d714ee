using System.Collections;

namespace EnergyLogger.Core.Cloud
{
    /// <summary>What the broker's acknowledgement of a result sets off.</summary>
    public enum AfterDelivery
    {
        Nothing,
        /// <summary>The reboot command: restart, never before the result is delivered.</summary>
        Reboot,
        /// <summary>The reconnect command: drop the session and make it again.</summary>
        Reconnect,
    }

    /// <summary>
    /// Command results until the broker has them (PUBACK). A result whose connection dropped first is published
    /// again after the reconnect, because a duplicate of the command would not run or be answered again (C8).
    /// A reboot result triggers the restart when it is acknowledged, never before; a reconnect result, the reconnect.
    /// Results made while offline (a schedule's runs, a Wi-Fi change reported after it) wait here for the link.
    /// </summary>
    public sealed class ResultQueue
    {
        private const int NotSent = -1;

        private readonly ArrayList _types = new ArrayList();
        private readonly ArrayList _bodies = new ArrayList();
        private readonly ArrayList _ids = new ArrayList();
        private readonly ArrayList _after = new ArrayList();
        private readonly int _capacity;

        public ResultQueue(int capacity)
        {
            _capacity = capacity;
        }

        public int Count => _types.Count;

        /// <summary>Queues a result; when full the oldest goes (the cloud will show that command as unanswered).</summary>
        public void Add(string type, byte[] body, AfterDelivery after)
        {
            if (_types.Count == _capacity)
            {
                RemoveAt(0);
            }

            _types.Add(type);
            _bodies.Add(body);
            _ids.Add(NotSent);
            _after.Add((int)after);
        }

        /// <summary>The index of a result not yet published on this connection, or -1.</summary>
        public int NextUnsent()
        {
            for (int i = 0; i < _ids.Count; i++)
            {
                if ((int)_ids[i] == NotSent)
                {
                    return i;
                }
            }

            return -1;
        }

        public string Type(int i)
        {
            return (string)_types[i];
        }

        public byte[] Body(int i)
        {
            return (byte[])_bodies[i];
        }

        public void MarkSent(int i, int messageId)
        {
            _ids[i] = messageId;
        }

        /// <summary>The broker acknowledged <paramref name="messageId"/>: what its result sets off (nothing for an id that is no result).</summary>
        public AfterDelivery Acknowledge(int messageId)
        {
            for (int i = 0; i < _ids.Count; i++)
            {
                if ((int)_ids[i] == messageId)
                {
                    var after = (AfterDelivery)(int)_after[i];
                    RemoveAt(i);
                    return after;
                }
            }

            return AfterDelivery.Nothing;
        }

        /// <summary>The connection dropped: everything not acknowledged goes again.</summary>
        public void ResendAll()
        {
            for (int i = 0; i < _ids.Count; i++)
            {
                _ids[i] = NotSent;
            }
        }

        private void RemoveAt(int i)
        {
            _types.RemoveAt(i);
            _bodies.RemoveAt(i);
            _ids.RemoveAt(i);
            _after.RemoveAt(i);
        }
    }
}
