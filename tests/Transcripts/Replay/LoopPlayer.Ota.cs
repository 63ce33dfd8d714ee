// Shared with the nanoFramework test assemblies: C# 9, no generics, no nullable annotations.
#nullable disable
using System;
using System.Collections;
using System.Text;
using EnergyLogger.Core.Ota;
using EnergyLogger.Core.Provisioning;

namespace EnergyLogger.Transcripts
{
    /// <summary>
    /// Update packages, the server that holds them and the offers that name them. A package is signed when the
    /// transcript is recorded (its bytes follow as a recorded <c>package</c> line, since a replay cannot sign) or
    /// derived from another one by flipping one byte.
    /// </summary>
    public sealed partial class LoopPlayer
    {
        private readonly Hashtable _packages = new Hashtable();
        private bool _ota;
        private string _factoryVersion = "1.0.0";
        private string _target = "esp32s3";
        private int _trialBoots = 3;
        private int _healthMs = 180000;
        private int _retryMs = 30000;

        private bool DoOta(string verb, string rest)
        {
            switch (verb)
            {
                case "ota":
                    ConfigureOta(rest);
                    return true;
                case "package":
                    MakePackage(TranscriptCodec.First(rest), TranscriptCodec.Rest(rest));
                    return true;
                case "serve":
                    _http.Serve(TranscriptCodec.First(rest), Package(TranscriptCodec.Rest(rest)));
                    return true;
                case "offer":
                    Offer(rest);
                    return true;
                default:
                    return false;
            }
        }

        /// <summary><c>ota factory=1.0.0 target=esp32s3 trial-boots=3 health-ms=60000 retry-ms=30000</c>: this build has an updater.</summary>
        private void ConfigureOta(string settings)
        {
            _ota = true;
            string[] pairs = settings.Split(' ');
            for (int i = 0; i < pairs.Length; i++)
            {
                string key = Key(pairs[i]);
                string value = Value(pairs[i]);
                switch (key)
                {
                    case "factory": _factoryVersion = value; break;
                    case "target": _target = value; break;
                    case "trial-boots": _trialBoots = int.Parse(value); break;
                    case "health-ms": _healthMs = int.Parse(value); break;
                    case "retry-ms": _retryMs = int.Parse(value); break;
                    default: throw new ArgumentException("ota: no setting " + key);
                }
            }
        }

        /// <summary><c>package NAME version=.. min=.. target=.. image=N</c> (signed), or <c>package NAME from OTHER flip OFFSET</c> (from the end when negative).</summary>
        private void MakePackage(string name, string recipe)
        {
            byte[] bytes;
            if (recipe.StartsWith("from "))
            {
                string[] words = recipe.Split(' ');
                byte[] source = Package(words[1]);
                bytes = new byte[source.Length];
                Array.Copy(source, bytes, bytes.Length);
                // A negative offset counts from the end (-1 is the last byte of the image).
                int at = int.Parse(words[3]);
                at = at < 0 ? bytes.Length + at : at;
                bytes[at] = (byte)(bytes[at] ^ 0x01);
            }
            else
            {
                string hex = _feed.Package(recipe);
                bytes = TranscriptCodec.FromHex(hex);
                if (bytes == null)
                {
                    throw new ArgumentException("package " + name + ": no package bytes recorded under it");
                }

                _out.Record("package " + hex);
            }

            _packages[name] = bytes;
        }

        private byte[] Package(string name)
        {
            byte[] bytes = (byte[])_packages[name];
            if (bytes == null)
            {
                throw new ArgumentException("no package " + name);
            }

            return bytes;
        }

        /// <summary>
        /// <c>offer NAME URL [allow-downgrade]</c>: the cloud offers the package with its length and the image SHA-256
        /// its signed manifest states (as a release job publishes it), on CMX_OTA (Kaa) or {prefix}/ota/offer (custom MQTT).
        /// </summary>
        private void Offer(string rest)
        {
            string[] words = rest.Split(' ');
            byte[] package = Package(words[0]);
            int manifestLength = (package[6] << 8) | package[7];
            UpdateStatus status;
            UpdateManifest manifest = new ManifestReader().Read(package, UpdatePackage.HeaderLength, manifestLength, out status);
            if (manifest == null)
            {
                throw new ArgumentException("offer " + words[0] + ": its manifest does not read");
            }

            string version = manifest.Version.Text;
            string body = "\"size\":" + package.Length.ToString() + ",\"sha256\":\"" + TranscriptCodec.HexLower(manifest.ImageSha256, 0, Sha256.HashLength) + "\""
                + (words.Length > 2 && words[2] == "allow-downgrade" ? ",\"allowDowngrade\":true" : "");
            DeviceSettings settings = _boot.Settings;
            string topic;
            string json;
            if (settings.Cloud == CloudMode.Kaa)
            {
                topic = "kp1/" + settings.KaaAppVersion + "/cmx_ota/" + settings.KaaToken + "/config/json/status";
                json = "{\"configId\":\"" + version + "\",\"config\":{\"link\":\"" + words[1] + "\"," + body + "}}";
            }
            else
            {
                topic = settings.TopicPrefix + "/ota/offer";
                json = "{\"url\":\"" + words[1] + "\",\"version\":\"" + version + "\"," + body + "}";
            }

            _feed.Push(topic, Encoding.UTF8.GetBytes(json));
        }

        private static string Key(string pair)
        {
            int eq = pair.IndexOf('=');
            return eq < 0 ? pair : pair.Substring(0, eq);
        }

        private static string Value(string pair)
        {
            int eq = pair.IndexOf('=');
            return eq < 0 ? "" : pair.Substring(eq + 1);
        }
    }
}
