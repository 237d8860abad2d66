using System.Text.Json.Nodes;

namespace PledgeBot.Bench.LoadTool;

/// <summary>
/// What one turn sends, in channel-neutral terms (each channel wraps it in its own envelope), and
/// a phrase the bot's reply must contain for the turn to count as answered.
/// </summary>
/// <param name="Type">message, event (the web chat's join), conversationUpdate (a join elsewhere) or invoke.</param>
/// <param name="Measured">False for turns that only prepare a person (the first vote before changing it).</param>
public sealed record Turn(string Type, string Expect, string? Text = null, JsonObject? Value = null, string? Name = null, bool Measured = true);

/// <summary>
/// One person's state as a worker uses them again and again: people who change their vote, read
/// the next story or look at the results are the same people each time; voters, joiners and
/// pledgers are new each time, as they are in a campaign.
/// </summary>
public sealed class Person(string id)
{
    public string Id { get; } = id;

    public int Scripts { get; set; }

    public int LastCause { get; set; }

    /// <summary>The channel's own state for this person (a Direct Line token and conversation).</summary>
    public object? ChannelState { get; set; }
}

/// <summary>The turns of each kind, as a real client sends them; cause ids from the shipped campaign.</summary>
public static class TurnScripts
{
    public static readonly string[] CauseIds = ["protecting-innocence", "burundi-refugees-tanzania", "yemen-crisis", "rohingya-refugees-india"];

    public const string Apology = "Sorry, something went wrong on our side";

    /// <summary>Whether each script needs a person nobody has seen yet.</summary>
    public static bool NeedsNewPerson(this TurnKind kind) => kind is TurnKind.Join or TurnKind.Vote or TurnKind.Pledge or TurnKind.TeamsVote;

    /// <summary>The next turns for this person; <see cref="Person.Scripts"/> counts how many they took before.</summary>
    public static IReadOnlyList<Turn> Next(TurnKind kind, Person person)
    {
        var n = person.Scripts++;
        switch (kind)
        {
            case TurnKind.Echo:
                return [new Turn("message", "Echo: hello", Text: "hello")];
            case TurnKind.Join:
                return [new Turn("join", "Type **help** at any time")];
            case TurnKind.NextStory:
                var story = n % CauseIds.Length + 1;
                return [Click("Story " + story + " of " + CauseIds.Length, new JsonObject { ["action"] = "stories", ["story"] = story })];
            case TurnKind.Vote:
            case TurnKind.TeamsVote:
                return [Click("is recorded", new JsonObject { ["action"] = "vote", ["causeId"] = CauseIds[Random.Shared.Next(CauseIds.Length)] }, kind)];
            case TurnKind.ChangeVote:
                var first = n == 0 ? VoteFor(person, 0, "is recorded", measured: false) : null;
                var change = VoteFor(person, person.LastCause + 1, "You changed your vote", measured: true);
                return first is null ? [change] : [first, change];
            case TurnKind.Results:
                return [Click("Results so far", new JsonObject { ["action"] = "results" })];
            case TurnKind.Pledge:
                return
                [
                    new Turn("message", "What is your first name?", Text: "pledge"),
                    new Turn("message", "What is your email address?", Text: "Anna"),
                    new Turn("message", "Do you agree", Text: $"{person.Id}@example.org"),
                    new Turn("message", "Please check your pledge", Text: "yes"),
                    new Turn("message", "Thank you, Anna", Text: "yes"),
                ];
            default:
                throw new ArgumentOutOfRangeException(nameof(kind));
        }
    }

    private static Turn VoteFor(Person person, int cause, string expect, bool measured)
    {
        person.LastCause = cause % CauseIds.Length;
        return Click(expect, new JsonObject { ["action"] = "vote", ["causeId"] = CauseIds[person.LastCause] }) with { Measured = measured };
    }

    // A Teams click is an Action.Execute invoke whose data is the same as the Action.Submit's.
    private static Turn Click(string expect, JsonObject data, TurnKind kind = TurnKind.Vote) =>
        kind == TurnKind.TeamsVote
            ? new Turn("invoke", expect, Name: "adaptiveCard/action", Value: new JsonObject
            {
                ["action"] = new JsonObject { ["type"] = "Action.Execute", ["verb"] = data["action"]!.GetValue<string>(), ["data"] = data },
                ["trigger"] = "manual",
            })
            : new Turn("message", expect, Value: data);
}
