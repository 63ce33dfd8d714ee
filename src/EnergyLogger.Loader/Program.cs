using System;
using System.Reflection;
using System.Threading;
using EnergyLogger.Core.Ota;
using EnergyLogger.Device.Adapters;
using nanoFramework.Runtime.Native;

namespace EnergyLogger.Loader
{
    /// <summary>
    /// The stable loader, the program of the deployment image (docs/ota.md, "The loader"). At every power-on it takes
    /// the boot decision on the file slots in I:\el (<see cref="FileImageSlots.Boot"/>: a pending image starts its
    /// trial, a trial boot is counted, an image that used its trial boots is rolled back), loads the chosen image's
    /// assemblies with Assembly.Load and enters the application at <c>EnergyLogger.Device.Program.Start</c> with the slot
    /// it started. An image that cannot be loaded gives way to the factory image. The slot and boot-record code is
    /// Core's own, compiled in from the same source files: the loader loads no EnergyLogger assembly, so an update can
    /// replace every one of them.
    /// </summary>
    public static class Program
    {
        private const string DataFolder = "I:\\el";

        /// <summary>
        /// The loader's half of the trial rule: boots a new image gets before it is rolled back. The application's
        /// own FileImageSlots never decides a boot, so only this value counts.
        /// </summary>
        private const int TrialBoots = 3;

        public static void Main()
        {
            var store = new FlashFileStore(DataFolder);
            var slots = new FileImageSlots(store, TrialBoots);
            ImageSlot booted = slots.Boot();
            var image = new PackageImage(store, slots);
            MethodInfo entry = image.Load(booted);
            if (entry == null && booted != ImageSlot.Factory && image.Loaded == 0)
            {
                Report("warn", "image not loadable; starting the factory image", booted);
                booted = ImageSlot.Factory;
                entry = image.Load(booted);
            }

            if (entry == null && image.Loaded > 0)
            {
                // Part of an image is in the runtime and cannot be unloaded: only a reboot clears it. An image on
                // trial is rolled back when its trial boots are used up.
                Report("error", "image loaded only in part; rebooting", booted);
                Power.RebootDevice();
                return;
            }

            if (entry == null)
            {
                // Nothing to run: wait, so that the board stays reachable for nanoff over USB.
                Report("error", "no loadable image; reflash with nanoff", booted);
                Thread.Sleep(Timeout.Infinite);
                return;
            }

            Report("info", "started", booted);
            entry.Invoke(null, new object[] { (int)booted });
        }

        private static void Report(string level, string message, ImageSlot slot)
        {
            Console.WriteLine("lvl=" + level + " src=loader msg=\"" + message + "\" slot=" + PackageImage.SlotName(slot));
        }
    }
}
