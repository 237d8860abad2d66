using System.Globalization;
using PledgeBot.Dialogs.Languages;

namespace PledgeBot.Tests.Support;

/// <summary>Runs a piece of a test as a supporter's turn in a language, without the language leaking into the rest of the test.</summary>
public static class InLanguage
{
    public static T Run<T>(string language, Func<T> work)
    {
        T result = default!;
        // Changes to the supporter's language (async-local, like the UI culture) end with this context.
        ExecutionContext.Run(ExecutionContext.Capture()!, _ =>
        {
            SupporterLanguage.Use(CultureInfo.GetCultureInfo(language));
            result = work();
        }, null);
        return result;
    }
}
