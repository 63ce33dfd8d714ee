using System;
using System.Threading;
using EnergyLogger.Core.Ota;
using EnergyLogger.Core.Runtime;
using EnergyLogger.Device.Adapters;
using Iot.Device.DhcpServer;

namespace EnergyLogger.Device
{
    /// <summary>
    /// Entry point on the dongle (docs/device.md, "Start-up"). The boot journal and the settings decide the mode;
    /// the Wi-Fi is put into that mode (the ESP32 reads it only when Wi-Fi starts, so a change costs one reboot);
    /// the adapters are wired into Core's main loop; the supervisor thread starts; then the network comes up and
    /// the loop runs on this thread until it restarts the board. The loader (src/EnergyLogger.Loader) enters through
    /// <see cref="Start"/> with the image slot it started; <see cref="Main"/> is a deployment of the application alone.
    /// </summary>
    public static class Program
    {
        private const string DataFolder = "I:\\el";
        private const int JoinTimeoutMs = 60000;
        private const int ProvisioningSessions = 2;
        private const int ProvisioningIdleMs = 60000;

        // Held for the life of the application: the server runs on threads of its own.
        private static DhcpServer _dhcp;

        /// <summary>The application deployed without the loader runs as the factory image: it can stage updates, but only the loader starts them.</summary>
        public static void Main()
        {
            Start((int)ImageSlot.Factory);
        }

        /// <summary>The loader's entry point (found by name, invoked by reflection): <paramref name="bootedSlot"/> is an <see cref="ImageSlot"/>.</summary>
        public static void Start(int bootedSlot)
        {
            var clock = new DeviceClock();
            var log = new Log(new ConsoleLog(), clock);
            var reboot = new DeviceReboot();
            BootJournal journal = null;
            try
            {
                var files = new FlashFileStore(DataFolder);
                var options = new RuntimeOptions();
                BootContext boot = BootContext.Read(files, options, log);
                journal = boot.Journal;
                Run(boot, files, clock, log, reboot, options, (ImageSlot)bootedSlot);
            }
            catch (Exception e)
            {
                // A failure before the loop runs (the loop stores its own faults): record it and start again.
                log.Write(LogLevel.Error, "boot", "start-up failed; rebooting", "error", e.Message);
                if (journal != null)
                {
                    journal.RecordRestart(ResetReason.Fault, "start-up: " + e.Message);
                }

                reboot.Reboot();
            }
        }

        private static void Run(BootContext boot, FlashFileStore files, DeviceClock clock, Log log, DeviceReboot reboot, RuntimeOptions options,
            ImageSlot booted)
        {
            var network = new WifiNetwork();
            bool changed = boot.Mode == RunMode.Provisioning
                ? SoftAccessPoint.Enable(SoftAccessPoint.SsidFor(network.Mac))
                : SoftAccessPoint.Disable();
            if (changed)
            {
                log.Write(LogLevel.Info, "wifi", "access point configuration changed; rebooting", "mode", RunModes.Text(boot.Mode));
                boot.Journal.RecordRestart(ResetReason.Provisioned, "Wi-Fi set up for " + RunModes.Text(boot.Mode) + " mode");
                reboot.Reboot();
                return;
            }

            var wiring = new DeviceWiring(boot, files, clock, network, reboot, log, booted);
            var loop = new MainLoop(boot, wiring.StoredMap(), wiring.Ports(), wiring.Firmware(), options);

            // Started before the Wi-Fi join, so that the external watchdog is fed while the station joins.
            var supervisor = new Supervisor(loop.Heartbeat, clock, wiring.Watchdog(boot.Settings.WatchdogGpio), boot.Journal, reboot, log, options);
            new Thread(supervisor.Run).Start();

            BringUpNetwork(boot, network, log, loop);
            if (boot.Mode != RunMode.Normal)
            {
                new ProvisioningServer(boot.SettingsStore, clock, ProvisioningSessions, ProvisioningIdleMs, () => Applied(loop)).Start();
            }

            loop.Run();
        }

        private static void BringUpNetwork(BootContext boot, WifiNetwork network, Log log, MainLoop loop)
        {
            if (boot.Mode == RunMode.Provisioning)
            {
                network.MarkAccessPoint();
                _dhcp = SoftAccessPoint.StartDhcp();
                if (_dhcp == null)
                {
                    // Seen on freshly flashed boards; a restart brings the access point up properly.
                    loop.RequestRestart(ResetReason.Fault, "the DHCP server of the access point did not start");
                }

                return;
            }

            string ssid = boot.Settings.WifiSsid;
            if (network.Join(ssid, boot.Settings.WifiKey, JoinTimeoutMs))
            {
                log.Write(LogLevel.Info, "wifi", "joined", "ssid", ssid, "ip", network.Ip);
            }
            else
            {
                log.Write(LogLevel.Warn, "wifi", "not joined (or no SNTP time) yet; the Wi-Fi driver keeps trying", "ssid", ssid);
            }
        }

        /// <summary>
        /// Settings were stored on port 4242: the access point is switched off for the next start, so the board
        /// comes back in station mode after one reboot, not two.
        /// </summary>
        private static void Applied(MainLoop loop)
        {
            SoftAccessPoint.Disable();
            loop.RequestRestart(ResetReason.Provisioned, "settings applied on port 4242");
        }
    }
}
