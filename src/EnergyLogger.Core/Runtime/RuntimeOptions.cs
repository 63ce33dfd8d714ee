using EnergyLogger.Core.Cloud;

namespace EnergyLogger.Core.Runtime
{
    /// <summary>The main loop's timing, the supervisor's limits and the sizes of what the loop owns (docs/runtime.md).</summary>
    public sealed class RuntimeOptions
    {
        /// <summary>
        /// An idle iteration's length: the LEDs blink at 4 Hz at the fastest and the reset button is debounced
        /// over 50 ms, so the loop comes round at least this often when nothing else is due.
        /// </summary>
        public int TickMs = 50;

        /// <summary>
        /// Work that can wait (an OTA step, the metadata refresh) starts only while the iteration has used less
        /// than this; a poll cycle or a slow connect therefore pushes it to the next, idle iteration.
        /// </summary>
        public int IterationBudgetMs = 1000;

        /// <summary>
        /// The supervisor reboots after this long without a heartbeat. The loop beats before every phase, and the
        /// longest legitimate phase is a TLS connect (15 s) or a remote write with read-back and restore (12 s at
        /// 1 s timeouts and 2 retries), so two minutes never fires on a healthy loop. An OTA step, which may check a
        /// signature for many seconds on the device, announces its own allowance (IUpdater.LongestStepMs) with its beat.
        /// </summary>
        public int StallMs = 120000;

        /// <summary>How often the supervisor checks, and so how often it feeds the external watchdog.</summary>
        public int SupervisorPeriodMs = 1000;

        /// <summary>Failed boots in a row after which the next boot runs in safe mode.</summary>
        public int MaxFailedBoots = 3;

        /// <summary>The port the provisioning sessions listen on, named in the reason of the restart an apply asks for.</summary>
        public int ProvisioningPort = 4242;

        /// <summary>How often safe mode says again why it is on and how to leave it (it says so first at its start).</summary>
        public int SafeModeNoticeMs = 600000;

        /// <summary>
        /// The deliberate restarts that leave safe mode, as its notice lists them (kept short: the notice repeats). The
        /// host adds its clean stop, which the board does not have.
        /// </summary>
        public string SafeModeExit = "reboot command, settings on port 4242, update or factory reset";

        /// <summary>A boot is proven (the failure count cleared) once the loop has run this long.</summary>
        public int ProvenAfterMs = 120000;

        /// <summary>Metadata and diagnostics are published again this often while the link is up (and on every connect).</summary>
        public int MetadataIntervalMs = 3600000;

        /// <summary>The cycle period when no poll class has a period of its own.</summary>
        public int DefaultCyclePeriodMs = 5000;

        /// <summary>A slave that answered within this many cycle periods lights the MODBUS LED.</summary>
        public int ModbusLedCycles = 3;

        /// <summary>
        /// How long the provisioning access point stays up at power-up without settings, after a factory reset and after
        /// a short press of the button (docs/provisioning.md, "The window").
        /// </summary>
        public int AccessPointWindowMs = 1800000;

        public PollOptions Poll = new PollOptions();

        /// <summary>The cloud's outboxes: the logger's own alone has this cap, devices with an endpoint of their own share it with it (<see cref="OutboxShelf"/>).</summary>
        public OutboxOptions Outbox = new OutboxOptions();

        /// <summary>
        /// The InfluxDB writer's outbox (prefix "ix"): 8 segments of 16 KB, 128 KB, a quarter of the cloud's default. The
        /// database is on the home network, where outages are a reboot or an update long, not the week offline the
        /// cloud's outbox is sized for; 128 KB holds about 7 hours of Deye samples at 10 s one by one (about 49 bytes
        /// each), a day at 60 s, and longer outages thinned into aggregates as the cloud's are (docs/local-access.md).
        /// </summary>
        public OutboxOptions InfluxOutbox = new OutboxOptions { MaxSegments = 8, FilePrefix = InfluxUplink.Prefix };

        /// <summary>
        /// The flash the dongle gives its outboxes together: a quarter of the 2 MB LittleFS volume <c>I:\</c> of the stock
        /// 8 MB partition table, as the cloud's outbox alone had before (<see cref="OutboxOptions"/>), so that the settings,
        /// the stored config and the update slots keep the room docs/ota.md counts on.
        /// </summary>
        public const int DongleOutboxBytes = 512 * 1024;

        /// <summary>
        /// Fits the outboxes into <paramref name="budgetBytes"/> of flash: the InfluxDB writer's keeps its size, the cloud's
        /// outboxes get the rest in whole segments (on the dongle 24 of 16 KB, 384 KB, shared by the cloud's endpoints). Made
        /// whether InfluxDB is used or not, so that the cloud's outboxes keep one size across boots and never have to drop
        /// samples to shrink.
        /// </summary>
        public void ShareOutboxes(int budgetBytes)
        {
            Outbox.MaxSegments = (budgetBytes - InfluxOutbox.CapBytes) / Outbox.SegmentBytes;
        }

        /// <summary>Reconnect timing, window and reply timeout; the connection itself comes from the settings.</summary>
        public CloudSettings Cloud = new CloudSettings();

        /// <summary>Commands that may wait to be run; more are answered 429 (RELIABILITY C8).</summary>
        public int CommandQueue = 8;

        /// <summary>The largest command result in bytes (a regs_read of 125 registers needs about 900, get_diagnostics of a map with a few devices about 2500).</summary>
        public int CommandReplyBytes = 4096;

        /// <summary>How often the free heap is read for its low-water mark; each reading is a collection on the board.</summary>
        public int MemorySampleMs = 60000;

        /// <summary>
        /// How long a Wi-Fi change (<c>set_wifi</c>) may take to bring the cloud link up over the new network before the
        /// logger goes back to the one it came from: a join, DHCP and SNTP (up to 30 s on the board), then a TLS connect (up to 15 s).
        /// </summary>
        public int WifiTrialMs = 90000;

        /// <summary>How long a Wi-Fi scan (<c>wifi_scan</c>) may take before it is reported as failed.</summary>
        public int WifiScanMs = 15000;
    }
}
