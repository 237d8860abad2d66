using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace PledgeBot.Tests.Support;

/// <summary>
/// A self-signed certificate for 127.0.0.1, trusted for this user while the tests run. The SDK
/// fetches token metadata with its own HttpClient and insists on https, so a local stand-in must
/// present a certificate the machine trusts.
/// </summary>
public static class LocalCertificate
{
    private static readonly Lazy<X509Certificate2> Shared = new(CreateAndTrust);

    public static X509Certificate2 Create() => Shared.Value;

    private static X509Certificate2 CreateAndTrust()
    {
        using var key = RSA.Create(2048);
        // A name of its own: chain building finds issuers by name, so a certificate left behind by
        // a run killed before it could untrust it, or another run at the same time, must not be
        // taken for this one.
        var request = new CertificateRequest($"CN=pledgebot-test-stand-in-{Guid.NewGuid():N}", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(System.Net.IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(certificateAuthority: true, hasPathLengthConstraint: false, 0, critical: true));
        using var created = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddHours(2));
        var certificate = X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pfx), password: null);

        using var store = new X509Store(StoreName.Root, StoreLocation.CurrentUser);
        store.Open(OpenFlags.ReadWrite);
        store.Add(X509CertificateLoader.LoadCertificate(certificate.RawData));
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Untrust(certificate);
        return certificate;
    }

    private static void Untrust(X509Certificate2 certificate)
    {
        using var store = new X509Store(StoreName.Root, StoreLocation.CurrentUser);
        store.Open(OpenFlags.ReadWrite);
        store.Remove(certificate);
    }
}
