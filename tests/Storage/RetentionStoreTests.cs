using System.Globalization;
using PledgeBot.Storage;
using PledgeBot.Tests.Support;
using static PledgeBot.Tests.Support.PledgeStores;

namespace PledgeBot.Tests.Storage;

/// <summary>
/// Data retention on every database: the campaign's pledge, vote and funnel rows stay (so every
/// count does) while names, emails, keys, consent records and queued emails go, and a second round
/// finds nothing.
/// </summary>
public abstract class RetentionStoreTests : IAsyncLifetime
{
    protected const string OtherPledge = "another-pledge";
    protected const string OtherCampaign = "another-campaign";
    private PledgeStores stores = null!;

    protected abstract Task<DatabaseUnderTest> CreateDatabaseAsync();

    protected PledgeStores Stores => stores;

    protected IRetentionStore Retention { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        stores = new PledgeStores(await CreateDatabaseAsync());
        Retention = stores.Database.RetentionStore(stores.Clock);
    }

    public async Task DisposeAsync() => await stores.DisposeAsync();

    /// <summary>
    /// What there is to take: Anna (who also voted and joined the funnel) and Ben on the campaign's
    /// pledge, Carla on another of its pledges, Dan on another campaign; each asked for a confirmation email.
    /// </summary>
    protected async Task StoreCampaignAsync()
    {
        await stores.Pledges.TakePledgeAsync(Signature("anna"));
        await stores.Pledges.TakePledgeAsync(Signature("ben"));
        await stores.Pledges.TakePledgeAsync(Signature("carla") with { PledgeId = OtherPledge });
        await stores.Pledges.TakePledgeAsync(Signature("dan") with { CampaignId = OtherCampaign });
        await stores.Database.VoteStore(stores.Clock).RecordVoteAsync(new VoteRequest(CampaignId, "person-key-anna", "cause-a", "vote-of-anna", "test"));
        await stores.Database.FunnelStore().RecordAsync(CampaignId, FunnelStep.Joined, "person-key-anna");
    }

    private static readonly RetentionReport Everything = new([new(OtherPledge, 1, 1, 1), new(PledgeId, 2, 2, 2)], 1);

    [StoreFact]
    public async Task APreviewCountsPerPledgeWhatWouldGoAndChangesNothing()
    {
        await StoreCampaignAsync();
        var before = await PersonalValuesAsync();

        var preview = await Retention.PreviewAsync(CampaignId);

        Assert.Equal(Everything.Pledges, preview.Pledges);
        Assert.Equal((3, 3, 1), (preview.PledgeCount, preview.ConsentRecordCount, preview.Votes));
        Assert.Equal(before, await PersonalValuesAsync());
        Assert.Equal(4, await stores.Database.CountAsync("SELECT count(*) FROM consent_records"));
        Assert.Equal(0, await stores.Database.CountAsync("SELECT count(*) FROM erasures"));
    }

    [StoreFact]
    public async Task RetentionTakesTheCampaignsPersonalDataAndKeepsEveryRowAndCount()
    {
        await StoreCampaignAsync();
        var before = await PersonalValuesAsync();
        var othersBefore = await PersonalValuesAsync(OtherCampaign);
        var tally = await stores.Database.VoteStore(stores.Clock).GetTallyAsync(CampaignId);
        stores.Clock.Advance(TimeSpan.FromDays(800));

        var taken = await Retention.ApplyAsync(CampaignId);

        Assert.Equal(Everything.Pledges, taken.Pledges);
        Assert.Equal(1, taken.Votes);
        // The rows stay, so the counts do; nothing in them names or points at anyone from before.
        Assert.Equal(2, await stores.Pledges.CountAsync(CampaignId, PledgeId));
        Assert.Equal(1, await stores.Pledges.CountAsync(CampaignId, OtherPledge));
        Assert.Equal(tally.VotesByCause, (await stores.Database.VoteStore(stores.Clock).GetTallyAsync(CampaignId)).VotesByCause);
        Assert.Equal(1, (await stores.Database.FunnelStore().CountAsync(CampaignId)).Joined);
        Assert.Equal(3, await stores.Database.CountAsync($"SELECT count(*) FROM pledges WHERE campaign_id = '{CampaignId}' AND first_name = '' AND email = '' AND retained_at IS NOT NULL AND consent_record_id IS NULL"));
        Assert.Empty((await PersonalValuesAsync()).Where(v => v.Length > 0).Intersect(before));
        Assert.Equal(othersBefore, await PersonalValuesAsync(OtherCampaign));
        // Consent records and queued emails go with the personal data they were about; Dan's stay.
        Assert.Equal(1, await stores.Database.CountAsync("SELECT count(*) FROM consent_records"));
        Assert.Equal(1, await stores.Database.CountAsync("SELECT count(*) FROM confirmation_emails"));
        // Times are cut to the day: no longer the moment someone did something.
        var day = new DateTimeOffset(2026, 11, 26, 0, 0, 0, TimeSpan.Zero);
        Assert.All(await InstantsAsync($"SELECT consented_at FROM pledges WHERE campaign_id = '{CampaignId}'"), at => Assert.Equal(day, at));
        Assert.All(await InstantsAsync("SELECT voted_at FROM votes"), at => Assert.Equal(day, at));
        Assert.Equal(1, await stores.Database.CountAsync("SELECT count(*) FROM erasures WHERE source = 'retention' AND votes = 1 AND pledges = 3 AND consent_records = 3"));
    }

    [StoreFact]
    public async Task ASecondRoundFindsNothingAndPledgesMadeSinceAreTakenByTheNext()
    {
        await StoreCampaignAsync();
        await Retention.ApplyAsync(CampaignId);

        var again = await Retention.ApplyAsync(CampaignId);

        Assert.True(again.NothingFound);
        Assert.Empty(again.Pledges);
        Assert.True((await Retention.PreviewAsync(CampaignId)).NothingFound);
        Assert.Equal(1, await stores.Database.CountAsync("SELECT count(*) FROM erasures"));

        // Anna again, with the same email: nothing links her to the row that was hers.
        Assert.Equal(3, (await stores.Pledges.TakePledgeAsync(Signature("anna"))).Count);
        var next = await Retention.ApplyAsync(CampaignId);
        Assert.Equal([new PledgeRetention(PledgeId, 1, 1, 1)], next.Pledges);
        Assert.Equal(0, next.Votes);
        Assert.Equal(2, await stores.Database.CountAsync("SELECT count(*) FROM erasures WHERE source = 'retention'"));
    }

    /// <summary>
    /// Every value of the campaign's pledge, vote and funnel rows that names or points at a person:
    /// names and emails (as stored, encrypted), keys, record ids.
    /// </summary>
    protected async Task<IReadOnlyList<string>> PersonalValuesAsync(string campaignId = CampaignId)
    {
        await using var connection = await stores.Database.OpenRawConnectionAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $"""
            SELECT first_name FROM pledges WHERE campaign_id = '{campaignId}' UNION ALL SELECT email FROM pledges WHERE campaign_id = '{campaignId}'
            UNION ALL SELECT person_key FROM pledges WHERE campaign_id = '{campaignId}' UNION ALL SELECT email_key FROM pledges WHERE campaign_id = '{campaignId}'
            UNION ALL SELECT record_id FROM pledges WHERE campaign_id = '{campaignId}'
            UNION ALL SELECT person_key FROM votes WHERE campaign_id = '{campaignId}' UNION ALL SELECT person_key FROM funnel_steps WHERE campaign_id = '{campaignId}'
            """;
        var values = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            values.Add(reader.GetString(0));
        }

        return values.Order(StringComparer.Ordinal).ToList();
    }

    /// <summary>Instants as stored: ISO 8601 text on SQLite, timestamptz on PostgreSQL.</summary>
    private async Task<IReadOnlyList<DateTimeOffset>> InstantsAsync(string sql)
    {
        await using var connection = await stores.Database.OpenRawConnectionAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        var instants = new List<DateTimeOffset>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            instants.Add(reader.GetValue(0) switch
            {
                string text => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind),
                DateTime utc => new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc)),
                var other => (DateTimeOffset)other,
            });
        }

        return instants;
    }
}
