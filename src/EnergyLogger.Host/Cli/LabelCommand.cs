using System.CommandLine;
using System.Security.Cryptography;
using System.Text;
using EnergyLogger.Core.Provisioning;

namespace EnergyLogger.Host.Cli;

/// <summary>
/// <c>energylogger label --out FILE</c>: the OEM's tool for one device's label (docs/provisioning.md, "The label"):
/// the access-point key and the proof-of-possession code, given or drawn from a cryptographic random source, checked
/// by the device's own rules, written as the label record that nanoff deploys as <c>I:\el\label.rec</c>
/// (docs/flashing.md), and printed in the label format.
/// </summary>
internal sealed class LabelCommand
{
    /// <summary>No 0/O, 1/I/L: a label is read by eye and typed on a phone.</summary>
    private const string Alphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";

    private readonly Option<string> _out = CliOption.Text("--out", "FILE", "the label record to write (deploy it as I:\\el\\label.rec, docs/flashing.md)");
    private readonly Option<string> _apKey = CliOption.Text("--ap-key", "KEY", "the access point's WPA2 key, 8 to 63 printable ASCII characters [default: 20 random characters in groups of four]");
    private readonly Option<bool> _openAp = CliOption.Flag("--open-ap", "no key: the access point is open to anyone in range");
    private readonly Option<string> _pop = CliOption.Text("--pop", "CODE", "the code port 4242 asks for, 8 to 64 characters without spaces [default: 12 random characters in groups of four]");
    private readonly Option<bool> _noPop = CliOption.Flag("--no-pop", "no code: port 4242 takes anyone who joined the access point");
    private readonly Option<string> _mac = CliOption.Text("--mac", "MAC", "the device's Wi-Fi MAC (12 hex digits, ':' or '-' allowed), for the SSID and the Wi-Fi QR text on the label");

    public static Command Create()
    {
        var label = new LabelCommand();
        label._out.Required = true;
        var command = new NotedCommand(
            "label",
            "make one device's label: the access-point key and the port-4242 code, as a record to deploy, and print the label",
            "The record holds the secrets in clear: keep it, and the printed label, where the device's label would be.");
        Array.ForEach<Option>([label._out, label._apKey, label._openAp, label._pop, label._noPop, label._mac], command.Add);
        command.SetAction(label.Run);
        return command;
    }

    private int Run(ParseResult result)
    {
        string output = result.Required(_out);
        string key = Value(result, _apKey, _openAp, 20);
        string pop = Value(result, _pop, _noPop, 12);
        string? ssid = result.GetValue(_mac) is { } mac ? "energy-logger-" + ParseMac(mac)[^4..] : null;

        var label = new DeviceLabel();
        Check(label, SettingFields.ApKey, "ap-key", key);
        Check(label, SettingFields.ApPop, "pop", pop);
        var buffer = new byte[LabelRecord.MaxLength];
        int length = LabelRecord.Encode(label, buffer, 0);
        try
        {
            File.WriteAllBytes(output, buffer[..length]);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            ConsoleOutput.Failed("energylogger label", $"{output}: {e.Message}");
            return 1;
        }

        foreach (string line in LabelLines(ssid, key, pop))
        {
            Console.WriteLine(line);
        }

        return 0;
    }

    /// <summary>
    /// The label format (docs/provisioning.md): one field per line, name and value apart by spaces, and the Wi-Fi QR
    /// text (the <c>WIFI:</c> scheme phones read from a QR code) when the SSID is known.
    /// </summary>
    public static IEnumerable<string> LabelLines(string? ssid, string key, string pop)
    {
        if (ssid is not null)
        {
            yield return "SSID  " + ssid;
        }

        yield return "KEY   " + (key.Length == 0 ? "(open access point)" : key);
        yield return "CODE  " + (pop.Length == 0 ? "(none)" : pop);
        if (ssid is not null)
        {
            yield return "QR    " + (key.Length == 0 ? $"WIFI:T:nopass;S:{QrEscape(ssid)};;" : $"WIFI:T:WPA;S:{QrEscape(ssid)};P:{QrEscape(key)};;");
        }
    }

    /// <summary>A random value of <paramref name="characters"/> from the label alphabet, a dash after every four.</summary>
    public static string Random(int characters)
    {
        var text = new StringBuilder();
        for (int i = 0; i < characters; i++)
        {
            if (i > 0 && i % 4 == 0)
            {
                text.Append('-');
            }

            text.Append(Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)]);
        }

        return text.ToString();
    }

    private static string Value(ParseResult result, Option<string> option, Option<bool> noneFlag, int randomCharacters)
    {
        string? given = result.GetValue(option);
        bool none = result.GetValue(noneFlag);
        if (given is not null && none)
        {
            throw new UsageException($"{option.Name} and {noneFlag.Name} exclude each other");
        }

        return none ? "" : given ?? Random(randomCharacters);
    }

    private static void Check(DeviceLabel label, SettingField field, string option, string value)
    {
        if (label.Set(field, value) is { } reason)
        {
            throw new UsageException($"--{option} {reason}");
        }
    }

    private static string ParseMac(string text)
    {
        string hex = text.Replace(":", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal).ToUpperInvariant();
        if (hex.Length != 12 || !hex.All(Uri.IsHexDigit))
        {
            throw new UsageException("--mac must be 12 hex digits, like 24:6F:28:AB:CD:EF");
        }

        return hex;
    }

    /// <summary>The WIFI: scheme escapes \ ; , : and " with a backslash.</summary>
    private static string QrEscape(string text)
    {
        var escaped = new StringBuilder();
        foreach (char c in text)
        {
            if (c is '\\' or ';' or ',' or ':' or '"')
            {
                escaped.Append('\\');
            }

            escaped.Append(c);
        }

        return escaped.ToString();
    }
}
