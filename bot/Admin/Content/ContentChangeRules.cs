using System.Text.Json;
using PledgeBot.Dialogs.Content;
using PledgeBot.Storage;

namespace PledgeBot.Admin.Content;

/// <summary>
/// What a publish may not change while the campaign runs, beyond what makes content valid: the
/// campaign's id (votes and pledges are stored under it), and any cause or pledge that already has
/// votes or pledges stored (they would vanish from the results, share pages and exports).
/// </summary>
public sealed class ContentChangeRules(IVoteStore votes, IPledgeStore pledges)
{
    /// <summary>Every rule the draft breaks, each starting with <paramref name="displayName"/>; none when it may replace <paramref name="running"/>.</summary>
    public async Task<IReadOnlyList<string>> CheckAsync(CampaignContent running, string json, string displayName, CancellationToken cancellationToken)
    {
        // Read from the JSON itself rather than from checked content, so that these problems are
        // listed together with the loader's in one round, even when the draft has other mistakes.
        if (DraftIds.Read(json) is not { } draft)
        {
            return [];
        }

        var problems = new List<string>();
        if (draft.CampaignId is { } id && !string.Equals(id, running.Id, StringComparison.Ordinal))
        {
            problems.Add($"{displayName}: campaign: field 'id' is '{id}', but the running campaign is '{running.Id}'; "
                + "the id cannot change while the campaign runs, because its votes and pledges are stored under it");
        }

        var tally = await votes.GetTallyAsync(running.Id, cancellationToken);
        foreach (var cause in running.Causes.Where(c => !draft.CauseIds.Contains(c.Id)))
        {
            var stored = tally.VotesFor(cause.Id);
            if (stored > 0)
            {
                problems.Add($"{displayName}: cause '{cause.Id}' has {Count(stored, "stored vote")}; removing it or changing its id "
                    + "would make them vanish from the results. Keep the cause (its texts may change)");
            }
        }

        foreach (var cause in running.CausesWithPledges.Where(c => !draft.PledgeIds.Contains(c.Pledge!.Id)))
        {
            var stored = await pledges.CountAsync(running.Id, cause.Pledge!.Id, cancellationToken);
            if (stored > 0)
            {
                problems.Add($"{displayName}: pledge '{cause.Pledge.Id}' of cause '{cause.Id}' has {Count(stored, "stored pledge")}; removing it or "
                    + "changing its id would make them vanish from the results and the exports. Keep the pledge (its texts may change)");
            }
        }

        return problems;
    }

    private static string Count(int n, string what) => n == 1 ? $"1 {what}" : $"{n:N0} {what}s";

    /// <summary>The ids a draft names, as far as its JSON can be read.</summary>
    private sealed record DraftIds(string? CampaignId, HashSet<string> CauseIds, HashSet<string> PledgeIds)
    {
        private static readonly JsonDocumentOptions Lenient = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

        public static DraftIds? Read(string json)
        {
            try
            {
                using var document = JsonDocument.Parse(json, Lenient);
                if (document.RootElement.ValueKind != JsonValueKind.Object)
                {
                    return null;
                }

                var root = document.RootElement;
                var causes = new HashSet<string>(StringComparer.Ordinal);
                var pledgeIds = new HashSet<string>(StringComparer.Ordinal);
                if (Property(root, "causes") is { ValueKind: JsonValueKind.Array } list)
                {
                    foreach (var cause in list.EnumerateArray().Where(c => c.ValueKind == JsonValueKind.Object))
                    {
                        if (Text(cause, "id") is { } causeId)
                        {
                            causes.Add(causeId);
                        }

                        if (Property(cause, "pledge") is { ValueKind: JsonValueKind.Object } pledge && Text(pledge, "id") is { } pledgeId)
                        {
                            pledgeIds.Add(pledgeId);
                        }
                    }
                }

                return new DraftIds(Text(root, "id"), causes, pledgeIds);
            }
            catch (JsonException)
            {
                // The loader says what is wrong with JSON that does not parse.
                return null;
            }
        }

        // The loader reads property names case-insensitively and trims values; so do these.
        private static JsonElement? Property(JsonElement element, string name) =>
            element.EnumerateObject().Where(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase)).Select(p => (JsonElement?)p.Value).LastOrDefault();

        private static string? Text(JsonElement element, string name) =>
            Property(element, name) is { ValueKind: JsonValueKind.String } value && value.GetString()?.Trim() is { Length: > 0 } text ? text : null;
    }
}
