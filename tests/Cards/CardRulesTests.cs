using System.Text;
using System.Text.Json.Nodes;
using PledgeBot.Dialogs.Cards;
using PledgeBot.Dialogs.Content;
using PledgeBot.Storage;
using PledgeBot.Tests.Support;

namespace PledgeBot.Tests.Cards;

public sealed class CardRulesTests
{
    private static readonly CampaignContent Content =
        CampaignContentLoader.Load(Path.Combine(AppContext.BaseDirectory, "campaign", "campaign.json"));

    private static readonly CampaignContent InFiveLanguages = Support.TranslatedCampaign.Content("fr", "ar", "sw", "fil");

    private static readonly CardSettings Settings = new(new Uri("https://pledgebot.example.org/"));

    private static readonly Cause PledgeCause = Content.CausesWithPledges.First();

    private static readonly PledgeFormInput[] FormInputs =
    [
        new("firstName", "First name", "Your first name", null),
        new("email", "Email address", "name@example.org", "Email"),
    ];

    private static readonly VoteTally Tally = new(new Dictionary<string, int>
    {
        ["protecting-innocence"] = 2,
        ["yemen-crisis"] = 1,
    });

    private static readonly Dictionary<string, Func<JsonObject>> Cards = new()
    {
        ["Welcome"] = () => WelcomeCard.Create(Content),
        ["Story 1"] = () => StoryCard.Create(Content, 1, Settings),
        ["Story 2"] = () => StoryCard.Create(Content, 2, Settings),
        ["Story 3"] = () => StoryCard.Create(Content, 3, Settings),
        ["Story 4"] = () => StoryCard.Create(Content, 4, Settings),
        ["Vote, not voted yet"] = () => VoteCard.Create(Content, null),
        ["Vote, voted"] = () => VoteCard.Create(Content, "yemen-crisis"),
        ["Results, not voted"] = () => ResultsCard.Create(Content, Settings, Tally, null),
        ["Results, nobody voted"] = () => ResultsCard.Create(Content, Settings, new VoteTally(new Dictionary<string, int>()), null),
        ["Results, just changed vote"] = () => ResultsCard.Create(Content, Settings, Tally, "protecting-innocence",
            new VoteResult(VoteOutcome.Changed, "protecting-innocence", "yemen-crisis")),
        ["Pledge question: first name"] = () => PledgeQuestionCard.AskFirstName(PledgeCause.Pledge!, null),
        ["Pledge question: first name again"] = () => PledgeQuestionCard.AskFirstName(PledgeCause.Pledge!, "A first name needs letters."),
        ["Pledge question: email"] = () => PledgeQuestionCard.AskEmail("Anna", null),
        ["Pledge question: consent"] = () => PledgeQuestionCard.AskConsent(Content, "Please answer yes or no."),
        ["Pledge form"] = () => PledgeFormCard.Create(Content, PledgeCause.Pledge!, FormInputs),
        ["Pledge form with problems"] = () => PledgeFormCard.Create(Content, PledgeCause.Pledge!, FormInputs,
            new Dictionary<string, string?> { ["firstName"] = "Anna", ["email"] = "anna@" }, consent: false,
            problems: ["That doesn't look like an email address.", "Please agree to the privacy statement."]),
        ["Pledge question with help"] = () => PledgeQuestionCard.AskEmail("Anna", null, "Your email address is stored with your pledge."),
        ["My data, nothing stored"] = () => MyDataCard.Create(Content, new PersonalDataReport(null, []), "the campaign's web chat"),
        ["My data, vote and pledge"] = () => MyDataCard.Create(Content, new PersonalDataReport(
            new StoredVote("yemen-crisis", DateTimeOffset.UnixEpoch),
            [new StoredPledge(PledgeCause.Pledge!.Id, "Anna", "anna@example.org", DateTimeOffset.UnixEpoch, 1, null, DateTimeOffset.UnixEpoch, "en")]),
            "Microsoft Teams"),
        ["My data, a language chosen"] = () => MyDataCard.Create(Content, new PersonalDataReport(null, [], "ar"), "the campaign's web chat"),
        ["Welcome, in five languages"] = () => WelcomeCard.Create(InFiveLanguages),
        ["Languages"] = () => LanguageCard.Create(InFiveLanguages),
        ["Forget me?"] = () => ForgetMeCard.Confirm(),
        ["Forgotten"] = () => ForgetMeCard.Done(Content, new ErasureResult(1, 1, 2)),
        ["Pledge confirmation"] = () => PledgeConfirmationCard.Create(PledgeCause.Pledge!, "Anna", "anna@example.org"),
        ["Pledge thanks, first"] = () => PledgeThanksCard.Create(PledgeCause, PledgeCause.Pledge!, "Anna", 1),
        ["Pledge thanks, many"] = () => PledgeThanksCard.Create(PledgeCause, PledgeCause.Pledge!, "Anna", 1234),
        ["Pledge thanks, check your inbox"] = () => PledgeThanksCard.Create(PledgeCause, PledgeCause.Pledge!, "Anna", 12, confirmationEmailed: true),
        ["Results, the campaign's goal reached"] = () => ResultsCard.Create(Content with { VoteGoal = 2 }, Settings, Tally, null),
        ["Pledge thanks, toward the pledge's goal"] = () => PledgeThanksCard.Create(PledgeCause, PledgeCause.Pledge! with { Goal = 2000 }, "Anna", 1204),
        ["Pledge choice"] = () => PledgeChoiceCard.Create(Content),
        ["Notice"] = () => NoticeCard.Create(Content, "Cancelled", "Nothing was stored."),
        ["Help"] = () => NoticeCard.Help(Content),
        ["Hear how it ends, in Teams"] = () => FollowUpCard.Ask(FollowUpRoute.Teams, "en"),
        ["Hear how it ends, by email"] = () => FollowUpCard.Ask(FollowUpRoute.Email, "en"),
        ["This chat cannot reach you later"] = () => FollowUpCard.CannotReach(Content),
        ["Updates answered"] = () => FollowUpCard.Answered(Content, "We will message you here.", "You chose: Yes, message me here"),
        ["My data, updates by Teams"] = () => MyDataCard.Create(
            Content,
            new PersonalDataReport(null, [], null, new FollowUpChoice(FollowUpStatus.Subscribed, FollowUpRoute.Teams, DateTimeOffset.UnixEpoch, new ConsentStatement("fr", 2, "hash"))),
            "Microsoft Teams"),
        ["Story with standing"] = () => StoryCard.Create(Content, 1, Settings, new CauseStanding(3, 60, IsReadersVote: true)),
        ["Share after a vote"] = () => ShareCard.Create(Content, Content.Causes[2], ShareReason.Voted, new Uri("http://localhost:3978/c/yemen-crisis?r=abcdefghij"), Settings, inTeams: false),
        ["Share after a pledge, in Teams"] = () => ShareCard.Create(Content, PledgeCause, ShareReason.Pledged, new Uri("http://localhost:3978/c/protecting-innocence?r=abcdefghij"), Settings, inTeams: true),
        ["Story in Teams"] = () => PledgeBot.Dialogs.Teams.UniversalActions.ForTeams(StoryCard.Create(Content, 2, Settings), CardView.Story(2), "29:someone"),
        ["Results in a Teams group"] = () => PledgeBot.Dialogs.Teams.UniversalActions.ForTeams(ResultsCard.Create(Content, Settings, Tally, null), CardView.Results, null),
    };

    public static TheoryData<string> CardNames => new(Cards.Keys);

    public static TheoryData<int> StoryNumbers => new(Enumerable.Range(1, Content.Causes.Count));

    /// <summary>Every card, in English and in Arabic (right to left, and a translation of every word).</summary>
    public static TheoryData<string, string> CardNamesInTwoLanguages
    {
        get
        {
            var data = new TheoryData<string, string>();
            foreach (var card in Cards.Keys)
            {
                data.Add(card, "en");
                data.Add(card, "ar");
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(CardNamesInTwoLanguages))]
    public void EveryCardCanBeUsedWithAScreenReader(string card, string language)
    {
        var json = InLanguage.Run(language, Cards[card]);

        var speak = (string?)json["speak"];
        Assert.False(string.IsNullOrWhiteSpace(speak));
        Assert.DoesNotContain("**", speak);
        Assert.All(Objects(json).Where(o => ((string?)o["type"])?.StartsWith("Input.", StringComparison.Ordinal) == true), input =>
        {
            Assert.False(string.IsNullOrWhiteSpace((string?)input["label"]), input.ToJsonString());
            if ((bool?)input["isRequired"] == true)
            {
                Assert.False(string.IsNullOrWhiteSpace((string?)input["errorMessage"]), input.ToJsonString());
            }
        });
        Assert.All(OfType(json, "Image"), image => Assert.False(string.IsNullOrWhiteSpace((string?)image["altText"])));
        Assert.All(OfType(json, "TextBlock").Where(t => (string?)t["style"] == "heading"), heading => Assert.False(string.IsNullOrWhiteSpace((string?)heading["text"])));
        Assert.Contains(OfType(json, "TextBlock"), t => (string?)t["style"] == "heading");
    }

    [Theory]
    [MemberData(nameof(CardNamesInTwoLanguages))]
    public void ArabicCardsAreLaidOutRightToLeftAndEnglishOnesAreNot(string card, string language)
    {
        var json = InLanguage.Run(language, Cards[card]);

        Assert.Equal(language == "ar" ? true : null, (bool?)json["rtl"]);
    }

    [Fact]
    public void EveryFieldOfThePledgeFormIsRequiredAndSaysWhatIsMissing()
    {
        var form = PledgeFormCard.Create(Content, PledgeCause.Pledge!, FormInputs);

        var inputs = Objects(form).Where(o => ((string?)o["type"])?.StartsWith("Input.", StringComparison.Ordinal) == true).ToList();

        Assert.Equal(["firstName", "email", "consent"], inputs.Select(i => (string?)i["id"]));
        Assert.All(inputs, input => Assert.True((bool?)input["isRequired"], input.ToJsonString()));
        Assert.Equal("Please tick the box: we can only record a pledge with your consent.", (string?)inputs[2]["errorMessage"]);
        // Cancelling sends nothing of the form, so an empty field does not stop it.
        Assert.Equal("none", (string?)Action(form, "Cancel")?["associatedInputs"]);
    }

    [Fact]
    public void TheStoryCardIsInTheSupportersLanguage()
    {
        var french = InLanguage.Run("fr", () => StoryCard.Create(Content, 2, Settings, new CauseStanding(1204, 67, IsReadersVote: false)));

        Assert.NotNull(Action(french, "Histoire suivante"));
        Assert.NotNull(Action(french, "Voter pour cette cause"));
        Assert.Contains("Histoire 2 sur 4", Texts(french));
        // French writes a narrow space between thousands and a space before %.
        Assert.Contains("1 204 votes jusqu'ici (67 %).", Texts(french).Select(t => System.Text.RegularExpressions.Regex.Replace(t, @"\s", " ")));
        Assert.Contains("Histoire 2 sur 4", (string?)french["speak"]);
    }

    [Theory]
    [InlineData(1, "صوت واحد")]
    [InlineData(2, "صوتان")]
    [InlineData(5, "5 أصوات")]
    [InlineData(40, "40 صوتًا")]
    [InlineData(100, "100 صوت")]
    [InlineData(1204, "1٬204 أصوات")]
    public void ArabicCountsTakeTheirPluralForm(int votes, string expected) =>
        Assert.Equal(expected, InLanguage.Run("ar", () => CardNumbers.Votes(votes)));

    [Theory]
    [InlineData("en", "1,204 votes")]
    [InlineData("fr", "1\u202F204 votes")]
    [InlineData("sw", "kura 1,204")]
    [InlineData("fil", "1,204 boto")]
    public void CountsAreWrittenInTheSupportersForm(string language, string expected) =>
        Assert.Equal(System.Text.RegularExpressions.Regex.Unescape(expected), InLanguage.Run(language, () => CardNumbers.Votes(1204)));

    [Fact]
    public void MyDataDatesAreInTheSupportersLanguage()
    {
        var report = new PersonalDataReport(new StoredVote("yemen-crisis", new DateTimeOffset(2026, 3, 5, 9, 30, 0, TimeSpan.Zero)), []);

        Assert.Contains("When: 5 March 2026, 09:30 UTC", InLanguage.Run("en", () => CardReadingOf(MyDataCard.Create(Content, report, "Teams"))));
        Assert.Contains("Quand: 5 mars 2026, 09:30 UTC", InLanguage.Run("fr", () => CardReadingOf(MyDataCard.Create(Content, report, "Teams"))));
    }

    [Fact]
    public void TheVoteHeadlineNamesTheChosenCauseInWords()
    {
        var card = ResultsCard.Create(Content, Settings, Tally, "yemen-crisis", new VoteResult(VoteOutcome.Recorded, "yemen-crisis", null));

        Assert.Contains($"Thank you! Your vote for {Content.FindCause("yemen-crisis")!.Title} is recorded.", Texts(card));
        Assert.StartsWith($"Thank you! Your vote for {Content.FindCause("yemen-crisis")!.Title} is recorded.", (string?)card["speak"]);
    }

    private static string CardReadingOf(JsonObject card) =>
        PledgeBot.Tests.Support.CardReading.Text(NewtonsoftCard.ToJObject(card));

    [Theory]
    [MemberData(nameof(CardNames))]
    public void EveryCardIsAnAdaptiveCardTeamsCanRender(string card)
    {
        var json = Cards[card]();

        Assert.Equal("AdaptiveCard", (string?)json["type"]);
        Assert.True(Version.Parse((string)json["version"]!) <= new Version(1, 5), $"version {json["version"]}");
    }

    [Theory]
    [MemberData(nameof(CardNames))]
    public void EveryCardReachesTheSdkAsTheSameJsonInWebChatAndInTeams(string card)
    {
        var webChat = Cards[card]();
        var teams = Dialogs.Teams.UniversalActions.ForTeams(webChat, CardView.Results, refreshFor: "user-1");

        Assert.All(new[] { webChat, teams }, json => Assert.True(
            Newtonsoft.Json.Linq.JToken.DeepEquals(AsWritten(json), NewtonsoftCard.ToJObject(json)), json.ToJsonString()));
    }

    [Fact]
    public void ACardsTextThatLooksLikeADateStaysText()
    {
        var card = CardElements.Card("2026-11-24T09:30:00+01:00", [CardElements.Text("2026-11-24T09:30:00+01:00")]);

        var sent = NewtonsoftCard.ToJObject(card);

        Assert.Equal("2026-11-24T09:30:00+01:00", sent["body"]![0]!.Value<string>("text"));
        Assert.Equal(Newtonsoft.Json.Linq.JTokenType.String, sent["body"]![0]!["text"]!.Type);
    }

    [Theory]
    [MemberData(nameof(CardNames))]
    public void EveryActionHasATitle(string card)
    {
        var actions = Actions(Cards[card]()).ToList();

        Assert.NotEmpty(actions);
        Assert.All(actions, action => Assert.False(string.IsNullOrWhiteSpace((string?)action["title"]), action.ToJsonString()));
    }

    [Theory]
    [MemberData(nameof(CardNames))]
    public void EveryImageHasAltTextAndAnAbsoluteWebAddress(string card)
    {
        Assert.All(OfType(Cards[card](), "Image"), image =>
        {
            Assert.False(string.IsNullOrWhiteSpace((string?)image["altText"]));
            Assert.True(Uri.TryCreate((string?)image["url"], UriKind.Absolute, out var url), (string?)image["url"]);
            Assert.Contains(url.Scheme, new[] { "https", "http" });
        });
    }

    [Theory]
    [MemberData(nameof(CardNames))]
    public void EverySubmitButtonTellsTheBotWhatToDo(string card)
    {
        Assert.All(OfType(Cards[card](), "Action.Submit"), submit =>
        {
            var data = Assert.IsType<JsonObject>(submit["data"]);
            Assert.False(string.IsNullOrWhiteSpace(data["action"]?.GetValue<string>()), submit.ToJsonString());
        });
    }

    [Theory]
    [MemberData(nameof(CardNames))]
    public void EveryInputHasALabel(string card)
    {
        var inputs = Objects(Cards[card]()).Where(o => ((string?)o["type"])?.StartsWith("Input.", StringComparison.Ordinal) == true);

        Assert.All(inputs, input => Assert.False(string.IsNullOrWhiteSpace((string?)input["label"]), input.ToJsonString()));
    }

    [Theory]
    [MemberData(nameof(CardNames))]
    public void EveryCardCanBeReadAloud(string card) =>
        Assert.False(string.IsNullOrWhiteSpace((string?)Cards[card]()["speak"]));

    [Theory]
    [MemberData(nameof(CardNames))]
    public void EveryCardFitsComfortablyInATeamsMessage(string card) =>
        Assert.InRange(Encoding.UTF8.GetByteCount(Cards[card]().ToJsonString()), 1, 28 * 1024);

    [Theory]
    [MemberData(nameof(StoryNumbers))]
    public void AStoryCardSaysWhereTheReaderIs(int number) =>
        Assert.Contains($"Story {number} of 4", Texts(StoryCard.Create(Content, number, Settings)));

    [Theory]
    [MemberData(nameof(StoryNumbers))]
    public void AStoryCardShowsTheCausesImageFromThePublicAddress(int number)
    {
        var cause = Content.Causes[number - 1];

        var image = Assert.Single(OfType(StoryCard.Create(Content, number, Settings), "Image"));

        Assert.Equal($"https://pledgebot.example.org/campaign/{cause.Image.File}", (string?)image["url"]);
        Assert.Equal(cause.Image.AltText, (string?)image["altText"]);
    }

    [Theory]
    [MemberData(nameof(StoryNumbers))]
    public void NextStoryIsOfferedExceptOnTheLastStory(int number)
    {
        var next = Action(StoryCard.Create(Content, number, Settings), "Next story");

        Assert.Equal(number < 4, next is not null);
        Assert.Equal(number < 4 ? number + 1 : null, (int?)next?["data"]?["story"]);
    }

    [Theory]
    [MemberData(nameof(StoryNumbers))]
    public void PreviousStoryIsOfferedExceptOnTheFirstStory(int number)
    {
        var previous = Action(StoryCard.Create(Content, number, Settings), "Previous story");

        Assert.Equal(number > 1, previous is not null);
        Assert.Equal(number > 1 ? number - 1 : null, (int?)previous?["data"]?["story"]);
    }

    [Theory]
    [MemberData(nameof(StoryNumbers))]
    public void TakeThePledgeIsOfferedOnlyOnACauseWithAPledge(int number)
    {
        var cause = Content.Causes[number - 1];

        var pledge = Action(StoryCard.Create(Content, number, Settings), "Take the pledge");

        Assert.Equal(cause.Pledge is not null, pledge is not null);
        Assert.Equal(cause.Pledge?.Id, (string?)pledge?["data"]?["pledgeId"]);
    }

    [Theory]
    [MemberData(nameof(StoryNumbers))]
    public void ReadMoreOpensTheCausesWebAddress(int number)
    {
        var cause = Content.Causes[number - 1];

        var readMore = Action(StoryCard.Create(Content, number, Settings), "Read more");

        Assert.NotNull(cause.ReadMoreUrl);
        Assert.Equal("Action.OpenUrl", (string?)readMore?["type"]);
        Assert.Equal(cause.ReadMoreUrl, (string?)readMore?["url"]);
    }

    [Fact]
    public void ReadMoreIsLeftOutWhenTheCauseHasNoWebAddress()
    {
        var content = Content with { Causes = [Content.Causes[0] with { ReadMoreUrl = null }] };

        Assert.Null(Action(StoryCard.Create(content, 1, Settings), "Read more"));
    }

    [Fact]
    public void TheVoteCardHasOneButtonPerCauseCarryingItsId()
    {
        var votes = OfType(VoteCard.Create(Content, null), "Action.Submit").Select(a => (string?)a["data"]?["causeId"]);

        Assert.Equal(Content.Causes.Select(c => c.Id), votes);
    }

    [Fact]
    public void TheVoteCardShowsThePersonsCurrentVote()
    {
        var texts = Texts(VoteCard.Create(Content, "yemen-crisis")).ToList();

        Assert.Contains("The Humanitarian Catastrophe in Yemen (your vote)", texts);
        Assert.DoesNotContain(texts, t => t.Contains("(your vote)") && !t.Contains("Yemen"));
    }

    [Theory]
    [InlineData("protecting-innocence", "2 votes (67%)")]
    [InlineData("yemen-crisis", "1 vote (33%)")]
    [InlineData("burundi-refugees-tanzania", "0 votes (0%)")]
    [InlineData("rohingya-refugees-india", "0 votes (0%)")]
    public void TheResultsCardShowsEachCausesCountAndShare(string causeId, string expected)
    {
        var title = Content.FindCause(causeId)!.Title;

        var line = Assert.Single(Texts(ResultsCard.Create(Content, Settings, Tally, null)), t => t.Contains(title));

        Assert.Contains(expected, line);
    }

    [Fact]
    public void TheResultsCardShowsTheTotal() =>
        Assert.Contains("3 votes so far.", Texts(ResultsCard.Create(Content, Settings, Tally, null)));

    [Fact]
    public void TheResultsCardOpensTheFullResultsPage()
    {
        var link = Action(ResultsCard.Create(Content, Settings, Tally, null), "See the full results");

        Assert.Equal("Action.OpenUrl", (string?)link?["type"]);
        Assert.Equal("https://pledgebot.example.org/results", (string?)link?["url"]);
    }

    [Fact]
    public void TheResultsCardCountsTheVotesTowardTheGoal()
    {
        Assert.Contains("3 of 100 votes", Texts(ResultsCard.Create(Content, Settings, Tally, null)));
        Assert.Contains("3 of 2,000 votes", Texts(ResultsCard.Create(Content with { VoteGoal = 2000 }, Settings, Tally, null)));
    }

    [Fact]
    public void ThePledgeThanksCountsThePledgesTowardTheGoal() =>
        Assert.Contains(
            "1,204 of 2,000 people have taken the pledge",
            Texts(PledgeThanksCard.Create(PledgeCause, PledgeCause.Pledge! with { Goal = 2000 }, "Anna", 1204)));

    private static IEnumerable<JsonObject> Objects(JsonNode? node) => node switch
    {
        JsonObject o => o.Select(p => p.Value).SelectMany(Objects).Prepend(o),
        JsonArray a => a.SelectMany(Objects),
        _ => [],
    };

    private static IEnumerable<JsonObject> OfType(JsonNode card, string type) =>
        Objects(card).Where(o => (string?)o["type"] == type);

    private static IEnumerable<JsonObject> Actions(JsonNode card) =>
        Objects(card).SelectMany(o => o["actions"] is JsonArray actions ? actions.OfType<JsonObject>() : []);

    private static JsonObject? Action(JsonNode card, string title) =>
        Actions(card).SingleOrDefault(a => (string?)a["title"] == title);

    private static IEnumerable<string> Texts(JsonNode card) =>
        OfType(card, "TextBlock").Select(t => (string)t["text"]!);

    // The card as its JSON text says, read without turning date-like strings into dates.
    private static Newtonsoft.Json.Linq.JObject AsWritten(JsonObject card)
    {
        using var reader = new Newtonsoft.Json.JsonTextReader(new StringReader(card.ToJsonString())) { DateParseHandling = Newtonsoft.Json.DateParseHandling.None };
        return Newtonsoft.Json.Linq.JObject.Load(reader);
    }
}
