namespace EnergyLogger.Core.Cloud
{
    /// <summary>The provisioning access point as the cloud's <c>start_ap</c> and <c>stop_ap</c> drive it.</summary>
    public interface IAccessPointControl
    {
        /// <summary>Why the access point cannot open on this logger, or null when it can.</summary>
        string Unavailable { get; }

        bool IsOpen { get; }

        /// <summary>The access point asks for the WPA2 key on the label; false when it is open to anyone.</summary>
        bool KeyRequired { get; }

        /// <summary>Port 4242 asks for the label's code before anything else.</summary>
        bool CodeRequired { get; }

        /// <summary>Opens it, or keeps it open, for <paramref name="ms"/> from now; true when a restart brings it up.</summary>
        bool Open(int ms, string why);

        /// <summary>Closes it now; true when a restart takes it down.</summary>
        bool Close(string why);
    }
}
