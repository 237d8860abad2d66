using System.Text;
using PledgeBot.CommandLine;
using PledgeBot.Dialogs.Content;

namespace PledgeBot.Campaign;

/// <summary>
/// <c>validate &lt;file&gt;</c>: the checks a publish makes on a content file (images looked up next to
/// it), from the command line, before it is uploaded or shipped. Starts no host and opens no
/// database, so the rules that depend on stored votes and pledges are left to the publish.
/// </summary>
public static class ValidateContentCommand
{
    public const string Verb = "validate";

    public const int Valid = 0;
    public const int Invalid = 1;
    public const int Usage = 2;

    public const string UsageText = """
        Usage: dotnet run --project bot -- validate <file>

          file  A campaign content file (JSON); its images are looked up next to it, in images/.
        Prints "<file> is valid: N causes, M pledges" and exits 0, or every problem and exits 1.
        """;

    public static bool IsRequested(string[] args) =>
        args.Length > 0 && string.Equals(args[0], Verb, StringComparison.Ordinal);

    public static int Run(string[] args) => Run(args, Console.Out, Console.Error);

    /// <summary>Runs the verb; <paramref name="args"/> starts with the verb itself, as on the command line.</summary>
    public static int Run(IReadOnlyList<string> args, TextWriter output, TextWriter errors)
    {
        if (args.Count != 2 || args[1].StartsWith('-'))
        {
            errors.WriteLine(UsageText);
            return Usage;
        }

        var file = args[1];
        var path = CallerPaths.Resolve(file);
        if (!File.Exists(path))
        {
            errors.WriteLine($"There is no file '{file}'.");
            errors.WriteLine(UsageText);
            return Usage;
        }

        string json;
        try
        {
            json = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(File.ReadAllBytes(path)).TrimStart('\uFEFF');
        }
        catch (DecoderFallbackException)
        {
            errors.WriteLine($"{file} is not UTF-8 text. Save it as UTF-8 (any editor can) and check it again.");
            return Invalid;
        }

        var check = CampaignContentLoader.Check(json, Path.GetDirectoryName(path)!, Path.GetFileName(file));
        if (check.Content is { } content)
        {
            var pledges = content.CausesWithPledges.Count();
            output.WriteLine($"{file} is valid: {Plural(content.Causes.Count, "cause")}, {Plural(pledges, "pledge")}, in {string.Join(", ", content.Languages)}");
            foreach (var translation in check.TranslationReport)
            {
                output.WriteLine($"  - {translation}");
            }

            return Valid;
        }

        errors.WriteLine($"{file} has {Plural(check.Problems.Count, "problem")}:");
        foreach (var problem in check.Problems)
        {
            errors.WriteLine($"  - {problem}");
        }

        return Invalid;
    }

    private static string Plural(int n, string what) => n == 1 ? $"1 {what}" : $"{n} {what}s";
}
