namespace EnergyLogger.Core.Cloud
{
    /// <summary>Where a cloud configuration goes once <see cref="ConfigApplier"/> has validated and stored it.</summary>
    public interface IConfigTarget
    {
        /// <summary>The id of the configuration in use, null when there is none; every config pull names it (RFC 7).</summary>
        string ConfigId { get; }

        /// <summary>A validated, stored configuration: its id becomes <see cref="ConfigId"/>; it takes effect at the next cycle boundary.</summary>
        void ApplyConfig(CloudConfig config);
    }
}
