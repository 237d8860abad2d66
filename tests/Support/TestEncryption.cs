using Microsoft.AspNetCore.DataProtection;
using PledgeBot.Storage;

namespace PledgeBot.Tests.Support;

/// <summary>Real Data Protection with its keys in the test's own folder, as the host keeps them in the data folder.</summary>
public static class TestEncryption
{
    public static PersonalDataProtector ProtectorFor(string folder) =>
        new(DataProtectionProvider.Create(
            new DirectoryInfo(System.IO.Path.Combine(folder, "keys")),
            setup => setup.SetApplicationName("pledgebot")));
}
