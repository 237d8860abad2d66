using PledgeBot.Storage;
using PledgeBot.Storage.Sqlite;
using PledgeBot.Tests.Support;

namespace PledgeBot.Tests.Rights;

/// <summary>What an erasure removes in the database, and what it leaves: counters and an audit line that name nobody.</summary>
public sealed class ErasureStoreTests : IDisposable
{
    private const string Campaign = "stand-with-them";
    private const string Code = "abcdefghjk";
    private readonly TempDatabase temp = new();
    private readonly SqlitePersonalDataStore store;
    private readonly SqlitePledgeStore pledges;
    private readonly SqliteReferralStore referrals;

    public ErasureStoreTests()
    {
        var protector = TestEncryption.ProtectorFor(temp.Folder);
        store = new SqlitePersonalDataStore(temp.Database, protector, TimeProvider.System, []);
        pledges = new SqlitePledgeStore(temp.Database, protector);
        referrals = new SqliteReferralStore(temp.Database, TimeProvider.System);
    }

    [Fact]
    public async Task ForgettingAPersonRemovesWhichShareLinkBroughtThemAndKeepsTheLinksCounts()
    {
        await referrals.RecordIssuedCodeAsync(Campaign, Code);
        await referrals.RecordConversionAsync(Campaign, Code, "yemen-crisis", ReferralConversion.Vote, "person-anna");

        await store.ForgetPersonAsync("person-anna", "conversation");

        Assert.Equal(0L, await ScalarAsync("SELECT count(*) FROM referral_conversions"));
        Assert.Equal(1L, (await referrals.GetCountsAsync(Campaign)).Single().Votes);
    }

    [Fact]
    public async Task ForgettingAnEmailErasesItsPledgesInEveryChatAndTheVotesOfThoseWhoSignedWithIt()
    {
        var votes = new SqliteVoteStore(temp.Database, TimeProvider.System);
        await votes.RecordVoteAsync(new VoteRequest(Campaign, "anna-in-teams", "yemen-crisis", "r1"));
        await votes.RecordVoteAsync(new VoteRequest(Campaign, "ben-in-teams", "yemen-crisis", "r2"));
        await pledges.TakePledgeAsync(Signature("anna-in-teams", "email-key-anna", "first-pledge"));
        await pledges.TakePledgeAsync(Signature("anna-on-the-web", "email-key-anna", "second-pledge"));
        await pledges.TakePledgeAsync(Signature("ben-in-teams", "email-key-ben", "first-pledge"));

        var erased = await store.ForgetEmailAsync("email-key-anna", "command");

        Assert.Equal(new ErasureResult(Votes: 1, Pledges: 2, ConsentRecords: 2), erased);
        Assert.Equal(1, (await votes.GetTallyAsync(Campaign)).Total);
        Assert.Equal(1, await pledges.CountAsync(Campaign, "first-pledge"));
        Assert.Equal(0, await pledges.CountAsync(Campaign, "second-pledge"));
        Assert.Equal("command|1|2|2", await ScalarAsync("SELECT source || '|' || votes || '|' || pledges || '|' || consent_records FROM erasures"));
    }

    [Fact]
    public async Task AnErasureOfSomeoneUnknownErasesNothingAndSaysSo()
    {
        var erased = await store.ForgetEmailAsync("email-key-nobody", "command");

        Assert.True(erased.NothingFound);
    }

    private static PledgeSignature Signature(string person, string emailKey, string pledge) => new(
        Campaign, pledge, emailKey, person, "Anna", "anna@example.org",
        new ConsentGiven(new ConsentStatement(1, "statement-hash"), "en", "test", DateTimeOffset.UtcNow));

    private async Task<object?> ScalarAsync(string sql)
    {
        await using var connection = await temp.Database.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync();
    }

    public void Dispose() => temp.Dispose();
}
