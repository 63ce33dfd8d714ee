// Shared with the nanoFramework test assemblies: C# 9, no generics, no nullable annotations.
#nullable disable
using System.Collections;
using EnergyLogger.Core.Cloud;
using EnergyLogger.Core.Ports;

namespace EnergyLogger.Transcripts
{
    /// <summary>
    /// The flash (I:\ on the board) in memory. Every change is recorded with its length and the CRC-32 of the bytes
    /// written (<c>flash&gt; append ob00000001.seg 812 5F1C09A2</c>); reads are not. A power cut can be armed to land
    /// on a later write: an append is torn (half of it stored), a replace keeps the old file (the port promises
    /// atomic replaces), a delete does not happen, and the run stops there.
    /// </summary>
    public sealed class TranscriptFiles : IFileStore
    {
        private readonly TranscriptWriter _out;
        private readonly Hashtable _files = new Hashtable();

        // Names in the order they were created: List() never depends on Hashtable order.
        private readonly ArrayList _names = new ArrayList();
        private int _writesBeforeCut = -1;

        public TranscriptFiles(TranscriptWriter output)
        {
            _out = output;
        }

        /// <summary>The power fails during the write after this many more writes; -1 for never.</summary>
        public void CutPowerAfter(int writes)
        {
            _writesBeforeCut = writes;
        }

        /// <summary>While set, every write fails and changes nothing (a worn or full medium).</summary>
        public bool Refusing { get; set; }

        public string[] List()
        {
            var names = new string[_names.Count];
            for (int i = 0; i < names.Length; i++)
            {
                names[i] = (string)_names[i];
            }

            return names;
        }

        public int Length(string name)
        {
            byte[] data = (byte[])_files[name];
            return data == null ? -1 : data.Length;
        }

        public int Read(string name, int position, byte[] buffer, int offset, int count)
        {
            byte[] data = (byte[])_files[name];
            if (data == null || position < 0 || position > data.Length)
            {
                return -1;
            }

            int n = data.Length - position < count ? data.Length - position : count;
            System.Array.Copy(data, position, buffer, offset, n);
            return n;
        }

        public bool Append(string name, byte[] buffer, int offset, int count)
        {
            string line = "flash> append " + name + " " + Describe(buffer, offset, count);
            if (Refused(line))
            {
                return false;
            }

            byte[] old = (byte[])_files[name];
            int oldLength = old == null ? 0 : old.Length;
            bool cut = Cut();
            int kept = cut ? count / 2 : count;
            var data = new byte[oldLength + kept];
            if (old != null)
            {
                System.Array.Copy(old, data, oldLength);
            }

            System.Array.Copy(buffer, offset, data, oldLength, kept);
            Put(name, data);
            if (cut)
            {
                PowerFails(line + " torn " + kept.ToString());
            }

            _out.Record(line);
            return true;
        }

        public bool Replace(string name, byte[] buffer, int offset, int count)
        {
            string line = "flash> replace " + name + " " + Describe(buffer, offset, count);
            if (Refused(line))
            {
                return false;
            }

            if (Cut())
            {
                PowerFails(line + " lost");
            }

            var data = new byte[count];
            System.Array.Copy(buffer, offset, data, 0, count);
            Put(name, data);
            _out.Record(line);
            return true;
        }

        public bool Delete(string name)
        {
            if (_files[name] == null)
            {
                return true;
            }

            if (Refused("flash> delete " + name))
            {
                return false;
            }

            if (Cut())
            {
                PowerFails("flash> delete " + name + " lost");
            }

            _files.Remove(name);
            _names.Remove(name);
            _out.Record("flash> delete " + name);
            return true;
        }

        /// <summary>Puts a file without a record (what was deployed to the board before the transcript starts).</summary>
        public void Deploy(string name, byte[] data)
        {
            Put(name, data);
        }

        private void Put(string name, byte[] data)
        {
            if (_files[name] == null)
            {
                _names.Add(name);
            }

            _files[name] = data;
        }

        private bool Refused(string line)
        {
            if (Refusing)
            {
                _out.Record(line + " refused");
            }

            return Refusing;
        }

        private bool Cut()
        {
            if (_writesBeforeCut < 0)
            {
                return false;
            }

            if (_writesBeforeCut > 0)
            {
                _writesBeforeCut--;
                return false;
            }

            _writesBeforeCut = -1;
            return true;
        }

        private void PowerFails(string line)
        {
            _out.Record(line);
            throw new TranscriptHalt("power cut");
        }

        private static string Describe(byte[] buffer, int offset, int count)
        {
            return count.ToString() + " " + TranscriptCodec.Hex32(Crc32.Compute(buffer, offset, count));
        }
    }
}
