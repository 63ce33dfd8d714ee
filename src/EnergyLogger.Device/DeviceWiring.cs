using System.Device.Gpio;
using System.IO.Ports;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using EnergyLogger.Core.Modbus;
using EnergyLogger.Core.Ota;
using EnergyLogger.Core.Ports;
using EnergyLogger.Core.Provisioning;
using EnergyLogger.Core.Registers;
using EnergyLogger.Core.Runtime;
using EnergyLogger.Device.Adapters;
using nanoFramework.Runtime.Native;

// Core has a map-side SerialParity as well; the line is set from the installer's settings.
using SerialParity = EnergyLogger.Core.Provisioning.SerialParity;

namespace EnergyLogger.Device
{
    /// <summary>The board's adapters as Core's <see cref="RuntimePorts"/>, from the boot's settings and the image the loader started.</summary>
    internal sealed class DeviceWiring
    {
        /// <summary>The factory image's version; an image from a slot runs under the version its signed manifest names.</summary>
        public const string FirmwareVersion = "0.1.0";

        /// <summary>Boots a new image gets to confirm itself; the loader rolls it back on the next one (src/EnergyLogger.Loader).</summary>
        public const int TrialBoots = 3;

        /// <summary>The wait for an update server's response headers and for each read of the package.</summary>
        public const int DownloadTimeoutMs = 20000;

        /// <summary>The wait for an InfluxDB server's connection and request, and again for its answer.</summary>
        public const int InfluxTimeoutMs = 10000;

        /// <summary>The device type update manifests must name.</summary>
        public const string Target = "esp32s3";

        /// <summary>The internal LittleFS drive the data folder is on.</summary>
        public const string Drive = "I:\\";

        private readonly BootContext _boot;
        private readonly IFileStore _files;
        private readonly IClock _clock;
        private readonly INetwork _network;
        private readonly IReboot _reboot;
        private readonly Log _log;
        private readonly GpioController _gpio = new GpioController();
        private readonly FileImageSlots _slots;
        private readonly string _runningVersion;
        private readonly X509Certificate _ca;

        /// <param name="booted">The image the loader started (ImageSlot.Factory when the application was deployed alone).</param>
        public DeviceWiring(BootContext boot, IFileStore files, IClock clock, INetwork network, IReboot reboot, Log log, ImageSlot booted)
        {
            _boot = boot;
            _files = files;
            _clock = clock;
            _network = network;
            _reboot = reboot;
            _log = log;
            _slots = new FileImageSlots(files, TrialBoots, booted);
            UpdateManifest manifest = booted == ImageSlot.Factory ? null : StoredManifest.Read(_slots, booted);
            _runningVersion = manifest == null ? FirmwareVersion : manifest.Version.Text;

            // A PEM bundle may name the roots of the broker, the update server and the InfluxDB server.
            string ca = boot.Settings.MqttCaPem;
            _ca = ca.Length == 0 ? null : TrustedCa.Parse(Encoding.UTF8.GetBytes(ca));
        }

        /// <summary>The build names the nanoCLR it runs on: an image must match the firmware's native libraries.</summary>
        public FirmwareIdentity Firmware()
        {
            return new FirmwareIdentity(_runningVersion, "nanoCLR " + SystemInfo.Version.ToString());
        }

        public RuntimePorts Ports()
        {
            return new RuntimePorts
            {
                Clock = _clock,
                Files = _files,
                Mqtt = new M2MqttSession(),
                Network = _network,
                Reboot = _reboot,
                Log = _log,
                Buses = _boot.Mode == RunMode.Normal ? new[] { Bus(_boot.Settings) } : null,
                Leds = new GpioLeds(_gpio, IndicatorPins.Leds, IndicatorPins.LedsActiveLow),
                Button = new GpioButton(_gpio, IndicatorPins.ResetButton),
                Memory = new ManagedHeap(Drive),
                Updater = Updater(),

                // Always there, since a cloud config may name a destination the settings do not: the loop writes only
                // when one of them does (RuntimePorts.InfluxEndpoint stays null on the dongle), and an idle poster holds
                // no thread and no buffer.
                Influx = new InfluxHttpPost(_ca, InfluxTimeoutMs),
            };
        }

        /// <summary>
        /// The OTA updater over the file slots on I:\el: packages come over HTTPS checked against the settings' CA, or the
        /// device's certificate store without one, and must be signed with the compiled-in <see cref="ReleaseKey"/>.
        /// </summary>
        private IUpdater Updater()
        {
            var http = new HttpsDownloader(_ca, DownloadTimeoutMs);
            var options = new UpdateOptions
            {
                PublicKey = ReleaseKey.Point,
                Target = Target,
                RunningVersion = SemanticVersion.Parse(_runningVersion),
            };
            return new OtaUpdater(_slots, http, DownloadTimeoutMs, _clock, options, _log);
        }

        /// <summary>The map file on the drive, if there is one and it passes validation; null otherwise.</summary>
        public RegisterMap StoredMap()
        {
            return Core.Runtime.StoredMap.Load(_files, _boot.Mode, _log);
        }

        /// <summary>
        /// The external watchdog on <paramref name="gpio"/> (the <c>watchdog.gpio</c> setting), or null when none is
        /// fitted or the pin is one the board uses already. Call after <see cref="Ports"/>, which opens the LED and
        /// button pins.
        /// </summary>
        public IWatchdog Watchdog(int gpio)
        {
            if (gpio < 0)
            {
                return null;
            }

            if (BoardPins.IsRs485(gpio) || _gpio.IsPinOpen(gpio))
            {
                _log.Write(LogLevel.Error, "watchdog", "watchdog.gpio is already in use on this board; running without the watchdog", "gpio", gpio.ToString());
                return null;
            }

            return new GpioWatchdog(_gpio, gpio);
        }

        /// <summary>The RS-485 line as the installer set it; the master times frames by the same baud rate and character length.</summary>
        private ModbusMaster Bus(DeviceSettings settings)
        {
            var link = new Rs485Link(BoardPins.Rs485ComPort, BoardPins.Rs485Rx, BoardPins.Rs485Tx, BoardPins.Rs485DriverEnable,
                settings.SerialBaud, ParityOf(settings.Parity), settings.StopBits == 2 ? StopBits.Two : StopBits.One);
            var options = new MasterOptions
            {
                BaudRate = settings.SerialBaud,
                BitsPerChar = RtuTiming.BitsPerChar(settings.Parity != SerialParity.None, settings.StopBits),
            };
            return new ModbusMaster(link, _clock, new RtuFramer(), options);
        }

        private static Parity ParityOf(SerialParity parity)
        {
            return parity == SerialParity.Even ? Parity.Even : parity == SerialParity.Odd ? Parity.Odd : Parity.None;
        }
    }
}
