using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using EnergyLogger.Core.Json;
using EnergyLogger.Core.Modbus;
using EnergyLogger.Core.Registers;
using EnergyLogger.Core.Telemetry;

namespace EnergyLogger.Benchmarks;

/// <summary>A 255-point sample: the Deye SG04LP3 map filled up with extra (non-schema) points to the datasheet's maximum.</summary>
internal static class FullCycle
{
    public static byte[] Sample() => Sample(MapPath());

    /// <summary>tools/register-maps next to this source file; the benchmarks run from an output folder elsewhere.</summary>
    private static string MapPath([System.Runtime.CompilerServices.CallerFilePath] string source = "") =>
        Path.Combine(Path.GetDirectoryName(source)!, "..", "register-maps", "deye-sg04lp3.json");

    private static byte[] Sample(string path)
    {
        JsonNode map = JsonNode.Parse(File.ReadAllText(path))!;
        var points = map["points"]!.AsArray();
        for (int i = points.Count; i < MapLimits.MaxPoints; i++)
        {
            points.Add(JsonNode.Parse($"{{\"name\":\"x{i}\",\"address\":{2000 + i},\"type\":\"uint16\",\"scale\":0.1}}"));
        }

        RegisterMap loaded = RegisterMapLoader.Load(map.ToJsonString(), out MapError? error) ?? throw new InvalidOperationException(error!.ToString());
        var frame = new RegisterFrame(loaded);
        var values = new DecodedValues(loaded);
        var mapper = new TelemetryMapper(loaded, 0);
        Sample sample = mapper.CreateSample();
        var image = new ushort[12000];
        for (int a = 0; a < image.Length; a++)
        {
            image[a] = (ushort)(1234 + a % 7);
        }

        frame.Deliver(0, FunctionCode.ReadHoldingRegisters, 0, image, 0, image.Length);
        PointDecoder.DecodeCycle(frame, values);
        mapper.Map(values, 5000, 1767225600000, true, sample);
        var writer = new JsonWriter(32768, SampleWriter.Depth);
        if (!SampleWriter.Write(sample, writer))
        {
            throw new InvalidOperationException("sample did not fit");
        }

        return writer.Buffer[..writer.Length];
    }
}

/// <summary>A mosquitto for the throughput benchmark: a plain and a TLS listener (1.2 or 1.3) on 127.0.0.1, certificates made here.</summary>
internal sealed class BenchBroker : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "el-bench-" + Guid.NewGuid().ToString("N")[..12]);
    private readonly Process _process;

    public BenchBroker()
    {
        Directory.CreateDirectory(_dir);
        using var caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var caRequest = new CertificateRequest("CN=bench CA", caKey, HashAlgorithmName.SHA256);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        using X509Certificate2 ca = caRequest.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256);
        var san = new SubjectAlternativeNameBuilder();
        san.AddDnsName("localhost");
        request.CertificateExtensions.Add(san.Build());
        using X509Certificate2 cert = request.Create(ca, DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30), [1, 2, 3, 4]);
        CaPem = System.Text.Encoding.ASCII.GetBytes(ca.ExportCertificatePem());
        File.WriteAllText(Path.Combine(_dir, "ca.pem"), ca.ExportCertificatePem());
        File.WriteAllText(Path.Combine(_dir, "server.pem"), cert.ExportCertificatePem());
        File.WriteAllText(Path.Combine(_dir, "server.key"), key.ExportPkcs8PrivateKeyPem());
        PlainPort = FreePort();
        TlsPort = FreePort();
        File.WriteAllText(Path.Combine(_dir, "mosquitto.conf"), string.Join('\n',
            "per_listener_settings true", "persistence false", "log_dest none",
            $"listener {PlainPort} 127.0.0.1", "allow_anonymous true",
            $"listener {TlsPort} 127.0.0.1", "allow_anonymous true", $"cafile {_dir}/ca.pem", $"certfile {_dir}/server.pem",
            $"keyfile {_dir}/server.key", "tls_version tlsv1.2", ""));
        _process = Process.Start(new ProcessStartInfo("/usr/sbin/mosquitto", ["-c", Path.Combine(_dir, "mosquitto.conf")]) { UseShellExecute = false })!;
        WaitListening(PlainPort);
        WaitListening(TlsPort);
    }

    public int PlainPort { get; }

    public int TlsPort { get; }

    public byte[] CaPem { get; }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            _process.WaitForExit(5000);
        }

        _process.Dispose();
        Directory.Delete(_dir, recursive: true);
    }

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    private static void WaitListening(int port)
    {
        for (int i = 0; i < 200; i++)
        {
            try
            {
                using var probe = new TcpClient();
                probe.Connect(IPAddress.Loopback, port);
                return;
            }
            catch (SocketException)
            {
                Thread.Sleep(25);
            }
        }

        throw new TimeoutException("mosquitto did not start");
    }
}
