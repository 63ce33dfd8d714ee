using System;
using System.IO;
using EnergyLogger.Core.Ports;

namespace EnergyLogger.Device.Adapters
{
    /// <summary>
    /// <see cref="IFileStore"/> on the internal LittleFS drive (<c>I:\</c>). Replace writes NAME.new in
    /// full, renames the old file to NAME.old, renames NAME.new to NAME and deletes NAME.old; LittleFS
    /// renames are atomic, so after a power cut the files say which step was reached and the next
    /// access finishes or undoes the replace: readers see the old content or the new, never a mix.
    /// </summary>
    public sealed class FlashFileStore : IFileStore
    {
        private const string NewSuffix = ".new";
        private const string OldSuffix = ".old";

        private readonly string _root;

        /// <param name="root">A folder on the drive, e.g. <c>I:\el</c>, created if missing.</param>
        public FlashFileStore(string root)
        {
            _root = root;
            if (!Directory.Exists(root))
            {
                Directory.CreateDirectory(root);
            }
        }

        public string[] List()
        {
            try
            {
                string[] paths = Directory.GetFiles(_root);
                int count = 0;
                var names = new string[paths.Length];
                for (int i = 0; i < paths.Length; i++)
                {
                    string name = Path.GetFileName(paths[i]);
                    if (!name.EndsWith(NewSuffix) && !name.EndsWith(OldSuffix))
                    {
                        names[count++] = name;
                    }
                }

                var result = new string[count];
                Array.Copy(names, result, count);
                return result;
            }
            catch (Exception)
            {
                return new string[0];
            }
        }

        public int Length(string name)
        {
            try
            {
                string path = Recover(name);
                if (!File.Exists(path))
                {
                    return -1;
                }

                using (var file = new FileStream(path, FileMode.Open, FileAccess.Read))
                {
                    return (int)file.Length;
                }
            }
            catch (Exception)
            {
                return -1;
            }
        }

        public int Read(string name, int position, byte[] buffer, int offset, int count)
        {
            try
            {
                using (var file = new FileStream(Recover(name), FileMode.Open, FileAccess.Read))
                {
                    file.Seek(position, SeekOrigin.Begin);
                    int total = 0;
                    int n;
                    while (total < count && (n = file.Read(buffer, offset + total, count - total)) > 0)
                    {
                        total += n;
                    }

                    return total;
                }
            }
            catch (Exception)
            {
                return -1;
            }
        }

        public bool Append(string name, byte[] buffer, int offset, int count)
        {
            try
            {
                using (var file = new FileStream(Recover(name), FileMode.Append, FileAccess.Write))
                {
                    file.Write(buffer, offset, count);
                    file.Flush();
                }

                return true;
            }
            catch (Exception)
            {
                return false;
            }
        }

        public bool Replace(string name, byte[] buffer, int offset, int count)
        {
            try
            {
                string path = Recover(name);
                using (var file = new FileStream(path + NewSuffix, FileMode.Create, FileAccess.Write))
                {
                    file.Write(buffer, offset, count);
                    file.Flush();
                }

                if (File.Exists(path))
                {
                    File.Move(path, path + OldSuffix);
                }

                File.Move(path + NewSuffix, path);
                DeleteIfThere(path + OldSuffix);
                return true;
            }
            catch (Exception)
            {
                return false;
            }
        }

        public bool Delete(string name)
        {
            try
            {
                string path = Recover(name);
                DeleteIfThere(path);
                return true;
            }
            catch (Exception)
            {
                return false;
            }
        }

        /// <summary>Finishes or undoes a replace a power cut interrupted, and returns the file's path.</summary>
        private string Recover(string name)
        {
            string path = _root + "\\" + name;
            bool old = File.Exists(path + OldSuffix);
            if (File.Exists(path))
            {
                // The replace was complete but for its tidying up.
                DeleteIfThere(path + NewSuffix);
            }
            else if (old)
            {
                // NAME.new was complete before the old file was renamed away; without it, go back.
                File.Move(File.Exists(path + NewSuffix) ? path + NewSuffix : path + OldSuffix, path);
            }
            else
            {
                // Cut while writing NAME.new for a file that did not exist: the old content is no file.
                DeleteIfThere(path + NewSuffix);
            }

            DeleteIfThere(path + OldSuffix);
            return path;
        }

        private static void DeleteIfThere(string path)
        {
            if (File.Exists(path))
            {
                File.Delete(path);
            }
        }
    }
}
