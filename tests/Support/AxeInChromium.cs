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

    /// <summary>
    /// Rules left out on one precise selector, each because the element is drawn by a third-party
    /// control whose markup we cannot change. Every entry says why; the README lists them.
    /// </summary>
    private static readonly IReadOnlyList<(string RuleId, string Selector, string Why)> ThirdPartyExclusions = [];

    /// <param name="what">Names the page and its state in the failure message.</param>
    public static async Task AssertNoViolationsAsync(IPage page, string what)
    {
        var result = await page.RunAxe(new AxeRunOptions
        {
            RunOnly = new RunOnlyOptions { Type = "tag", Values = WcagTags.ToList() },
        });

        var violations = result.Violations
            .Select(v => (Violation: v, Nodes: v.Nodes.Where(n => !IsExcluded(v.Id, n)).ToList()))
            .Where(v => v.Nodes.Count > 0)
            .ToList();
        if (violations.Count == 0)
        {
            return;
        }

        var message = new StringBuilder($"axe found {violations.Count} WCAG violation(s) on {what} ({page.Url}):");
        foreach (var (violation, nodes) in violations)
        {
            message.Append($"\n- {violation.Id} ({violation.Impact}): {violation.Help} [{violation.HelpUrl}]");
            foreach (var node in nodes)
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

    private static bool IsExcluded(string ruleId, AxeResultNode node) =>
        ThirdPartyExclusions.Any(e => e.RuleId == ruleId && node.Target.ToString() == e.Selector);

    private static string Shorten(string html) => html.Length <= 200 ? html : html[..200] + "…";
}
