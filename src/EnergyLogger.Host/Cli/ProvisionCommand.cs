using System.CommandLine;
using System.Net.Sockets;
using EnergyLogger.Host.Provisioning;

namespace EnergyLogger.Host.Cli;

/// <summary>
/// <c>energylogger provision HOST[:PORT]</c>: sends the settings given as options to a device in
/// provisioning mode (port 4242, docs/provisioning.md), prints every reply, then checks and applies.
/// With no setting options it passes protocol lines from standard input instead. With <c>--pop</c> the
/// label's code goes first, as <c>auth CODE</c>.
/// </summary>
internal sealed class ProvisionCommand
{
    private const int DefaultPort = 4242;

    // Option -> protocol field, in the order they are sent.
    private static readonly (string Option, string Field, string Value)[] Settings =
    [
        ("ssid", "wifi.ssid", "NAME"),
        ("wifi-key", "wifi.key", "KEY"),
        ("mqtt-host", "mqtt.host", "HOST"),
        ("mqtt-port", "mqtt.port", "N"),
        ("tls", "mqtt.tls", "on|off"),
        ("mqtt-user", "mqtt.username", "NAME"),
        ("mqtt-password", "mqtt.password", "PASSWORD"),
        ("cloud", "cloud.mode", "kaa|mqtt"),
        ("token", "kaa.token", "TOKEN"),
        ("app-version", "kaa.app", "VERSION"),
        ("topic-prefix", "mqtt.prefix", "PREFIX"),
        ("ha-discovery", "mqtt.discovery", "on|off"),
        ("baud", "serial.baud", "BAUD"),
        ("parity", "serial.parity", "none|even|odd"),
        ("stop-bits", "serial.stop", "1|2"),
        ("slave", "serial.slave", "N"),
        ("watchdog-gpio", "watchdog.gpio", "N|none"),
        ("local-modbus", "local.modbus", "on|off"),
        ("local-modbus-port", "local.modbus.port", "N"),
        ("local-modbus-unit", "local.modbus.unit", "N"),
        ("local-gateway", "local.gateway", "on|off"),
        ("local-http", "local.http", "on|off"),
        ("local-http-port", "local.http.port", "N"),
        ("influx-url", "influx.url", "URL"),
        ("influx-db", "influx.db", "NAME"),
        ("influx-user", "influx.user", "NAME"),
        ("influx-password", "influx.password", "PASSWORD"),
        ("influx-org", "influx.org", "ORG"),
        ("influx-bucket", "influx.bucket", "BUCKET"),
        ("influx-token", "influx.token", "TOKEN"),
    ];

    private readonly Argument<string> _address = new("HOST[:PORT]") { Arity = ArgumentArity.ZeroOrOne, Description = "the device: soft-AP address 192.168.4.1, port 4242 unless given" };
    private readonly Option<string> _pop = CliOption.Text("--pop", "CODE", "the code on the device's label, sent first as 'auth CODE'");
    private readonly Option<string>[] _settings = Array.ConvertAll(Settings, s => CliOption.Text("--" + s.Option, s.Value, s.Field));
    private readonly Option<string> _caFile = CliOption.Text("--ca-file", "FILE", "mqtt.ca: the broker's CA certificate(s) in PEM");
    private readonly Option<bool> _noApply = CliOption.Flag("--no-apply", "stop after 'check'");
    private readonly Option<bool> _interactive = CliOption.Flag("--interactive", "send lines typed or piped on standard input (the default without settings)");
    private readonly Option<int> _timeout = CliOption.Int("--timeout", "S", "seconds to wait for each reply", 10, 1, 3600);

    public static Command Create()
    {
        var provision = new ProvisionCommand();
        var command = new NotedCommand(
            "provision",
            "set up a device in provisioning mode over TCP port 4242",
            "Connects to a device in provisioning mode, sends one 'set' line per setting, then 'check' and 'apply'.\n"
            + "Every reply is printed. An empty value (\"\") clears the setting, e.g. --wifi-key \"\" for an open network.\n"
            + "Exit status 1 if any reply is an error. Secrets on a command line can end up in shell history;\n"
            + "--interactive avoids that (type 'auth CODE' first).")
        {
            provision._address,
        };
        Array.ForEach<Option>([provision._pop, .. provision._settings, provision._caFile, provision._noApply, provision._interactive, provision._timeout], command.Add);
        command.SetAction(provision.Run);
        return command;
    }

    private int Run(ParseResult result)
    {
        (string host, int port) = ParseAddress(result.GetValue(_address));
        string? pop = result.GetValue(_pop);
        if (pop is not null && (pop.Length == 0 || pop.Any(char.IsWhiteSpace) || pop.Any(char.IsControl)))
        {
            throw new UsageException("--pop must be the code on the label: no spaces, no control characters");
        }

        List<string> lines = SettingLines(result);
        string? caFile = result.GetValue(_caFile);
        string? pem = caFile is null ? null : ReadPem(caFile);
        bool apply = !result.GetValue(_noApply);
        bool interactive = result.GetValue(_interactive) || (lines.Count == 0 && pem is null);
        var timeout = TimeSpan.FromSeconds(result.GetValue(_timeout));

        try
        {
            using ProvisioningClient client = ProvisioningClient.Connect(host, port, timeout);
            if (ProvisioningClient.IsError(client.Greeting))
            {
                // A locked port, or an unreadable label: the device closes the connection after this line.
                ConsoleOutput.Failed("energylogger provision", $"{host}:{port}: {client.Greeting}");
                return 1;
            }

            Console.WriteLine(client.Greeting);
            if (pop is not null && Print(client.Send("auth " + pop)))
            {
                return 1;
            }

            return interactive ? Interactive(client) : Scripted(client, lines, pem, apply);
        }
        catch (Exception e) when (e is IOException or SocketException)
        {
            ConsoleOutput.Failed("energylogger provision", $"{host}:{port}: {e.Message}");
            return 1;
        }
    }

    private static int Scripted(ProvisioningClient client, List<string> lines, string? pem, bool apply)
    {
        bool failed = false;
        foreach (string line in lines)
        {
            failed |= Print(client.Send(line));
        }

        if (pem is not null)
        {
            failed |= Print(client.SendCa(pem));
        }

        failed |= Print(client.Send("check"));
        if (apply && !failed)
        {
            failed |= Print(client.Send("apply"));
        }

        return failed ? 1 : 0;
    }

    private static int Interactive(ProvisioningClient client)
    {
        bool failed = false;
        while (Console.In.ReadLine() is { } line)
        {
            if (!ProvisioningClient.ExpectsReply(line))
            {
                continue;
            }

            string? reply = client.Send(line);
            if (reply is null)
            {
                break;
            }

            failed |= Print(reply);
        }

        return failed ? 1 : 0;
    }

    /// <summary>Prints a reply; true when it is an error or missing.</summary>
    private static bool Print(string? reply)
    {
        if (reply is null)
        {
            ConsoleOutput.Failed("energylogger provision", "the device closed the connection");
            return true;
        }

        Console.WriteLine(reply);
        return ProvisioningClient.IsError(reply);
    }

    private List<string> SettingLines(ParseResult result)
    {
        var lines = new List<string>();
        for (int i = 0; i < Settings.Length; i++)
        {
            (string option, string field, _) = Settings[i];
            string? value = result.GetValue(_settings[i]);
            if (value is null)
            {
                continue;
            }

            if (value.Any(char.IsControl))
            {
                throw new UsageException($"--{option} must not hold control characters or line breaks");
            }

            lines.Add(value.Length == 0 ? $"clear {field}" : $"set {field} {value}");
        }

        return lines;
    }

    private static string ReadPem(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"--ca-file {path}: {e.Message}");
        }
    }

    private static (string Host, int Port) ParseAddress(string? address)
    {
        if (address is null)
        {
            throw new UsageException("give the device address: HOST or HOST:PORT (try --help)");
        }

        int colon = address.LastIndexOf(':');
        if (colon < 0)
        {
            return (address, DefaultPort);
        }

        return (address[..colon], WholeNumber.Parse("--port", address[(colon + 1)..], 1, 65535));
    }
}
