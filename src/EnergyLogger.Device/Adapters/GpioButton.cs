using System.Device.Gpio;
using EnergyLogger.Core.Ports;

namespace EnergyLogger.Device.Adapters
{
    /// <summary>The reset button on a GPIO input that the button pulls low; Core debounces it.</summary>
    public sealed class GpioButton : IButton
    {
        private readonly GpioPin _pin;

        public GpioButton(GpioController gpio, int pin)
        {
            _pin = gpio.OpenPin(pin, PinMode.InputPullUp);
        }

        public bool IsPressed => _pin.Read() == PinValue.Low;
    }
}
