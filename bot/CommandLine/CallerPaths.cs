namespace PledgeBot.CommandLine;

/// <summary>
/// Paths typed on the command line, read from the folder the person typed them in.
/// <c>dotnet run --project bot</c> runs the bot in bot/ (its content root), while the person's
/// shell may be anywhere, the repository's top folder most often; shells keep that folder in
/// <c>PWD</c>, which <c>dotnet run</c> passes on unchanged.
/// </summary>
public static class CallerPaths
{
    public static string Resolve(string path)
    {
        if (Path.IsPathRooted(path))
        {
            return Path.GetFullPath(path);
        }

        var callerFolder = Environment.GetEnvironmentVariable("PWD");
        return Path.GetFullPath(path, !string.IsNullOrEmpty(callerFolder) && Path.IsPathRooted(callerFolder) && Directory.Exists(callerFolder)
            ? callerFolder
            : Environment.CurrentDirectory);
    }
}
