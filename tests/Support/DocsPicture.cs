namespace PledgeBot.Tests.Support;

/// <summary>Where the browser tests save the README's pictures: the repository's docs folder.</summary>
public static class DocsPicture
{
    public static string PathOf(string fileName)
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "Bot.sln")))
        {
            folder = folder.Parent;
        }

        var docs = Path.Combine(folder?.FullName ?? AppContext.BaseDirectory, "docs");
        Directory.CreateDirectory(docs);
        return Path.Combine(docs, fileName);
    }
}
