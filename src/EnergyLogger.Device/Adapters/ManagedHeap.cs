using System;
using System.IO;
using EnergyLogger.Core.Ports;

namespace EnergyLogger.Device.Adapters
{
    /// <summary>
    /// Free bytes of the nanoCLR managed heap, and of the flash drive the logger stores on. nanoFramework 1.17 reports the
    /// heap only as the result of a collection (GC.Run), so each read costs one non-compacting GC: read it for diagnostics,
    /// not per loop turn. Its <c>DriveInfo</c> gives a drive's size but not its free space, so that is estimated: the size
    /// less every file on the drive, each rounded up to whole LittleFS blocks.
    /// </summary>
    public sealed class ManagedHeap : IMemoryInfo
    {
        /// <summary>The block size of the ESP32 LittleFS volume; a file takes whole blocks.</summary>
        private const int BlockBytes = 4096;

        private readonly string _drive;

        /// <param name="drive">The drive's root, <c>I:\</c>.</param>
        public ManagedHeap(string drive)
        {
            _drive = drive;
        }

        public long FreeBytes => nanoFramework.Runtime.Native.GC.Run(false);

        public long FreeFlashBytes
        {
            get
            {
                try
                {
                    long free = new DriveInfo(_drive).TotalSize - Used(_drive);
                    return free < 0 ? 0 : free;
                }
                catch (Exception)
                {
                    return -1;
                }
            }
        }

        private static long Used(string folder)
        {
            long used = 0;
            string[] files = Directory.GetFiles(folder);
            for (int i = 0; i < files.Length; i++)
            {
                long length = new FileInfo(files[i]).Length;
                used += (length + BlockBytes - 1) / BlockBytes * BlockBytes;
            }

            string[] folders = Directory.GetDirectories(folder);
            for (int i = 0; i < folders.Length; i++)
            {
                used += BlockBytes + Used(folders[i]);
            }

            return used;
        }
    }
}
