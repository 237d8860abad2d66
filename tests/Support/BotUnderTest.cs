using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;
using Microsoft.Bot.Schema.Teams;
using PledgeBot.Dialogs.Cards;
using PledgeBot.Dialogs.Content;
using PledgeBot.Dialogs.Conversation;
using PledgeBot.Dialogs.Identity;
using PledgeBot.Dialogs.Results;
using PledgeBot.Dialogs.Teams;
using PledgeBot.Storage;
using PledgeBot.Storage.Sqlite;

namespace PledgeBot.Tests.Support;

/// <summary>
/// The real bot over a real SQLite file, wired as the host wires it, for TestAdapter journeys.
/// Opening a second instance on the same folder is a restart.
/// </summary>
public sealed class BotUnderTest : IDisposable
{
    public static readonly byte[] Secret = Enumerable.Range(1, 32).Select(i => (byte)i).ToArray();

    private readonly TempFolder? ownFolder;

    /// <param name="clock">Drives time for tests about expiry; the system clock otherwise.</param>
    public BotUnderTest(string? folder = null, TimeProvider? clock = null)
    {
        Clock = clock ?? TimeProvider.System;
        ownFolder = folder is null ? new TempFolder() : null;
        Folder = folder ?? ownFolder!.Path;
        Content = ShippedCampaign.Load();
        var campaign = new CurrentCampaign(new RunningContent(Content, File.ReadAllText(ShippedCampaign.ContentFile), Version: null));
        Database = new SqliteDatabase(Path.Combine(Folder, "pledgebot.db"));
        Votes = new SqliteVoteStore(Database, TimeProvider.System);
        Protector = TestEncryption.ProtectorFor(Folder);
        Pledges = new SqlitePledgeStore(Database, Protector, Clock);
        PersonalData = new SqlitePersonalDataStore(Database, Protector, Clock, []);
        Referrals = new SqliteReferralStore(Database, TimeProvider.System);
        Hasher = new PersonKeyHasher(Secret);
        ConversationState = new ConversationState(new SqliteBotStateStorage(Database, TimeProvider.System));
        var cardSettings = new CardSettings(new Uri("http://localhost:3978/"));
        var voting = new VotingStatusReader(new SqliteVotingControls(Database), Clock);
        var liveCards = new LiveCards(campaign, cardSettings, Votes, Hasher, voting);
        Funnel = new FunnelProgress(campaign, new SqliteFunnelStore(Database), Hasher, Microsoft.Extensions.Logging.Abstractions.NullLogger<FunnelProgress>.Instance);
        var attribution = new ReferralAttribution(campaign, Referrals, Hasher, Microsoft.Extensions.Logging.Abstractions.NullLogger<ReferralAttribution>.Instance);
        var statements = new ConsentStatementVersions(campaign, new SqliteConsentStatements(Database, Clock));
        var followUps = new FollowUpDialog(campaign, new SqliteFollowUps(Database, Protector), Hasher, statements, Clock);
        var pledges = new PledgeDialog(
            campaign, Pledges, Hasher, Clock, attribution, new PledgeSteps(Protector, Clock), Protector, statements,
            new PledgeSettings(DoubleOptIn: true), followUps);
        Bot = new CampaignBot(
            campaign,
            ConversationState,
            new StoryDialog(liveCards, Funnel),
            new VoteDialog(campaign, Votes, Hasher, liveCards, attribution, voting, followUps),
            pledges,
            new RightsDialog(campaign, PersonalData, Hasher, Clock, ConversationState, new PledgeSettings(DoubleOptIn: true), Funnel, Microsoft.Extensions.Logging.Abstractions.NullLogger<RightsDialog>.Instance),
            liveCards,
            new ShareCauseSearch(campaign, cardSettings),
            new ShareDialog(campaign, cardSettings, Hasher, liveCards, Referrals, Funnel, Microsoft.Extensions.Logging.Abstractions.NullLogger<ShareDialog>.Instance),
            attribution,
            Funnel,
            new LanguageDialog(campaign, new SqliteLanguageChoices(Database), Hasher, pledges),
            followUps);
    }

    public string Folder { get; }

    public CampaignContent Content { get; }

    public SqliteDatabase Database { get; }

    public SqliteVoteStore Votes { get; }

    public SqlitePledgeStore Pledges { get; }

    public PersonalDataProtector Protector { get; }

    public SqlitePersonalDataStore PersonalData { get; }

    public TimeProvider Clock { get; }

    public SqliteReferralStore Referrals { get; }

    public PersonKeyHasher Hasher { get; }

    public ConversationState ConversationState { get; }

    public CampaignBot Bot { get; }

    public FunnelProgress Funnel { get; }

    public ChatSession Chat(string userId = "user-1", string conversationId = "conversation-1", string channelId = "test") =>
        new(this, userId, conversationId, channelId);

    /// <summary>A person in Teams: their AAD object id, a tenant, and a personal chat, group chat or channel.</summary>
    public ChatSession TeamsChat(
        string aadObjectId,
        string conversationId = "teams-conversation-1",
        string conversationType = "personal",
        string tenantId = "tenant-contoso",
        params IMiddleware[] middleware) =>
        new(this, new ConversationReference
        {
            ChannelId = "msteams",
            ServiceUrl = "https://smba.trafficmanager.net/teams/",
            User = new ChannelAccount($"29:{aadObjectId}", "Teams person", aadObjectId: aadObjectId),
            Bot = new ChannelAccount("28:bot", "Campaign bot"),
            Conversation = new ConversationAccount(isGroup: conversationType != "personal", conversationType: conversationType, id: conversationId, tenantId: tenantId),
        },
        new TeamsChannelData { Tenant = new TenantInfo(tenantId) },
        middleware);

    public Task<int> PledgeCountAsync() =>
        Pledges.CountAsync(Content.Id, Content.CausesWithPledges.Single().Pledge!.Id);

    public void Dispose()
    {
        ownFolder?.Dispose();
    }
}
