using System.Security.Cryptography;
using System.Text;

namespace PledgeBot.Privacy;

/// <summary>
/// The host's one secret (setting or generated file). Each use gets its own key derived with
/// HKDF, so a key that leaks from one use (say, Direct Line tokens) says nothing about another.
/// </summary>
public sealed class ServerSecret(byte[] secret)
{
    private readonly byte[] secret = secret.ToArray();

    public byte[] DeriveKey(string purpose) =>
        HKDF.DeriveKey(HashAlgorithmName.SHA256, secret, outputLength: 32, salt: [], info: Encoding.UTF8.GetBytes(purpose));
}
