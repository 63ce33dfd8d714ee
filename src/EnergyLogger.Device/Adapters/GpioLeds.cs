using System.Device.Gpio;
using EnergyLogger.Core.Ports;

namespace EnergyLogger.Device.Adapters
{
    /// <summary>The six status LEDs on GPIO outputs.</summary>
    public sealed class GpioLeds : ILeds
    {
        private readonly GpioPin[] _pins;
        private readonly bool _activeLow;

        /// <param name="pins">GPIO numbers in <see cref="Led"/> order.</param>
        /// <param name="activeLow">True when an LED lights with its pin low (wired to the supply).</param>
        public GpioLeds(GpioController gpio, int[] pins, bool activeLow)
        {
            _activeLow = activeLow;
            _pins = new GpioPin[pins.Length];
            for (int i = 0; i < pins.Length; i++)
            {
                _pins[i] = gpio.OpenPin(pins[i], PinMode.Output);
                _pins[i].Write(activeLow ? PinValue.High : PinValue.Low);
            }
        }

        public void Set(Led led, bool on)
        {
            _pins[(int)led].Write(on != _activeLow ? PinValue.High : PinValue.Low);
        }
    }
}
