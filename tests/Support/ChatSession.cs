using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Adapters;
using Microsoft.Bot.Schema;
using Newtonsoft.Json.Linq;

namespace PledgeBot.Tests.Support;

/// <summary>One person chatting with the bot through the SDK's TestAdapter: type, click, read the replies.</summary>
public sealed class ChatSession
{
    private readonly BotUnderTest bot;
    private readonly TestAdapter adapter;
    private readonly object? channelData;

    public ChatSession(BotUnderTest bot, string userId, string conversationId, string channelId)
        : this(bot, new ConversationReference
        {
            ChannelId = channelId,
            ServiceUrl = "https://test.example",
            User = new ChannelAccount(userId, "Test person"),
            Bot = new ChannelAccount("bot", "Campaign bot"),
            Conversation = new ConversationAccount(id: conversationId),
        })
    {
    }

    /// <param name="channelData">Stamped on every activity, as Teams stamps the tenant.</param>
    /// <param name="middleware">Adapter middleware, as the host adds it.</param>
    public ChatSession(BotUnderTest bot, ConversationReference reference, object? channelData = null, params IMiddleware[] middleware)
    {
        this.bot = bot;
        this.channelData = channelData;
        adapter = new TestAdapter(reference);
        foreach (var step in middleware)
        {
            adapter.Use(step);
        }
    }

    public IReadOnlyList<IActivity> LastReplies { get; private set; } = [];

    /// <summary>The card of the last reply that carried one.</summary>
    /// <summary>The card that answered the last turn (a follow-up question after it is in <see cref="LastReplies"/>).</summary>
    public JObject LastCard => LastReplies.Where(r => r.AsMessageActivity()?.Attachments?.Count > 0).Select(r => r.Card()).Last(card => !card.IsFollowUp());

    public async Task<JObject> SayAsync(string text)
    {
        await SendAsync(MessageFactory(text, value: null));
        return LastCard;
    }

    /// <summary>Clicks an Action.Submit on the last card, as Web Chat and Teams do: its data becomes the value.</summary>
    public async Task<JObject> SendAndReadCardAsync(Activity activity)
    {
        await SendAsync(activity);
        return LastCard;
    }

    public Task<JObject> ClickAsync(string buttonTitle, object? inputs = null)
    {
        var data = (JObject)LastCard.Button(buttonTitle)["data"]!.DeepClone();
        if (inputs is not null)
        {
            data.Merge(JObject.FromObject(inputs));
        }

        return SendAndReadCardAsync(MessageFactory(text: null, value: data));
    }

    public Task<JObject> JoinAsync() => SendAndReadCardAsync(new Activity
    {
        Type = ActivityTypes.ConversationUpdate,
        MembersAdded = [new ChannelAccount(adapter.Conversation.User.Id), new ChannelAccount("bot")],
    });

    /// <summary>What our chat page sends once Direct Line connects: the <c>webchat/join</c> event with the link's cause and referral code.</summary>
    public Task<JObject> JoinFromPageAsync(string? cause = null, object? referral = null) => SendAndReadCardAsync(new Activity
    {
        Type = ActivityTypes.Event,
        Name = "webchat/join",
        Value = new JObject { ["cause"] = cause, ["locale"] = "en-GB", ["referral"] = referral is null ? null : JToken.FromObject(referral) },
    });

    /// <summary>Sends an invoke (a Teams card action or search) and returns the body of the invoke response.</summary>
    public async Task<JObject> InvokeAsync(string name, object value)
    {
        await SendAsync(new Activity { Type = ActivityTypes.Invoke, Name = name, Value = JObject.FromObject(value) });
        var response = (InvokeResponse)((Activity)LastReplies.Single(r => r.Type == ActivityTypesEx.InvokeResponse)).Value;
        Assert.Equal(200, response.Status);
        return JObject.FromObject(response.Body);
    }

    public async Task SendAsync(Activity activity)
    {
        activity.ChannelData ??= channelData;
        await adapter.ProcessActivityAsync(activity, bot.Bot.OnTurnAsync, CancellationToken.None);
        var replies = new List<IActivity>();
        while (adapter.ActiveQueue.Count > 0)
        {
            replies.Add(adapter.ActiveQueue.Dequeue());
        }

        LastReplies = replies;
    }

    private static Activity MessageFactory(string? text, JObject? value) => new()
    {
        Type = ActivityTypes.Message,
        Text = text,
        Value = value,
        Id = Guid.NewGuid().ToString("N"),
    };
}
