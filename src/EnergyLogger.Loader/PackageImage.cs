using System;
using System.Reflection;
using EnergyLogger.Core.Ota;
using EnergyLogger.Core.Ports;

namespace EnergyLogger.Loader
{
    /// <summary>
    /// Loads the application image of a stored update package: a slot's package (FileImageSlots.ReadSlot), or the
    /// factory package deployed with nanoff's file deployment as I:\el\factory.elup. The package's header gives the
    /// manifest length, the image follows it, and <see cref="AssemblyImage"/> splits it into assemblies. Every header
    /// is checked before the first assembly is loaded, so a damaged image is refused while nothing of it is loaded.
    /// </summary>
    internal sealed class PackageImage
    {
        public const string FactoryPackage = "factory.elup";

        private const string EntryType = "EnergyLogger.Device.Program";
        private const string EntryMethod = "Start";

        private readonly IFileStore _store;
        private readonly FileImageSlots _slots;
        private readonly byte[] _head = new byte[AssemblyImage.HeaderLength];
        private readonly int[] _positions = new int[AssemblyImage.MaxAssemblies];
        private readonly int[] _lengths = new int[AssemblyImage.MaxAssemblies];

        public PackageImage(IFileStore store, FileImageSlots slots)
        {
            _store = store;
            _slots = slots;
        }

        /// <summary>Assemblies loaded so far in this run; once one is, no other image can be loaded until a reboot.</summary>
        public int Loaded { get; private set; }

        public static string SlotName(ImageSlot slot)
        {
            return slot == ImageSlot.A ? "a" : slot == ImageSlot.B ? "b" : "factory";
        }

        /// <summary>Loads the image of <paramref name="slot"/> and returns the application's entry point, or null.</summary>
        public MethodInfo Load(ImageSlot slot)
        {
            int count = Plan(slot);
            if (count <= 0)
            {
                return null;
            }

            MethodInfo entry = null;
            for (int i = 0; i < count; i++)
            {
                byte[] pe = new byte[_lengths[i]];
                if (Read(slot, _positions[i], pe, 0, pe.Length) != pe.Length)
                {
                    return null;
                }

                Assembly assembly;
                try
                {
                    assembly = Assembly.Load(pe);
                }
                catch (Exception e)
                {
                    Console.WriteLine("lvl=error src=loader msg=\"assembly refused\" slot=" + SlotName(slot) + " index=" + i.ToString() + " error=\"" + e.Message + "\"");
                    return null;
                }

                Loaded++;
                Type type = assembly.GetType(EntryType);
                if (type != null)
                {
                    entry = type.GetMethod(EntryMethod);
                }
            }

            return entry;
        }

        /// <summary>Where each assembly of the image is and how long it is; 0 when the package or any header is unusable.</summary>
        private int Plan(ImageSlot slot)
        {
            int manifestLength;
            if (Read(slot, 0, _head, 0, UpdatePackage.HeaderLength) != UpdatePackage.HeaderLength
                || UpdatePackage.ReadHeader(_head, 0, UpdatePackage.HeaderLength, out manifestLength) != UpdateStatus.Ok)
            {
                return 0;
            }

            int position = UpdatePackage.HeaderLength + manifestLength;
            int end = UpdatePackage.HeaderLength + manifestLength + UpdatePackage.MaxImageLength;
            int count = 0;
            while (true)
            {
                int got = Read(slot, position, _head, 0, _head.Length);
                if (got == 0 && count > 0)
                {
                    return count;
                }

                int length = count < AssemblyImage.MaxAssemblies ? AssemblyImage.Length(_head, 0, got, end - position) : -1;
                if (length < 0)
                {
                    return 0;
                }

                _positions[count] = position;
                _lengths[count] = length;
                count++;
                position = AssemblyImage.Next(position, length);
            }
        }

        private int Read(ImageSlot slot, int position, byte[] buffer, int offset, int count)
        {
            return slot == ImageSlot.Factory ? _store.Read(FactoryPackage, position, buffer, offset, count) : _slots.ReadSlot(slot, position, buffer, offset, count);
        }
    }
}
