// Shared with the nanoFramework test assemblies: C# 9, no generics, no nullable annotations.
#nullable disable
using System;
using System.Collections;
using System.Text;
using EnergyLogger.Core.Provisioning;
using EnergyLogger.Core.Runtime;

namespace EnergyLogger.Transcripts
{
    /// <summary>
    /// Plays the script of a <c>scenario loop</c> transcript on the whole firmware: the flash, the RS-485 line, the
    /// MQTT session, the update server and the port-4242 connection are the transcript's ports, and every boot
    /// builds the logger the way the board does (the loader's slot decision, <see cref="BootContext"/>, the
    /// <see cref="MainLoop"/> and its <see cref="Supervisor"/>). Script lines are copied to the output and then
    /// carried out; the ports record what happens under them. The verbs are listed in tests/Transcripts/README.md.
    /// </summary>
    public sealed partial class LoopPlayer
    {
        private readonly TranscriptWriter _out;
        private readonly ITranscriptFeed _feed;
        private readonly TranscriptClock _clock = new TranscriptClock();
        private readonly TranscriptFiles _files;
        private readonly TranscriptLink _link;
        private readonly TranscriptMqtt _mqtt;
        private readonly TranscriptHttp _http;
        private readonly TranscriptReboot _reboot;
        private readonly TranscriptWatchdog _watchdog = new TranscriptWatchdog();
        private readonly TranscriptNetwork _network = new TranscriptNetwork();
        private readonly TranscriptPanel _panel = new TranscriptPanel();

        // "option" lines, name then value, applied to the fresh RuntimeOptions of every boot.
        private readonly ArrayList _optionLines = new ArrayList();

        private readonly string[] _namedMaps;

        /// <param name="namedMaps">Maps a <c>map NAME</c> line may name, as name, JSON, name, JSON...; may be empty.</param>
        public LoopPlayer(TranscriptWriter output, ITranscriptFeed feed, string[] namedMaps)
        {
            _out = output;
            _namedMaps = namedMaps;
            _feed = feed;
            _out.Attach(_clock);
            _files = new TranscriptFiles(output);
            _link = new TranscriptLink(output, feed, _clock);
            _link.OnStall = Stalled;
            _mqtt = new TranscriptMqtt(output, feed);
            _http = new TranscriptHttp(output, feed);
            _reboot = new TranscriptReboot(output);
        }

        /// <summary>Carries out every script line of <paramref name="lines"/> (the indented, recorded lines are skipped).</summary>
        public void Play(string[] lines)
        {
            for (int i = 0; i < lines.Length; i++)
            {
                string line = lines[i];
                if (line.StartsWith(TranscriptWriter.Indent))
                {
                    continue;
                }

                _out.Script(line);
                if (line.Length != 0 && line[0] != '#')
                {
                    Do(line);
                }
            }
        }

        private void Do(string line)
        {
            string verb = TranscriptCodec.First(line);
            string rest = TranscriptCodec.Rest(line);
            switch (verb)
            {
                case "scenario":
                    if (rest != "loop")
                    {
                        throw new ArgumentException("this player plays 'scenario loop', not " + rest);
                    }

                    break;
                case "map":
                    DeployMap(rest);
                    break;
                case "set":
                    Set(TranscriptCodec.First(rest), TranscriptCodec.Rest(rest));
                    break;
                case "option":
                    _optionLines.Add(TranscriptCodec.First(rest));
                    _optionLines.Add(TranscriptCodec.Rest(rest));
                    break;
                case "clock":
                    _clock.WallClockSynced = rest == "synced";
                    break;
                case "boot":
                    PowerOn();
                    break;
                case "run":
                    Run(long.Parse(rest));
                    break;
                case "power-cut":
                    PowerCut(rest);
                    break;
                case "flash":
                    _files.Refusing = rest == "refuse";
                    break;
                case "button":
                    _panel.IsPressed = rest == "down";
                    break;
                case "drop":
                    _mqtt.Drop(rest);
                    break;
                case "push":
                    _feed.Push(TranscriptCodec.First(rest), TranscriptCodec.PayloadBytes(TranscriptCodec.Rest(rest)));
                    break;
                default:
                    if (!DoOta(verb, rest) && !DoTcp(verb, rest))
                    {
                        _feed.World(line);
                    }

                    break;
            }
        }

        /// <summary>The map the firmware finds on its flash (map.json, as nanoff deploys it): a named map, or JSON.</summary>
        private void DeployMap(string text)
        {
            string json = text;
            for (int i = 0; i + 1 < _namedMaps.Length; i += 2)
            {
                if (_namedMaps[i] == text)
                {
                    json = _namedMaps[i + 1];
                }
            }

            if (json.Length == 0 || json[0] != '{')
            {
                throw new ArgumentException("map " + text + ": neither JSON nor a map this test was given");
            }

            _files.Deploy(StoredMap.FileName, Encoding.UTF8.GetBytes(json));
        }

        /// <summary>Settings as an installer left them, stored before the boot that reads them.</summary>
        private void Set(string name, string value)
        {
            SettingField field = SettingFields.Find(name);
            if (field == null)
            {
                throw new ArgumentException("no setting " + name);
            }

            _out.Muted = true;
            var store = new SettingsRepository(_files);
            DeviceSettings settings;
            store.Load(out settings);
            string error = settings.Set(field, value);
            bool saved = error == null && store.Save(settings);
            _out.Muted = false;
            if (!saved)
            {
                throw new ArgumentException("setting " + name + " refused: " + error);
            }
        }

        /// <summary>A boot that the power cut armed earlier may stop too (the journal is written first).</summary>
        private void PowerOn()
        {
            try
            {
                Boot();
            }
            catch (TranscriptHalt halt)
            {
                _out.Record("halt " + halt.Message);
                _loop = null;
            }
        }

        /// <summary>Runs the loop for <paramref name="ms"/> of virtual time, or until it restarts or the CPU halts.</summary>
        private void Run(long ms)
        {
            if (_loop == null)
            {
                throw new InvalidOperationException("run: nothing is running; boot first");
            }

            long end = _clock.MonotonicMs + ms;
            try
            {
                while (_clock.MonotonicMs < end)
                {
                    if (!_loop.RunOnce())
                    {
                        _loop = null;
                        return;
                    }

                    CheckSessionIdle();
                }
            }
            catch (TranscriptHalt halt)
            {
                _out.Record("halt " + halt.Message);
                _loop = null;
            }
        }

        /// <summary>Now, or on the write after <c>after-writes N</c> more: the board loses power where it is.</summary>
        private void PowerCut(string how)
        {
            if (how.StartsWith("after-writes "))
            {
                _files.CutPowerAfter(int.Parse(TranscriptCodec.Rest(how)));
                return;
            }

            _loop = null;
            _session = null;
        }

        /// <summary>
        /// The supervisor's thread while the loop hangs in a bus read: it checks every period; the watchdog is fed
        /// while the heartbeat is fresh, then the stall is stored and the board reboots, which ends the run.
        /// </summary>
        private void Stalled()
        {
            while (true)
            {
                _clock.Advance(_options.SupervisorPeriodMs);
                if (_supervisor.Check() == SupervisorVerdict.Stalled)
                {
                    if (_watchdog.Feeds > 0)
                    {
                        _out.Record("watchdog fed " + _watchdog.Feeds.ToString());
                    }

                    throw new TranscriptHalt("stalled loop rebooted by the supervisor");
                }
            }
        }
    }
}
