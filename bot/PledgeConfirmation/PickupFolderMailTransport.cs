using System.Security.Cryptography;
using MimeKit;
using PledgeBot.Dialogs.Identity;
using PledgeBot.Storage;

namespace PledgeBot.PledgeConfirmation;

/// <summary>
/// Without a mail server, each message becomes an .eml file in a folder (the data folder's
/// "outbox"), which any mail program opens: the whole flow works on a fresh machine. The files
/// hold names and addresses in plain text, so the folder is readable by the bot's user only, and
/// each file's name ends with the keyed hash of its recipient's address, so that erasing that
/// address erases its copies too (the name itself reveals nothing).
/// </summary>
public sealed class PickupFolderMailTransport(string folder, TimeProvider clock, PersonKeyHasher hasher) : IMailTransport, ISentEmailCopies
{
    public string Folder { get; } = folder;

    public async Task SendAsync(MimeMessage message, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Folder);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(Folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        var recipient = message.To.Mailboxes.FirstOrDefault()?.Address ?? "";
        var name = $"{clock.GetUtcNow():yyyyMMdd'T'HHmmssfff}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4))}-{hasher.EmailKey(recipient)}";
        var partial = Path.Combine(Folder, name + ".tmp");
        // Written under another name and renamed when complete: nobody ever opens half a message.
        await using (var file = new FileStream(partial, FileMode.CreateNew, FileAccess.Write))
        {
            await message.WriteToAsync(file, cancellationToken);
        }

        File.Move(partial, Path.Combine(Folder, name + ".eml"));
    }

    public Task ForgetAsync(IReadOnlyCollection<string> emailKeys, CancellationToken cancellationToken = default)
    {
        foreach (var key in emailKeys)
        {
            Delete($"*-{key}.eml");
        }

        return Task.CompletedTask;
    }

    public Task ForgetAllAsync(CancellationToken cancellationToken = default)
    {
        Delete("*.eml");
        return Task.CompletedTask;
    }

    private void Delete(string pattern)
    {
        if (!Directory.Exists(Folder))
        {
            return;
        }

        foreach (var file in Directory.EnumerateFiles(Folder, pattern))
        {
            File.Delete(file);
        }
    }
}
