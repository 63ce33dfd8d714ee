namespace EnergyLogger.Core.Ota
{
    /// <summary>
    /// Whether a verified manifest may be installed on this device: the right target, not the running
    /// version, no downgrade unless the offer allows it, and a running firmware at least the manifest's
    /// minimum. The device and <c>energylogger ota verify</c> apply the same rules.
    /// </summary>
    public static class UpdatePolicy
    {
        public static UpdateStatus Check(UpdateManifest manifest, string target, SemanticVersion running, bool allowDowngrade)
        {
            if (manifest.Target != target)
            {
                return UpdateStatus.WrongTarget;
            }

            UpdateStatus version = CheckVersion(manifest.Version, running, allowDowngrade);
            if (version != UpdateStatus.Ok)
            {
                return version;
            }

            return running.CompareTo(manifest.MinFirmware) < 0 ? UpdateStatus.Incompatible : UpdateStatus.Ok;
        }

        /// <summary>The version rule alone, so that an offer can be refused before anything is downloaded.</summary>
        public static UpdateStatus CheckVersion(SemanticVersion offered, SemanticVersion running, bool allowDowngrade)
        {
            int order = offered.CompareTo(running);
            if (order == 0)
            {
                return UpdateStatus.UpToDate;
            }

            return order < 0 && !allowDowngrade ? UpdateStatus.Downgrade : UpdateStatus.Ok;
        }
    }
}
