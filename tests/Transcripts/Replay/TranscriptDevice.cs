// Shared with the nanoFramework test assemblies: C# 9, no generics, no nullable annotations.
#nullable disable
using EnergyLogger.Core.Ports;

namespace EnergyLogger.Transcripts
{
    /// <summary>Console records (<c>log&gt;</c>), without the <c>t=</c> field that the <c>clock</c> lines already give.</summary>
    public sealed class TranscriptLog : ILog
    {
        private readonly TranscriptWriter _out;

        public TranscriptLog(TranscriptWriter output)
        {
            _out = output;
        }

        public void WriteLine(string line)
        {
            int start = 0;
            if (line.StartsWith("t="))
            {
                int space = line.IndexOf(' ');
                start = space < 0 ? line.Length : space + 1;
            }

            _out.Record("log> " + line.Substring(start));
        }
    }

    /// <summary>A restart of the board (<c>reboot</c>).</summary>
    public sealed class TranscriptReboot : IReboot
    {
        private readonly TranscriptWriter _out;

        public TranscriptReboot(TranscriptWriter output)
        {
            _out = output;
        }

        public int Count { get; private set; }

        public void Reboot()
        {
            Count++;
            _out.Record("reboot");
        }
    }

    /// <summary>The external watchdog chip: feeds are counted, not recorded one by one.</summary>
    public sealed class TranscriptWatchdog : IWatchdog
    {
        public int Feeds { get; set; }

        public void Feed()
        {
            Feeds++;
        }
    }

    /// <summary>The Wi-Fi as a joined station (or the access point in provisioning mode), with a fixed MAC and address.</summary>
    public sealed class TranscriptNetwork : INetwork
    {
        private static readonly byte[] FixedMac = { 0x24, 0x6F, 0x28, 0xAB, 0xCD, 0xEF };

        public NetworkState State { get; set; }

        public int Rssi => State == NetworkState.Connected ? -63 : 0;

        public byte[] Mac => FixedMac;

        public string Ip => State == NetworkState.AccessPoint ? "192.168.4.1" : "192.168.1.77";

        public string Ssid => State == NetworkState.Connected ? "Home Net" : null;

        public int Channel => State == NetworkState.Connected ? 6 : 0;

        /// <summary>No transcript changes the network; a join keeps the station where it is.</summary>
        public void Join(string ssid, string key)
        {
        }

        public bool StartScan()
        {
            return false;
        }

        public ScannedNetwork[] ScanResults => null;
    }

    /// <summary>LEDs are seen through the loop's <c>leds</c> records; the reset button is a level the script sets.</summary>
    public sealed class TranscriptPanel : ILeds, IButton, IMemoryInfo
    {
        public bool IsPressed { get; set; }

        public long FreeBytes => 123456;

        public long FreeFlashBytes => 1500000;

        public void Set(Led led, bool on)
        {
        }
    }
}
