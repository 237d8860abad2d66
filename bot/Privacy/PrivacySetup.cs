using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using PledgeBot.Dialogs.Identity;
using PledgeBot.Storage;

namespace PledgeBot.Privacy;

public static class PrivacySetup
{
    public const string SecretFileName = "person-key.secret";

    /// <summary>The keyed hash that replaces raw user ids and emails wherever we store them.</summary>
    public static IServiceCollection AddPersonKeys(this IServiceCollection services)
    {
        services.AddOptions<PrivacyOptions>().BindConfiguration(PrivacyOptions.Section);
        services.AddSingleton(sp => new ServerSecret(LoadOrCreateSecret(
            sp.GetRequiredService<IOptions<PrivacyOptions>>().Value,
            StorageSetup.DataDirectory(sp))));
        services.AddSingleton(sp => new PersonKeyHasher(sp.GetRequiredService<ServerSecret>().DeriveKey("person-keys")));
        return services;
    }

    private static byte[] LoadOrCreateSecret(PrivacyOptions options, string dataDirectory)
    {
        if (!string.IsNullOrWhiteSpace(options.PersonKeySecret))
        {
            return Decode(options.PersonKeySecret, "the setting Privacy:PersonKeySecret");
        }

        var file = Path.Combine(dataDirectory, SecretFileName);
        if (File.Exists(file))
        {
            return Decode(File.ReadAllText(file), file);
        }

        Directory.CreateDirectory(dataDirectory);
        var secret = RandomNumberGenerator.GetBytes(32);
        // CreateNew: if another instance wrote the file a moment ago, we fail instead of replacing
        // its secret (which would make every stored hash unrecognisable).
        using (var stream = new FileStream(file, FileMode.CreateNew, FileAccess.Write))
        using (var writer = new StreamWriter(stream))
        {
            writer.Write(Convert.ToBase64String(secret));
        }

        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        return secret;
    }

    private static byte[] Decode(string base64, string source)
    {
        try
        {
            var secret = Convert.FromBase64String(base64.Trim());
            return secret.Length >= 32
                ? secret
                : throw new InvalidOperationException($"The person key secret in {source} is shorter than 32 bytes.");
        }
        catch (FormatException)
        {
            throw new InvalidOperationException($"The person key secret in {source} is not valid base64.");
        }
    }
}
