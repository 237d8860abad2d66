using System.Diagnostics;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace PledgeBot.Tests.Support;

/// <summary>
/// Action Network's OSDI API v2 on a loopback port, as its documentation describes the parts the
/// bot uses: the person signup helper (<c>POST people/</c>: a person matched by lower-cased email,
/// created subscribed, the status changed only by "subscribed" or "unsubscribed", custom fields
/// merged, tags added only when they already exist) and the record signature helper
/// (<c>POST petitions/{id}/signatures/</c>: the same person, only "subscribed", one signature per
/// person and petition). HAL+JSON answers, the <c>OSDI-API-Token</c> header required, no way to
/// delete a person. It answers 429 to whoever sends more than its requests a second in any one
/// second, can be told to fail or hang, and records every request.
/// </summary>
public sealed class ActionNetworkStandIn : IAsyncDisposable
{
    public const string ApiKey = "an-stand-in-key-5b0e7c41d9a2f3";

    private readonly Lock gate = new();
    private readonly Stopwatch clock = Stopwatch.StartNew();
    private readonly List<Person> people = [];
    private readonly List<Signature> signatures = [];
    private readonly List<StandInRequest> requests = [];
    private readonly Queue<Fault> faults = new();
    private readonly HashSet<string> tags;
    private readonly HashSet<string> petitions;
    private readonly int requestsPerSecond;
    private LocalServer? server;
    private int autoresponses;
    private int tooFast;

    private ActionNetworkStandIn(IEnumerable<string> tags, IEnumerable<string> petitions, int requestsPerSecond)
    {
        this.tags = [.. tags];
        this.petitions = [.. petitions];
        this.requestsPerSecond = requestsPerSecond;
    }

    /// <summary>The API's root, as <c>Crm:ActionNetwork:BaseUrl</c> takes it.</summary>
    public string BaseUrl => server!.BaseAddress + "/api/v2/";

    /// <summary>Autoresponse emails the signatures asked Action Network to send.</summary>
    public int AutoresponsesSent
    {
        get
        {
            lock (gate)
            {
                return autoresponses;
            }
        }
    }

    /// <summary>Requests refused with 429 because more than the limit came in one second.</summary>
    public int RefusedAsTooFast
    {
        get
        {
            lock (gate)
            {
                return tooFast;
            }
        }
    }

    public IReadOnlyList<StandInPerson> People
    {
        get
        {
            lock (gate)
            {
                return [.. people.Select(p => p.Snapshot())];
            }
        }
    }

    public IReadOnlyList<StandInSignature> Signatures
    {
        get
        {
            lock (gate)
            {
                return [.. signatures.Select(s => s.Snapshot())];
            }
        }
    }

    public IReadOnlyList<StandInRequest> Requests
    {
        get
        {
            lock (gate)
            {
                return [.. requests];
            }
        }
    }

    /// <param name="existingTags">The tags the campaign created in Action Network: only these can be added to people.</param>
    /// <param name="petitionIds">The petitions that exist.</param>
    public static async Task<ActionNetworkStandIn> StartAsync(
        IEnumerable<string>? existingTags = null, IEnumerable<string>? petitionIds = null, int requestsPerSecond = 4)
    {
        var standIn = new ActionNetworkStandIn(existingTags ?? [], petitionIds ?? [], requestsPerSecond);
        standIn.server = await LocalServer.StartAsync(app =>
        {
            app.Use(standIn.GatekeeperAsync);
            app.MapPost("/api/v2/people", (Delegate)standIn.PersonSignupAsync);
            app.MapPost("/api/v2/petitions/{petitionId}/signatures", (Delegate)standIn.RecordSignatureAsync);
            // The API has no way to delete anything.
            app.MapMethods("/api/v2/{**rest}", ["DELETE"], () => Error(HttpStatusCode.MethodNotAllowed, "Method not allowed"));
        });
        return standIn;
    }

    /// <summary>The next <paramref name="count"/> requests are answered with <paramref name="status"/> and nothing is done.</summary>
    public void AnswerNext(int count, HttpStatusCode status, int? retryAfterSeconds = null)
    {
        lock (gate)
        {
            for (var i = 0; i < count; i++)
            {
                faults.Enqueue(new Fault(status, retryAfterSeconds));
            }
        }
    }

    /// <summary>The next <paramref name="count"/> requests are carried out, but their answer never comes (until the caller gives up).</summary>
    public void HangNext(int count)
    {
        lock (gate)
        {
            for (var i = 0; i < count; i++)
            {
                faults.Enqueue(new Fault(null, null));
            }
        }
    }

    /// <summary>The most requests that arrived within any one second.</summary>
    public int MostRequestsInAnyOneSecond()
    {
        var times = Requests.Select(r => r.At).Order().ToArray();
        var most = 0;
        for (var first = 0; first < times.Length; first++)
        {
            most = Math.Max(most, times.Skip(first).TakeWhile(t => t - times[first] < TimeSpan.FromSeconds(1)).Count());
        }

        return most;
    }

    public async ValueTask DisposeAsync()
    {
        if (server is not null)
        {
            await server.DisposeAsync();
        }
    }

    /// <summary>What every request goes through first: the record, the rate check, the faults asked for, the key.</summary>
    private async Task GatekeeperAsync(HttpContext context, RequestDelegate next)
    {
        Fault? fault = null;
        lock (gate)
        {
            var now = clock.Elapsed;
            requests.Add(new StandInRequest(now, context.Request.Method, context.Request.Path));
            if (requests.Count(r => now - r.At < TimeSpan.FromSeconds(1)) > requestsPerSecond)
            {
                tooFast++;
                fault = new Fault(HttpStatusCode.TooManyRequests, 1);
            }
            else if (faults.Count > 0)
            {
                fault = faults.Dequeue();
            }
        }

        if (fault is { Status: { } status })
        {
            if (fault.RetryAfterSeconds is { } seconds)
            {
                context.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            // An error text that names the person, as real APIs' do: the bot must not repeat it.
            await Error(status, "Something went wrong for someone@example.org").ExecuteAsync(context);
            return;
        }

        if (context.Request.Headers["OSDI-API-Token"] != ApiKey)
        {
            await Error(HttpStatusCode.Unauthorized, "API Key invalid or not present").ExecuteAsync(context);
            return;
        }

        context.Items[nameof(HangNext)] = fault is not null;
        await next(context);
    }

    private async Task<IResult> PersonSignupAsync(HttpContext context)
    {
        if (await ReadAsync(context) is not { } body)
        {
            return Error(HttpStatusCode.BadRequest, "Request body is not JSON");
        }

        JsonObject result;
        lock (gate)
        {
            if (Upsert(body["person"] as JsonObject, signature: false) is not { } person)
            {
                return Error(HttpStatusCode.BadRequest, "Invalid person");
            }

            AddTags(person, body);
            person.ReferrerSource = ReferrerSource(body) ?? person.ReferrerSource;
            CountAutoresponse(body);
            result = person.ToJson(BaseUrl);
        }

        return await AnswerAsync(context, result);
    }

    private async Task<IResult> RecordSignatureAsync(HttpContext context, string petitionId)
    {
        if (!petitions.Contains(petitionId))
        {
            return Error(HttpStatusCode.NotFound, "Petition not found");
        }

        if (await ReadAsync(context) is not { } body)
        {
            return Error(HttpStatusCode.BadRequest, "Request body is not JSON");
        }

        JsonObject result;
        lock (gate)
        {
            if (Upsert(body["person"] as JsonObject, signature: true) is not { } person)
            {
                return Error(HttpStatusCode.BadRequest, "Invalid person");
            }

            AddTags(person, body);
            var signature = signatures.FirstOrDefault(s => s.PersonId == person.Id && s.PetitionId == petitionId);
            if (signature is null)
            {
                signature = new Signature(Guid.NewGuid().ToString(), person.Id, petitionId);
                signatures.Add(signature);
            }

            signature.Identifiers.UnionWith(Strings(body["identifiers"]));
            signature.ReferrerSource = ReferrerSource(body) ?? signature.ReferrerSource;
            CountAutoresponse(body);
            result = signature.ToJson(BaseUrl);
        }

        return await AnswerAsync(context, result);
    }

    /// <summary>
    /// Finds the person by email (or, failing that, by one of their identifiers) or creates them;
    /// null for what Action Network refuses: no email, or a status this helper does not take.
    /// </summary>
    private Person? Upsert(JsonObject? posted, bool signature)
    {
        var email = posted?["email_addresses"]?[0]?["address"]?.GetValue<string>();
        var status = posted?["email_addresses"]?[0]?["status"]?.GetValue<string>();
        string[] allowed = signature ? ["subscribed"] : ["subscribed", "unsubscribed"];
        if (posted is null || string.IsNullOrWhiteSpace(email) || (status is not null && !allowed.Contains(status)))
        {
            return null;
        }

        var identifiers = Strings(posted["identifiers"]).ToArray();
        var person = people.FirstOrDefault(p => p.Email.Equals(email, StringComparison.OrdinalIgnoreCase))
            ?? people.FirstOrDefault(p => p.Identifiers.Overlaps(identifiers));
        if (person is null)
        {
            person = new Person(Guid.NewGuid().ToString(), email.ToLowerInvariant(), status ?? "subscribed");
            people.Add(person);
        }
        else if (status is not null)
        {
            person.Status = status;
        }

        person.Identifiers.UnionWith(identifiers);
        person.GivenName = posted["given_name"]?.GetValue<string>() ?? person.GivenName;
        person.Languages.UnionWith(Strings(posted["languages_spoken"]));
        foreach (var (name, value) in posted["custom_fields"] as JsonObject ?? [])
        {
            person.CustomFields[name] = value?.GetValue<string>() ?? "";
        }

        return person;
    }

    private void AddTags(Person person, JsonNode body) => person.Tags.UnionWith(Strings(body["add_tags"]).Where(tags.Contains));

    private void CountAutoresponse(JsonNode body)
    {
        if (body["triggers"]?["autoresponse"]?["enabled"]?.GetValue<bool>() == true)
        {
            autoresponses++;
        }
    }

    private static string? ReferrerSource(JsonNode body) => body["action_network:referrer_data"]?["source"]?.GetValue<string>();

    private static IEnumerable<string> Strings(JsonNode? array) =>
        (array as JsonArray ?? []).Select(item => item?.GetValue<string>()).OfType<string>();

    private static async Task<JsonNode?> ReadAsync(HttpContext context)
    {
        try
        {
            return await JsonNode.ParseAsync(context.Request.Body);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>The answer, unless this request was to hang: then the work is done and no answer comes.</summary>
    private static async Task<IResult> AnswerAsync(HttpContext context, JsonObject body)
    {
        if (context.Items[nameof(HangNext)] is true)
        {
            try
            {
                await Task.Delay(TimeSpan.FromSeconds(60), context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
            }

            return Results.Empty;
        }

        return Results.Text(body.ToJsonString(), "application/hal+json", statusCode: 200);
    }

    private static IResult Error(HttpStatusCode status, string text) =>
        Results.Text(new JsonObject { ["error"] = text }.ToJsonString(), "application/hal+json", statusCode: (int)status);

    private sealed record Fault(HttpStatusCode? Status, int? RetryAfterSeconds);

    private sealed class Person(string id, string email, string status)
    {
        public string Id { get; } = id;

        public string Email { get; } = email;

        public string Status { get; set; } = status;

        public string? GivenName { get; set; }

        public string? ReferrerSource { get; set; }

        public HashSet<string> Identifiers { get; } = [];

        public HashSet<string> Languages { get; } = [];

        public Dictionary<string, string> CustomFields { get; } = [];

        public HashSet<string> Tags { get; } = [];

        public StandInPerson Snapshot() => new(
            Id, [.. Identifiers], GivenName, Email, Status, [.. Languages], new Dictionary<string, string>(CustomFields), [.. Tags], ReferrerSource);

        public JsonObject ToJson(string baseUrl) => new()
        {
            ["identifiers"] = new JsonArray([.. new[] { "action_network:" + Id }.Concat(Identifiers).Select(i => JsonValue.Create(i))]),
            ["given_name"] = GivenName,
            ["email_addresses"] = new JsonArray(new JsonObject { ["primary"] = true, ["address"] = Email, ["status"] = Status }),
            ["languages_spoken"] = new JsonArray([.. Languages.Select(l => JsonValue.Create(l))]),
            ["custom_fields"] = new JsonObject(CustomFields.Select(f => KeyValuePair.Create(f.Key, (JsonNode?)JsonValue.Create(f.Value)))),
            ["_links"] = new JsonObject { ["self"] = new JsonObject { ["href"] = baseUrl + "people/" + Id } },
        };
    }

    private sealed class Signature(string id, string personId, string petitionId)
    {
        public string Id { get; } = id;

        public string PersonId { get; } = personId;

        public string PetitionId { get; } = petitionId;

        public HashSet<string> Identifiers { get; } = [];

        public string? ReferrerSource { get; set; }

        public StandInSignature Snapshot() => new(Id, PersonId, PetitionId, [.. Identifiers], ReferrerSource);

        public JsonObject ToJson(string baseUrl) => new()
        {
            ["identifiers"] = new JsonArray([.. new[] { "action_network:" + Id }.Concat(Identifiers).Select(i => JsonValue.Create(i))]),
            ["action_network:person_id"] = PersonId,
            ["action_network:petition_id"] = PetitionId,
            ["action_network:referrer_data"] = new JsonObject { ["source"] = ReferrerSource },
            ["_links"] = new JsonObject
            {
                ["self"] = new JsonObject { ["href"] = $"{baseUrl}petitions/{PetitionId}/signatures/{Id}" },
                ["osdi:person"] = new JsonObject { ["href"] = baseUrl + "people/" + PersonId },
                ["osdi:petition"] = new JsonObject { ["href"] = baseUrl + "petitions/" + PetitionId },
            },
        };
    }
}

/// <param name="Identifiers">The identifiers callers added (Action Network's own is <c>action_network:</c> and <see cref="Id"/>).</param>
public sealed record StandInPerson(
    string Id,
    IReadOnlyList<string> Identifiers,
    string? GivenName,
    string Email,
    string Status,
    IReadOnlyList<string> Languages,
    IReadOnlyDictionary<string, string> CustomFields,
    IReadOnlyList<string> Tags,
    string? ReferrerSource);

public sealed record StandInSignature(string Id, string PersonId, string PetitionId, IReadOnlyList<string> Identifiers, string? ReferrerSource);

/// <param name="At">When it arrived, from the stand-in's start.</param>
public sealed record StandInRequest(TimeSpan At, string Method, string Path);
