using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.Extensions.Options;
using PledgeBot.Storage;

namespace PledgeBot.Privacy;

public static class PersonalDataEncryptionSetup
{
    public const string KeysFolderName = "keys";

    /// <summary>
    /// Names and emails encrypted at rest with ASP.NET Core Data Protection. Its keys are kept in
    /// a folder of their own (by default beside the database), never in the database, and rotate
    /// every 90 days; old keys stay, so older rows still open.
    /// </summary>
    public static IServiceCollection AddPersonalDataEncryption(this IServiceCollection services)
    {
        // A fixed application name: by default Data Protection isolates apps by their folder, and
        // moving the bot to another folder must not make every stored name unreadable.
        services.AddDataProtection().SetApplicationName("pledgebot");
        services.AddOptions<KeyManagementOptions>().Configure<IServiceProvider>((keys, sp) =>
            keys.XmlRepository = new FileSystemXmlRepository(
                KeysFolder(sp),
                sp.GetRequiredService<ILoggerFactory>()));
        services.AddSingleton<PersonalDataProtector>();
        services.AddHostedService<PlainPledgeProtection>();
        return services;
    }

    internal static DirectoryInfo KeysFolder(IServiceProvider services)
    {
        var configured = services.GetRequiredService<IOptions<PrivacyOptions>>().Value.KeysDirectory;
        var folder = string.IsNullOrWhiteSpace(configured)
            ? Path.Combine(StorageSetup.DataDirectory(services), KeysFolderName)
            : Path.GetFullPath(configured, services.GetRequiredService<IHostEnvironment>().ContentRootPath);
        var directory = Directory.CreateDirectory(folder);
        if (!OperatingSystem.IsWindows())
        {
            // The keys open every stored name and email: only the bot's own user may read them.
            File.SetUnixFileMode(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        return directory;
    }

    /// <summary>
    /// At start, encrypts pledges that an earlier version stored in plain text: in a store that can
    /// hold such rows (a SQLite file); a database that never had them registers none.
    /// </summary>
    private sealed class PlainPledgeProtection(IEnumerable<IPlainPledgeRows> stores, ILogger<PlainPledgeProtection> logger) : IHostedService
    {
        public async Task StartAsync(CancellationToken cancellationToken)
        {
            foreach (var pledges in stores)
            {
                var protectedRows = await pledges.ProtectPlainRowsAsync(cancellationToken);
                if (protectedRows > 0)
                {
                    logger.LogInformation("Encrypted the first names and emails of {Count} pledge(s) stored by an earlier version", protectedRows);
                }
            }
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
