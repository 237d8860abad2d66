using Newtonsoft.Json.Linq;

namespace PledgeBot.Dialogs.Cards;

/// <summary>
/// Which live card a card is: a story, the ballot or the results. In Teams a card carries its view
/// in its refresh action, so that each person who opens it gets it redrawn for them.
/// </summary>
public sealed record CardView(string Kind, int? StoryNumber = null)
{
    public const string StoryKind = "story";
    public const string BallotKind = "ballot";
    public const string ResultsKind = "results";

    public static CardView Story(int number) => new(StoryKind, number);

    public static CardView Ballot { get; } = new(BallotKind);

    public static CardView Results { get; } = new(ResultsKind);

    public JObject ToData()
    {
        var data = new JObject { ["view"] = Kind };
        if (StoryNumber is not null)
        {
            data["story"] = StoryNumber;
        }

        return data;
    }

    /// <summary>Reads a view back from card data; null when the data names none (or was altered).</summary>
    public static CardView? FromData(JObject? data) => data?.Value<string>("view") switch
    {
        StoryKind when data["story"]?.Type == JTokenType.Integer => Story(data.Value<int>("story")),
        BallotKind => Ballot,
        ResultsKind => Results,
        _ => null,
    };
}

/// <summary>A card drawn for one reader, with the view it shows.</summary>
public sealed record LiveCard(System.Text.Json.Nodes.JsonObject Card, CardView View);
