using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using EnergyLogger.Core.Provisioning;
using EnergyLogger.Host.Provisioning;
using Xunit;

namespace EnergyLogger.Integration.Tests.Provisioning;

/// <summary><c>energylogger provision</c> against a real listener.</summary>
public sealed class ProvisionCommandTests : IDisposable
{
    private const string WifiKey = "cli-wifi-key-123";
    private const string Password = "cli-broker-password";
    private const string Token = "cli-endpoint-token";

    private readonly ListenerHarness _device = new();
    private readonly string _pemFile = Path.Combine(Path.GetTempPath(), "el-prov-ca-" + Guid.NewGuid().ToString("N")[..12] + ".pem");

    public ProvisionCommandTests()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using X509Certificate2 ca = new CertificateRequest("CN=Provisioning Test CA", key, HashAlgorithmName.SHA256)
            .CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
        File.WriteAllText(_pemFile, "subject=CN=Provisioning Test CA\r\n" + ca.ExportCertificatePem().ReplaceLineEndings("\r\n"));
    }

    private string Address => $"127.0.0.1:{_device.Port}";

    public void Dispose()
    {
        _device.Dispose();
        File.Delete(_pemFile);
    }

    [Fact]
    public void Provision_EverySettingOption_AppliesAndPrintsEachReply()
    {
        var outcome = EnergyLoggerProcess.Run(
            "provision", Address, "--ssid", "Home Net", "--wifi-key", WifiKey, "--mqtt-host", "broker.example", "--mqtt-port", "1883",
            "--tls", "off", "--mqtt-user", "logger", "--mqtt-password", Password, "--cloud", "kaa", "--token", Token,
            "--app-version", "app-v2", "--baud", "19200", "--parity", "even", "--stop-bits", "2", "--slave", "3",
            "--watchdog-gpio", "21", "--ca-file", _pemFile);

        Assert.True(outcome.ExitCode == 0, outcome.ToString());
        Assert.Equal(
            [
                ProvisioningSession.Greeting, "ok wifi.ssid set", "ok wifi.key set", "ok mqtt.host set", "ok mqtt.port set", "ok mqtt.tls set",
                "ok mqtt.username set", "ok mqtt.password set", "ok cloud.mode set", "ok kaa.token set", "ok kaa.app set", "ok serial.baud set",
                "ok serial.parity set", "ok serial.stop set", "ok serial.slave set", "ok watchdog.gpio set", "ok mqtt.ca set, 1 certificate",
                "ok ready to apply", "ok applied as record 1; rebooting into station mode",
            ],
            outcome.Lines);
        DeviceSettings stored = _device.Stored(out _);
        Assert.Equal(("Home Net", WifiKey, "broker.example", 1883, false, Password), (stored.WifiSsid, stored.WifiKey, stored.MqttHost, stored.MqttPort, stored.MqttTls, stored.MqttPassword));
        Assert.Equal((Token, "app-v2", 19200, SerialParity.Even, 2, 3, 21), (stored.KaaToken, stored.KaaAppVersion, stored.SerialBaud, stored.Parity, stored.StopBits, stored.SlaveId, stored.WatchdogGpio));
        Assert.StartsWith(PemRule.BeginLine + "\n", stored.MqttCaPem);
        foreach (string secret in new[] { WifiKey, Password, Token })
        {
            Assert.DoesNotContain(secret, outcome.Stdout + outcome.Stderr);
        }
    }

    [Fact]
    public void Provision_CustomMqttWithHomeAssistant_StoresPrefixAndDiscovery()
    {
        var outcome = EnergyLoggerProcess.Run(
            "provision", Address, "--ssid", "Home Net", "--mqtt-host", "homeassistant.local", "--cloud", "mqtt",
            "--topic-prefix", "house/solar", "--ha-discovery", "on");

        Assert.True(outcome.ExitCode == 0, outcome.ToString());
        Assert.Contains("ok mqtt.discovery set", outcome.Lines);
        DeviceSettings stored = _device.Stored(out _);
        Assert.Equal((CloudMode.CustomMqtt, "house/solar", true), (stored.Cloud, stored.TopicPrefix, stored.HomeAssistantDiscovery));
    }

    [Fact]
    public void Provision_LocalModbusServer_StoresOnPortAndUnit()
    {
        var outcome = EnergyLoggerProcess.Run(
            "provision", Address, "--ssid", "Home Net", "--token", "t", "--app-version", "a", "--local-modbus", "on", "--local-modbus-port", "1502",
            "--local-modbus-unit", "7");

        Assert.True(outcome.ExitCode == 0, outcome.ToString());
        Assert.Contains("ok local.modbus.unit set", outcome.Lines);
        DeviceSettings stored = _device.Stored(out _);
        Assert.Equal((true, 1502, 7), (stored.LocalModbus, stored.LocalModbusPort, stored.LocalModbusUnit));
    }

    [Fact]
    public void Provision_LocalModbusUnitOutOfRange_Exit1AndAppliesNothing()
    {
        var outcome = EnergyLoggerProcess.Run("provision", Address, "--ssid", "Net", "--token", "t", "--app-version", "a", "--local-modbus-unit", "0");

        Assert.Equal(1, outcome.ExitCode);
        Assert.Contains("error local.modbus.unit: must be a whole number from 1 to 247", outcome.Lines);
        Assert.Empty(_device.Files());
    }

    [Fact]
    public void Provision_BadValue_Exit1ShowsEveryErrorAndAppliesNothing()
    {
        var outcome = EnergyLoggerProcess.Run("provision", Address, "--ssid", new string('s', 33), "--mqtt-port", "0", "--token", "t", "--app-version", "a");

        Assert.Equal(1, outcome.ExitCode);
        Assert.Equal(
            [
                ProvisioningSession.Greeting, "error wifi.ssid: longer than 32 bytes", "error mqtt.port: must be a whole number from 1 to 65535",
                "ok kaa.token set", "ok kaa.app set",
                "error wifi.ssid: last value refused: longer than 32 bytes; mqtt.port: last value refused: must be a whole number from 1 to 65535",
            ],
            outcome.Lines);
        Assert.Empty(_device.Files());
    }

    [Fact]
    public void Provision_NoApply_StopsAfterCheck()
    {
        var outcome = EnergyLoggerProcess.Run("provision", Address, "--ssid", "Net", "--token", "t", "--app-version", "a", "--no-apply");

        Assert.True(outcome.ExitCode == 0, outcome.ToString());
        Assert.Equal("ok ready to apply", outcome.Lines[^1]);
        Assert.Empty(_device.Files());
    }

    [Fact]
    public void Provision_EmptyValue_ClearsTheSetting()
    {
        var outcome = EnergyLoggerProcess.Run("provision", Address, "--ssid", "Open Cafe", "--wifi-key", "", "--token", "t", "--app-version", "a");

        Assert.True(outcome.ExitCode == 0, outcome.ToString());
        Assert.Contains("ok wifi.key cleared", outcome.Lines);
        Assert.Equal("", _device.Stored(out _).WifiKey);
    }

    [Fact]
    public void Provision_Interactive_SendsStandardInputLinesAndSkipsBlankAndComments()
    {
        string script = "# first boot of the shed logger\nset wifi.ssid Shed\n\nset wifi.key " + WifiKey + "\nset kaa.token " + Token + "\nset kaa.app a1\nstatus\napply\n";

        var outcome = ProvisionProcess.Run(script, Address);

        Assert.True(outcome.ExitCode == 0, outcome.ToString());
        Assert.Equal(7, outcome.Lines.Length);
        Assert.Contains("wifi.key=(set)", outcome.Lines[5]);
        Assert.StartsWith("ok applied", outcome.Lines[6]);
        Assert.DoesNotContain(WifiKey, outcome.Stdout);
        Assert.Equal("Shed", _device.Stored(out _).WifiSsid);
    }

    [Fact]
    public void Provision_InteractiveWithAnError_Exit1()
    {
        var outcome = ProvisionProcess.Run("set mqtt.port 70000\nquit\n", Address, "--interactive");

        Assert.Equal(1, outcome.ExitCode);
        Assert.Equal([ProvisioningSession.Greeting, "error mqtt.port: must be a whole number from 1 to 65535", "ok bye"], outcome.Lines);
    }

    [Fact]
    public void Provision_NothingListening_Exit1WithReason()
    {
        int port;
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            port = ((IPEndPoint)probe.LocalEndpoint).Port;
        }

        var outcome = EnergyLoggerProcess.Run("provision", $"127.0.0.1:{port}", "--ssid", "x", "--timeout", "2");

        Assert.Equal(1, outcome.ExitCode);
        Assert.StartsWith($"energylogger provision: 127.0.0.1:{port}: ", outcome.Stderr);
    }

    [Theory]
    [InlineData(new[] { "provision" }, "give the device address")]
    [InlineData(new[] { "provision", "host:99999" }, "--port must be a whole number")]
    [InlineData(new[] { "provision", "host", "--ssid", "a\nset wifi.key x" }, "--ssid must not hold control characters")]
    [InlineData(new[] { "provision", "host", "--colour", "blue" }, "unknown option --colour")]
    public void Provision_CalledWrongly_Exit2(string[] args, string message)
    {
        var outcome = EnergyLoggerProcess.Run(args);

        Assert.Equal(2, outcome.ExitCode);
        Assert.Contains(message, outcome.Stderr);
    }
}
