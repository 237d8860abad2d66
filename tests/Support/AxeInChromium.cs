using System.Text;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace PledgeBot.Tests.Support;

/// <summary>
/// Runs axe-core's WCAG 2.0, 2.1 and 2.2 level A and AA rules on a page in Chromium and fails
/// with every violation spelled out (rule, impact, what it asks for, the failing elements).
/// </summary>
public static class AxeInChromium
{
    public static readonly IReadOnlyList<string> WcagTags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

    /// <param name="what">Names the page and its state in the failure message.</param>
    public static async Task AssertNoViolationsAsync(IPage page, string what)
    {
        var result = await page.RunAxe(new AxeRunOptions
        {
            RunOnly = new RunOnlyOptions { Type = "tag", Values = WcagTags.ToList() },
        });

        // No rule is left out, on any element: Web Chat's and the Adaptive Cards renderer's markup pass as configured.
        var violations = result.Violations;
        if (violations.Length == 0)
        {
            return;
        }

        var message = new StringBuilder($"axe found {violations.Length} WCAG violation(s) on {what} ({page.Url}):");
        foreach (var violation in violations)
        {
            message.Append($"\n- {violation.Id} ({violation.Impact}): {violation.Help} [{violation.HelpUrl}]");
            foreach (var node in violation.Nodes)
            {
                message.Append($"\n    at {node.Target}: {Shorten(node.Html)}");
                foreach (var check in node.Any.Concat(node.All).Concat(node.None))
                {
                    message.Append($"\n      {check.Message}");
                }
            }
        }

        Assert.Fail(message.ToString());
    }

    private static string Shorten(string html) => html.Length <= 200 ? html : html[..200] + "…";
}
