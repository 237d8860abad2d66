using System.Text.Json;
using PledgeBot.Dialogs.Content;

namespace PledgeBot.Teams;

/// <summary>
/// <c>teams-package</c>: writes the Teams app package and exits, without building or starting
/// the web host. Exit codes: 0 written, 1 the content or the output file failed, 2 the options
/// were refused (said why, with the usage, never a stack trace).
/// </summary>
public static class TeamsPackageCommand
{
    public const string Verb = "teams-package";
    public const int Written = 0;
    public const int Failed = 1;
    public const int Refused = 2;

    public static bool IsRequested(string[] args) =>
        args.Length > 0 && string.Equals(args[0], Verb, StringComparison.Ordinal);

    public static int Run(string[] args) => Run(args, Console.Out, Console.Error);

    /// <summary>Runs the verb; <paramref name="args"/> starts with the verb itself, as on the command line.</summary>
    public static int Run(IReadOnlyList<string> args, TextWriter output, TextWriter errors)
    {
        var options = args.Skip(1).ToList();
        if (TeamsPackageArguments.IsHelpRequested(options))
        {
            output.WriteLine(TeamsPackageArguments.Usage);
            return Written;
        }

        if (!TeamsPackageArguments.TryParse(options, out var arguments, out var problem))
        {
            errors.WriteLine(problem);
            errors.WriteLine();
            errors.WriteLine(TeamsPackageArguments.Usage);
            return Refused;
        }

        try
        {
            var content = CampaignContentLoader.Load(arguments.ContentFile);
            TeamsAppPackage.Write(arguments.OutputFile, arguments.AppId, arguments.Domain, content);
        }
        catch (InvalidCampaignContentException e)
        {
            errors.WriteLine(e.Message);
            return Failed;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException or JsonException)
        {
            errors.WriteLine($"The Teams app package could not be written to '{arguments.OutputFile}': {e.Message}");
            return Failed;
        }

        output.WriteLine($"Teams app package written to {arguments.OutputFile}");
        output.WriteLine("Upload it in Teams: Apps > Manage your apps > Upload an app.");
        return Written;
    }
}
