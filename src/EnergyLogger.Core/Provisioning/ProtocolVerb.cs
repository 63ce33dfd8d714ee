namespace EnergyLogger.Core.Provisioning
{
    /// <summary>Runs one verb with the rest of its line and returns the reply line.</summary>
    public delegate string VerbHandler(ProvisioningSession session, string argument);

    /// <summary>One row of the port-4242 verb table.</summary>
    public sealed class ProtocolVerb
    {
        public ProtocolVerb(string name, bool takesArgument, VerbHandler handler)
        {
            Name = name;
            TakesArgument = takesArgument;
            Handler = handler;
        }

        public string Name { get; }

        /// <summary>False for verbs that must stand alone on their line.</summary>
        public bool TakesArgument { get; }

        public VerbHandler Handler { get; }
    }
}
