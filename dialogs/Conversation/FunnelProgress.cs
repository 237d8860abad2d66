using Microsoft.Bot.Schema;
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
/// <remarks>
/// What is remembered is a fixed table of 64-bit fingerprints, one slot per fingerprint's place,
/// allocated once: memory stays the same however many people come (a cache of entries grew with
/// every new person until its limit, which a soak test showed as a working set still rising after
/// ten minutes). A newcomer may take a slot another pair held; that pair then costs one more write
/// that changes nothing (the table's primary key ignores it).
/// </remarks>
public sealed class FunnelProgress(CurrentCampaign campaign, IFunnelStore store, PersonKeyHasher hasher, ILogger<FunnelProgress> logger)
{
    /// <summary>How many (person, step) pairs fit: 1 MB of slots.</summary>
    public const int Slots = 1 << 17;

    private readonly ulong[] stored = new ulong[Slots];

    public async Task ReachedAsync(IActivity person, FunnelStep step, CancellationToken cancellationToken)
    {
        var personKey = hasher.PersonKeyOf(person);
        var campaignId = campaign.Content.Id;
        var fingerprint = Fingerprint(campaignId, step, personKey);
        var slot = SlotOf(fingerprint);
        if (Volatile.Read(ref stored[slot]) == fingerprint)
        {
            return;
        }

        try
        {
            await store.RecordAsync(campaignId, step, personKey, cancellationToken);
            Volatile.Write(ref stored[slot], fingerprint);
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
            var fingerprint = Fingerprint(campaign.Content.Id, step, personKey);
            Interlocked.CompareExchange(ref stored[SlotOf(fingerprint)], 0, fingerprint);
        }
    }

    private static int SlotOf(ulong fingerprint) => (int)(fingerprint % Slots);

    /// <summary>
    /// 64 bits of the pair (two differently seeded hashes of this process), never 0, which marks an
    /// empty slot. The campaign is part of it, as it is of the table's rows.
    /// </summary>
    private static ulong Fingerprint(string campaignId, FunnelStep step, string personKey)
    {
        var low = (uint)HashCode.Combine(campaignId, step, personKey);
        var high = (uint)HashCode.Combine(personKey, step, campaignId, 0x5bd1e995);
        return ((ulong)high << 32) | low | 1;
    }
}
