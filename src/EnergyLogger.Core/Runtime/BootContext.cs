using EnergyLogger.Core.Ports;
using EnergyLogger.Core.Provisioning;

namespace EnergyLogger.Core.Runtime
{
    /// <summary>
    /// What a boot starts from, read before anything else is brought up: the boot journal (this boot counted,
    /// the previous run's end), the settings with where they came from, and so the mode; the label, and so
    /// whether the access point is up. The device brings up the access point from <see cref="AccessPointMs"/>
    /// and the station from <see cref="Mode"/>, then builds the <see cref="MainLoop"/>.
    /// </summary>
    public sealed class BootContext
    {
        private BootContext(BootJournal journal, SettingsRepository store, DeviceSettings settings, SettingsSource source, RunMode mode, DeviceLabel label)
        {
            Journal = journal;
            SettingsStore = store;
            Settings = settings;
            Source = source;
            Mode = mode;
            Label = label;
        }

        public BootJournal Journal { get; }

        public SettingsRepository SettingsStore { get; }

        public DeviceSettings Settings { get; }

        public SettingsSource Source { get; }

        public RunMode Mode { get; }

        /// <summary>The access point's key and the code of port 4242, as the OEM gave them.</summary>
        public DeviceLabel Label { get; }

        /// <summary>How long the provisioning access point is up from this boot on; 0 when it stays down (<see cref="AccessPointWindow.AtBoot"/>).</summary>
        public int AccessPointMs { get; private set; }

        /// <summary>Counts this boot, loads the settings, picks the mode, and logs the boot record with the previous run's end.</summary>
        public static BootContext Read(IFileStore files, RuntimeOptions options, Log log)
        {
            var journal = new BootJournal(files, options.MaxFailedBoots);
            journal.Begin();
            var store = new SettingsRepository(files);
            DeviceSettings settings;
            SettingsSource source = store.Load(out settings);
            var boot = new BootContext(journal, store, settings, source, RunModes.For(settings, journal), DeviceLabel.Load(files));
            int carried = AccessPointRecord.Take(files);
            boot.AccessPointMs = AccessPointWindow.AtBoot(boot.Mode, journal.PreviousReason, boot.Label, carried, options.AccessPointWindowMs);
            log.Write(LogLevel.Info, "boot", "starting", new[]
            {
                "mode", RunModes.Text(boot.Mode), "boot", journal.Boots.ToString(), "reset", ResetReasonText.Of(journal.PreviousReason),
                "detail", journal.PreviousDetail, "failed_boots", journal.FailedBootsBefore.ToString(), "settings", SourceText(source),
            });
            if (boot.Label.Status == LabelStatus.Unreadable)
            {
                log.Write(LogLevel.Error, "boot", "label record unreadable: the access point stays down and port 4242 refuses every session",
                    "problem", RecordStatusText.Of(boot.Label.Problem));
            }

            return boot;
        }

        private static string SourceText(SettingsSource source)
        {
            switch (source)
            {
                case SettingsSource.Current: return "current";
                case SettingsSource.LastGood: return "last-good";
                default: return "none";
            }
        }
    }
}
