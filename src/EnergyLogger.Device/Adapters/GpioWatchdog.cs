using System.Device.Gpio;
using EnergyLogger.Core.Ports;

namespace EnergyLogger.Device.Adapters
{
    /// <summary>
    /// Feeds an external watchdog chip on a GPIO: nanoFramework on the ESP32-S3 gives managed code no hardware
    /// watchdog (its HAL watchdog is a no-op and the ESP-IDF task watchdog is disabled in the firmware). Every
    /// feed flips the pin, which suits chips that count any edge on WDI (TPS3823, MAX6369, STWD100 class). The
    /// chip's timeout must cover the time from reset to the first feed (see docs/device.md).
    /// </summary>
    public sealed class GpioWatchdog : IWatchdog
    {
        private readonly GpioPin _pin;
        private bool _high;

        public GpioWatchdog(GpioController gpio, int pin)
        {
            _pin = gpio.OpenPin(pin, PinMode.Output);
            _pin.Write(PinValue.Low);
        }

        /// <summary>Called from the supervisor thread only.</summary>
        public void Feed()
        {
            _high = !_high;
            _pin.Write(_high ? PinValue.High : PinValue.Low);
        }
    }
}
