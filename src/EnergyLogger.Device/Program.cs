using System;
using System.Threading;
using EnergyLogger.Core.Cloud;
using EnergyLogger.Core.Local;
using EnergyLogger.Core.Ota;
using EnergyLogger.Core.Provisioning;
using EnergyLogger.Core.Runtime;
using EnergyLogger.Device.Adapters;
using Iot.Device.DhcpServer;

namespace EnergyLogger.Device
{
    /// <summary>
    /// Entry point on the dongle (docs/device.md, "Start-up"). The boot journal and the settings decide the mode, and
    /// with the label whether the access point is up; the Wi-Fi is set up so (the ESP32 reads it only when Wi-Fi
    /// starts, so a change costs one reboot); the adapters are wired into Core's main loop; the supervisor thread
    /// starts; then the network comes up and the loop runs on this thread until it restarts the board. The loader (src/EnergyLogger.Loader) enters through
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
                options.ShareOutboxes(RuntimeOptions.DongleOutboxBytes);
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
            var accessPoint = new SoftAccessPoint(SoftAccessPoint.SsidFor(network.Mac));
            bool up = boot.AccessPointMs > 0;
            if (up ? accessPoint.Open(boot.Label.ApKey) : accessPoint.Close())
            {
                log.Write(LogLevel.Info, "wifi", "access point configuration changed; rebooting", "access_point", up ? "up" : "down");
                AccessPointWindow.CarryAcrossRestart(boot, files);
                reboot.Reboot();
                return;
            }

            var wiring = new DeviceWiring(boot, files, clock, network, reboot, log, booted);
            RuntimePorts ports = wiring.Ports();
            ports.AccessPoint = accessPoint;
            var loop = new MainLoop(boot, wiring.StoredMap(), ports, wiring.Firmware(), options);

            // Started before the Wi-Fi join, so that the external watchdog is fed while the station joins.
            var supervisor = new Supervisor(loop.Heartbeat, clock, wiring.Watchdog(boot.Settings.WatchdogGpio), boot.Journal, reboot, log, options);
            new Thread(supervisor.Run).Start();

            BringUpNetwork(boot, network, log, loop);

            // Port 4242 is served while the access point is up, and in safe mode on the home network. One gate for
            // the listener, so wrong codes count across its connections.
            if (up || boot.Mode == RunMode.Safe)
            {
                var gate = new AuthGate(boot.Label, clock);
                new ProvisioningServer(boot.SettingsStore, clock, gate, ProvisioningSessions, ProvisioningIdleMs, loop.SettingsApplied).Start();
            }

            // The status page and /api/status while the setting local.http or the cloud config turns them on (docs/local-access.md).
            if (loop.Status != null)
            {
                new StatusHttpServer(boot.Settings.LocalHttpPort, loop.Status, loop.StatusPage, clock, log).Start();
            }

            // The local MODBUS TCP server follows the settings and the cloud config: started after the join, since a
            // listening socket bound before the interface is up does not accept.
            if (loop.Local != null)
            {
                new ModbusTcpServer(loop.Local, clock, log).Start();

                // mDNS: energy-logger-xxxx.local with _energylogger._tcp and, while the server runs, _modbus._tcp.
                var responder = new MdnsResponder(network.Mac, wiring.Firmware().Version, CloudSettings.MacText(network.Mac), 0);
                new MdnsAnnouncer(responder, network, loop.Local.Switch, loop.StatusPage, boot.Settings.LocalHttpPort, log).Start();
            }

            loop.Run();
        }

        private static void BringUpNetwork(BootContext boot, WifiNetwork network, Log log, MainLoop loop)
        {
            if (boot.AccessPointMs > 0)
            {
                if (boot.Mode == RunMode.Provisioning)
                {
                    network.MarkAccessPoint();
                }

                _dhcp = SoftAccessPoint.StartDhcp();
                if (_dhcp == null)
                {
                    // Seen on freshly flashed boards; a restart brings the access point up properly.
                    loop.RequestRestart(ResetReason.Fault, "the DHCP server of the access point did not start");
                }
            }

            if (boot.Mode == RunMode.Provisioning)
            {
                return;
            }

            string ssid = boot.Settings.WifiSsid;
            if (network.JoinBlocking(ssid, boot.Settings.WifiKey, JoinTimeoutMs))
            {
                log.Write(LogLevel.Info, "wifi", "joined", "ssid", ssid, "ip", network.Ip);
            }
            else
            {
                log.Write(LogLevel.Warn, "wifi", "not joined (or no SNTP time) yet; the Wi-Fi driver keeps trying", "ssid", ssid);
            }
        }
    }
}
