using PledgeBot.Storage;
using PledgeBot.Tests.Support;
using static PledgeBot.Tests.Support.PledgeStores;

namespace PledgeBot.Tests.Storage;

/// <summary>
/// The language each person chose, on every database: one row per person, a language code only,
/// read back after a restart, and gone with the rest of the person's data when they are forgotten
/// or the campaign's retention takes its personal data. Each derived class runs these on one.
/// </summary>
public abstract class LanguageChoicesStoreTests : IAsyncLifetime
{
    private PledgeStores stores = null!;
    private ILanguageChoices choices = null!;

    protected abstract Task<DatabaseUnderTest> CreateDatabaseAsync();

    public async Task InitializeAsync()
    {
        stores = new PledgeStores(await CreateDatabaseAsync());
        choices = stores.Database.LanguageChoices();
    }

    public async Task DisposeAsync() => await stores.DisposeAsync();

    [StoreFact]
    public async Task SomeoneWhoNeverChoseHasNoChoice()
    {
        Assert.Null(await choices.FindAsync("person-key-anna"));
    }

    [StoreFact]
    public async Task AChoiceIsReadBackByARestartedBotAndTheLastChoiceIsTheOneRowKept()
    {
        await choices.SaveAsync("person-key-anna", "fr");
        await choices.SaveAsync("person-key-ben", "sw");
        await choices.SaveAsync("person-key-anna", "fil");

        var reopened = stores.Database.ReopenedLanguageChoices();
        Assert.Equal("fil", await reopened.FindAsync("person-key-anna"));
        Assert.Equal("sw", await reopened.FindAsync("person-key-ben"));
        Assert.Equal(1, await stores.Database.CountAsync("SELECT count(*) FROM language_choices WHERE person_key = 'person-key-anna'"));
        Assert.Equal(2, await stores.Database.CountAsync("SELECT count(*) FROM language_choices"));
    }

    [StoreFact]
    public async Task AnythingButALanguageCodeIsRefusedAndNothingIsStored()
    {
        foreach (var language in new[] { "", "french", "FR", "fr-CA", "<b>" })
        {
            await Assert.ThrowsAsync<ArgumentException>(() => choices.SaveAsync("person-key-anna", language));
        }

        Assert.Equal(0, await stores.Database.CountAsync("SELECT count(*) FROM language_choices"));
    }

    [StoreFact]
    public async Task MyDataShowsTheChoiceAndSomeoneWithOnlyAChoiceIsNotEmpty()
    {
        await choices.SaveAsync("person-key-anna", "ar");

        var report = await stores.PersonalData.FindAsync(CampaignId, "person-key-anna");

        Assert.Equal("ar", report.Language);
        Assert.False(report.IsEmpty);
        Assert.Null((await stores.PersonalData.FindAsync(CampaignId, "person-key-ben")).Language);
    }

    [StoreFact]
    public async Task ForgettingAPersonErasesTheirChoiceAndNobodyElses()
    {
        await choices.SaveAsync("person-key-anna", "fr");
        await choices.SaveAsync("person-key-ben", "fr");

        await stores.PersonalData.ForgetPersonAsync("person-key-anna", "conversation");

        Assert.Null(await choices.FindAsync("person-key-anna"));
        Assert.Equal("fr", await choices.FindAsync("person-key-ben"));
    }

    [StoreFact]
    public async Task ForgettingAnEmailErasesTheChoiceOfWhoeverPledgedWithIt()
    {
        await stores.Pledges.TakePledgeAsync(Signature("anna"));
        await choices.SaveAsync("person-key-anna", "sw");
        await choices.SaveAsync("person-key-ben", "sw");

        await stores.PersonalData.ForgetEmailAsync("email-key-anna", "command");

        Assert.Null(await choices.FindAsync("person-key-anna"));
        Assert.Equal("sw", await choices.FindAsync("person-key-ben"));
    }

    [StoreFact]
    public async Task RetentionTakesTheChoicesOfTheCampaignsPeopleAndNotOfOthers()
    {
        // Anna pledged, Ben voted, Carla only chatted (the funnel knows her); Dan is in another campaign.
        await stores.Pledges.TakePledgeAsync(Signature("anna"));
        await stores.Database.VoteStore(stores.Clock).RecordVoteAsync(new VoteRequest(CampaignId, "person-key-ben", "cause-a", "vote-of-ben", "test"));
        await stores.Database.FunnelStore().RecordAsync(CampaignId, FunnelStep.Joined, "person-key-carla");
        await stores.Database.FunnelStore().RecordAsync("another-campaign", FunnelStep.Joined, "person-key-dan");
        foreach (var who in new[] { "anna", "ben", "carla", "dan" })
        {
            await choices.SaveAsync($"person-key-{who}", "fr");
        }

        await stores.Database.RetentionStore(stores.Clock).ApplyAsync(CampaignId);

        Assert.Equal(["person-key-dan"], await PeopleWithAChoiceAsync());
    }

    private async Task<IReadOnlyList<string>> PeopleWithAChoiceAsync()
    {
        await using var connection = await stores.Database.OpenRawConnectionAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT person_key FROM language_choices ORDER BY person_key";
        var people = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            people.Add(reader.GetString(0));
        }

        return people;
    }
}
