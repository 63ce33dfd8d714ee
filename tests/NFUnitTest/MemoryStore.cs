using System.Collections;
using EnergyLogger.Core.Ports;

namespace NFUnitTest
{
    /// <summary>An <see cref="IFileStore"/> in RAM for the outbox vector: files as byte arrays by name.</summary>
    internal sealed class MemoryStore : IFileStore
    {
        private readonly Hashtable _files = new Hashtable();

        public string[] List()
        {
            var names = new string[_files.Count];
            int i = 0;
            foreach (object key in _files.Keys)
            {
                names[i++] = (string)key;
            }

            return names;
        }

        public int Length(string name)
        {
            byte[] file = (byte[])_files[name];
            return file == null ? -1 : file.Length;
        }

        public int Read(string name, int position, byte[] buffer, int offset, int count)
        {
            byte[] file = (byte[])_files[name];
            if (file == null || position > file.Length)
            {
                return -1;
            }

            int n = count < file.Length - position ? count : file.Length - position;
            System.Array.Copy(file, position, buffer, offset, n);
            return n;
        }

        public bool Append(string name, byte[] buffer, int offset, int count)
        {
            byte[] old = (byte[])_files[name];
            int length = old == null ? 0 : old.Length;
            var file = new byte[length + count];
            if (old != null)
            {
                System.Array.Copy(old, file, length);
            }

            System.Array.Copy(buffer, offset, file, length, count);
            _files[name] = file;
            return true;
        }

        public bool Replace(string name, byte[] buffer, int offset, int count)
        {
            var file = new byte[count];
            System.Array.Copy(buffer, offset, file, 0, count);
            _files[name] = file;
            return true;
        }

        public bool Delete(string name)
        {
            _files.Remove(name);
            return true;
        }
    }
}
