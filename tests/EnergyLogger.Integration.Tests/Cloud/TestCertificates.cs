using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace EnergyLogger.Integration.Tests.Cloud;

/// <summary>
/// A throwaway PKI made with .NET's CertificateRequest: a CA, a server certificate for localhost signed by it,
/// an expired one, one for another host name, and one from a CA the client does not know.
/// </summary>
internal sealed class TestCertificates : IDisposable
{
    private readonly X509Certificate2 _ca;
    private readonly X509Certificate2 _strangerCa;

    public TestCertificates(string dir)
    {
        Dir = dir;
        _ca = MakeCa("EnergyLogger Test CA");
        _strangerCa = MakeCa("Unknown CA");
        CaPath = Path.Combine(dir, "ca.pem");
        File.WriteAllText(CaPath, _ca.ExportCertificatePem());
        Good = Issue("good", _ca, "localhost", DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
        Expired = Issue("expired", _ca, "localhost", DateTimeOffset.UtcNow.AddDays(-30), DateTimeOffset.UtcNow.AddDays(-1));
        WrongHost = Issue("wronghost", _ca, "broker.example.invalid", DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
        UnknownCa = Issue("unknownca", _strangerCa, "localhost", DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
    }

    public string Dir { get; }

    public string CaPath { get; }

    public byte[] CaPem => File.ReadAllBytes(CaPath);

    public (string Cert, string Key) Good { get; }

    public (string Cert, string Key) Expired { get; }

    public (string Cert, string Key) WrongHost { get; }

    public (string Cert, string Key) UnknownCa { get; }

    public void Dispose()
    {
        _ca.Dispose();
        _strangerCa.Dispose();
    }

    private static X509Certificate2 MakeCa(string name)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-60), DateTimeOffset.UtcNow.AddDays(365));
    }

    private (string Cert, string Key) Issue(string name, X509Certificate2 issuer, string host, DateTimeOffset from, DateTimeOffset until)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={host}", key, HashAlgorithmName.SHA256);
        var san = new SubjectAlternativeNameBuilder();
        san.AddDnsName(host);
        request.CertificateExtensions.Add(san.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, false));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(issuer, true, false));
        byte[] serial = RandomNumberGenerator.GetBytes(12);
        serial[0] &= 0x7F;
        using X509Certificate2 cert = request.Create(issuer, from, until, serial);
        string certPath = Path.Combine(Dir, name + ".pem");
        string keyPath = Path.Combine(Dir, name + ".key");
        File.WriteAllText(certPath, cert.ExportCertificatePem());
        File.WriteAllText(keyPath, key.ExportPkcs8PrivateKeyPem());
        return (certPath, keyPath);
    }
}
