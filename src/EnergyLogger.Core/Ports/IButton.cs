namespace EnergyLogger.Core.Ports
{
    /// <summary>The factory-reset button, read as a level; debouncing and timing are Core's.</summary>
    public interface IButton
    {
        /// <summary>True while the button is held down (the raw, undebounced level).</summary>
        bool IsPressed { get; }
    }
}
