using Microsoft.Bot.Schema;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Logging;
using PledgeBot.Dialogs.Content;
using PledgeBot.Dialogs.Identity;
using PledgeBot.Storage;

namespace PledgeBot.Dialogs.Conversation;

/// <summary>
/// Notes the dashboard's funnel steps (joined, read a story, asked for a share card) for the person
/// of a turn. Only the first time writes: what is stored is remembered in memory, so the turns
/// after it (every next story, every share) add no write. Counting is never worth a person's
/// answer: a step that cannot be stored is logged by its error type and tried again next time.
/// </summary>
public sealed class FunnelProgress(CurrentCampaign campaign, IFunnelStore store, PersonKeyHasher hasher, ILogger<FunnelProgress> logger) : IDisposable
{
    /// <summary>
    /// At most this many (person, step) pairs are remembered, so a flood of new people cannot grow
    /// memory; past it the oldest are forgotten, and a forgotten pair costs one write that changes nothing.
    /// </summary>
    public const int MaxRemembered = 50_000;

    private readonly MemoryCache stored = new(new MemoryCacheOptions { SizeLimit = MaxRemembered });

    public async Task ReachedAsync(IActivity person, FunnelStep step, CancellationToken cancellationToken)
    {
        var personKey = hasher.PersonKeyOf(person);
        var key = Key(step, personKey);
        if (stored.TryGetValue(key, out _))
        {
            return;
        }

        try
        {
            await store.RecordAsync(campaign.Content.Id, step, personKey, cancellationToken);
            stored.Set(key, true, new MemoryCacheEntryOptions { Size = 1 });
        }
        catch (Exception problem) when (problem is not OperationCanceledException)
        {
            logger.LogWarning("A funnel step ({Step}) could not be stored ({Error}).", step, problem.GetType().Name);
        }
    }

    /// <summary>After "forget me": their rows are gone, so a step they reach again must be stored again.</summary>
    public void Forget(IActivity person)
    {
        var personKey = hasher.PersonKeyOf(person);
        foreach (var step in Enum.GetValues<FunnelStep>())
        {
            stored.Remove(Key(step, personKey));
        }
    }

    public void Dispose() => stored.Dispose();

    // The campaign is part of the key, as it is of the table's rows.
    private string Key(FunnelStep step, string personKey) => $"{campaign.Content.Id}\n{step}\n{personKey}";
}
