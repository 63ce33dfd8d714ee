using System.Collections;

namespace EnergyLogger.Core.Cloud
{
    /// <summary>
    /// Command results until the broker has them (PUBACK). A result whose connection dropped first is published
    /// again after the reconnect, because a duplicate of the command would not run or be answered again (C8).
    /// A reboot result triggers the restart when it is acknowledged, never before.
    /// </summary>
    public sealed class ResultQueue
    {
        private const int NotSent = -1;

        private readonly ArrayList _types = new ArrayList();
        private readonly ArrayList _bodies = new ArrayList();
        private readonly ArrayList _ids = new ArrayList();
        private readonly ArrayList _reboots = new ArrayList();
        private readonly int _capacity;

        public ResultQueue(int capacity)
        {
            _capacity = capacity;
        }

        public int Count => _types.Count;

        /// <summary>Queues a result; when full the oldest goes (the cloud will show that command as unanswered).</summary>
        public void Add(string type, byte[] body, bool reboot)
        {
            if (_types.Count == _capacity)
            {
                RemoveAt(0);
            }

            _types.Add(type);
            _bodies.Add(body);
            _ids.Add(NotSent);
            _reboots.Add(reboot);
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

        /// <summary>The broker acknowledged <paramref name="messageId"/>: true when it was a reboot result.</summary>
        public bool Acknowledge(int messageId)
        {
            for (int i = 0; i < _ids.Count; i++)
            {
                if ((int)_ids[i] == messageId)
                {
                    bool reboot = (bool)_reboots[i];
                    RemoveAt(i);
                    return reboot;
                }
            }

            return false;
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
            _reboots.RemoveAt(i);
        }
    }
}
