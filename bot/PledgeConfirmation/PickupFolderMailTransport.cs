using System.Security.Cryptography;
using MimeKit;

namespace PledgeBot.PledgeConfirmation;

/// <summary>
/// Without a mail server, each message becomes an .eml file in a folder (the data folder's
/// "outbox"), which any mail program opens: the whole flow works on a fresh machine. The files
/// hold names and addresses in plain text, so the folder is readable by the bot's user only.
/// </summary>
public sealed class PickupFolderMailTransport(string folder, TimeProvider clock) : IMailTransport
{
    public string Folder { get; } = folder;

    public async Task SendAsync(MimeMessage message, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Folder);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(Folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        var name = $"{clock.GetUtcNow():yyyyMMdd'T'HHmmssfff}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4))}";
        var partial = Path.Combine(Folder, name + ".tmp");
        // Written under another name and renamed when complete: nobody ever opens half a message.
        await using (var file = new FileStream(partial, FileMode.CreateNew, FileAccess.Write))
        {
            await message.WriteToAsync(file, cancellationToken);
        }

        File.Move(partial, Path.Combine(Folder, name + ".eml"));
    }
}
