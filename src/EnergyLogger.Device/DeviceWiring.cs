using System.Device.Gpio;
using System.IO.Ports;
using EnergyLogger.Core.Modbus;
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
    /// <summary>The board's adapters as Core's <see cref="RuntimePorts"/>, from the boot's settings.</summary>
    internal sealed class DeviceWiring
    {
        /// <summary>The application's version; OTA manifests and offers are compared with it (docs/ota.md).</summary>
        public const string FirmwareVersion = "0.1.0";

        /// <summary>The register map polled until the cloud sends one; put on the drive with nanoff's file deployment.</summary>
        public const string MapFile = "map.json";

        private readonly BootContext _boot;
        private readonly IFileStore _files;
        private readonly IClock _clock;
        private readonly INetwork _network;
        private readonly IReboot _reboot;
        private readonly Log _log;
        private readonly GpioController _gpio = new GpioController();

        public DeviceWiring(BootContext boot, IFileStore files, IClock clock, INetwork network, IReboot reboot, Log log)
        {
            _boot = boot;
            _files = files;
            _clock = clock;
            _network = network;
            _reboot = reboot;
            _log = log;
        }

        /// <summary>The build names the nanoCLR it runs on: an image must match the firmware's native libraries.</summary>
        public static FirmwareIdentity Firmware()
        {
            return new FirmwareIdentity(FirmwareVersion, "nanoCLR " + SystemInfo.Version.ToString());
        }

        /// <summary>
        /// No OTA updater yet: Core has the update agent (<c>Ota.UpdateAgent</c>) and this board has its downloader
        /// (<see cref="HttpsDownloader"/>), but nothing in Core adapts the agent to <see cref="IUpdater"/> so far.
        /// </summary>
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
                Memory = new ManagedHeap(),
            };
        }

        /// <summary>The map file on the drive, if there is one and it passes validation; null otherwise.</summary>
        public RegisterMap StoredMap()
        {
            int length = _boot.Mode == RunMode.Provisioning ? -1 : _files.Length(MapFile);
            if (length <= 0)
            {
                return null;
            }

            var text = new byte[length];
            MapError error = null;
            RegisterMap map = _files.Read(MapFile, 0, text, 0, length) == length ? RegisterMapLoader.Load(text, 0, length, out error) : null;
            if (map == null)
            {
                _log.Write(LogLevel.Error, "config", "map file refused", "file", MapFile, "error", error == null ? "unreadable" : error.Message);
            }

            return map;
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
