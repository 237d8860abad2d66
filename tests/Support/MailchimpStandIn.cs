using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace PledgeBot.Tests.Support;

/// <summary>
/// Mailchimp's Marketing API 3.0 on a loopback port, as far as the bot uses it and as the public
/// documentation describes it: list members keyed by the MD5 of the lower-cased email, upserted by
/// PUT (<c>status_if_new</c> on creation, <c>status</c> to change one), tags, archive and permanent
/// delete, Basic authentication with the API key, errors as problem+json, and at most ten
/// connections at once. Knobs make it throttle, fail or answer late; every request is recorded.
/// </summary>
public sealed partial class MailchimpStandIn : IAsyncDisposable
{
    public const string ApiKey = "0f1e2d3c4b5a69788796a5b4c3d2e1f0-us21";
    public const string ListId = "a1b2c3d4e5";

    /// <summary>Mailchimp's limit of simultaneous connections per account.</summary>
    public const int MostConnections = 10;

    private static readonly string[] Statuses = ["subscribed", "unsubscribed", "cleaned", "pending", "transactional"];

    private readonly object sync = new();
    private readonly Dictionary<string, StoredMember> members = [];
    private readonly HashSet<string> forgotten = [];
    private readonly ConcurrentQueue<Fault> faults = new();
    private readonly ConcurrentQueue<MailchimpRequest> requests = new();
    private LocalServer? server;
    private int inFlight;
    private int mostInFlight;

    private MailchimpStandIn()
    {
    }

    /// <summary>Where the API is: the bot's <c>Crm:Mailchimp:BaseUrl</c>.</summary>
    public string BaseUrl => server!.BaseAddress + "/3.0/";

    /// <summary>Every request in the order it arrived, with the status it was answered.</summary>
    public IReadOnlyList<MailchimpRequest> Requests => [.. requests];

    /// <summary>Members of the list, archived ones included (Mailchimp keeps them); permanently deleted ones are gone.</summary>
    public int MemberCount
    {
        get
        {
            lock (sync)
            {
                return members.Count;
            }
        }
    }

    /// <summary>The most requests that were in progress at once.</summary>
    public int MostInFlight => Volatile.Read(ref mostInFlight);

    /// <summary>How long every answer waits after the work is done (for requests to overlap).</summary>
    public TimeSpan AnswerDelay { get; set; }

    public static async Task<MailchimpStandIn> StartAsync()
    {
        var standIn = new MailchimpStandIn();
        standIn.server = await LocalServer.StartAsync(app => app.Run(standIn.HandleAsync));
        return standIn;
    }

    /// <summary>The bot's settings for this stand-in, and any more.</summary>
    public Dictionary<string, string?> Settings(params (string Key, string? Value)[] more)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Crm:Mailchimp:ApiKey"] = ApiKey,
            ["Crm:Mailchimp:ListId"] = ListId,
            ["Crm:Mailchimp:BaseUrl"] = BaseUrl,
        };
        foreach (var (key, value) in more)
        {
            settings[key] = value;
        }

        return settings;
    }

    public static string SubscriberHash(string email) =>
        Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes(email.Trim().ToLowerInvariant())));

    public MailchimpMember? Member(string email)
    {
        lock (sync)
        {
            return members.TryGetValue(SubscriberHash(email), out var member)
                ? new MailchimpMember(member.Email, member.Status, member.FirstName, member.Language, member.Tags.ToHashSet())
                : null;
        }
    }

    /// <summary>Whether the address was permanently deleted (Mailchimp keeps only that it was).</summary>
    public bool IsForgotten(string email)
    {
        lock (sync)
        {
            return forgotten.Contains(SubscriberHash(email));
        }
    }

    /// <summary>The person unsubscribes through a link in one of the campaign's Mailchimp emails.</summary>
    public void UnsubscribeInMailchimp(string email)
    {
        lock (sync)
        {
            members[SubscriberHash(email)].Status = "unsubscribed";
        }
    }

    /// <summary>The campaign's staff delete the member permanently in Mailchimp's own pages.</summary>
    public void DeletePermanentlyInMailchimp(string email) => DeletePermanently(SubscriberHash(email));

    /// <summary>The next <paramref name="count"/> requests are answered with <paramref name="status"/> (as problem+json) and not carried out.</summary>
    public void AnswerNext(int count, HttpStatusCode status, TimeSpan? retryAfter = null, string? title = null)
    {
        for (var i = 0; i < count; i++)
        {
            faults.Enqueue(new Fault(status, retryAfter, title, Hang: null));
        }
    }

    /// <summary>The next <paramref name="count"/> requests are carried out, but answered only after <paramref name="hang"/> (or never, if the caller gives up first).</summary>
    public void HangNext(int count, TimeSpan hang)
    {
        for (var i = 0; i < count; i++)
        {
            faults.Enqueue(new Fault(null, null, null, hang));
        }
    }

    public ValueTask DisposeAsync() => server?.DisposeAsync() ?? ValueTask.CompletedTask;

    private async Task HandleAsync(HttpContext context)
    {
        var at = DateTimeOffset.UtcNow;
        var body = await new StreamReader(context.Request.Body).ReadToEndAsync(context.RequestAborted);
        var now = Interlocked.Increment(ref inFlight);
        InterlockedMax(ref mostInFlight, now);
        Answer? answer = null;
        var delay = AnswerDelay;
        try
        {
            if (now > MostConnections)
            {
                answer = Problem(HttpStatusCode.TooManyRequests, "Too Many Requests", "You have exceeded the limit of 10 simultaneous connections.");
            }
            else if (!IsAuthorized(context.Request))
            {
                answer = Problem(HttpStatusCode.Unauthorized, "API Key Invalid", "Your API key may be invalid, or you've attempted to access the wrong datacenter.");
            }
            else if (faults.TryDequeue(out var fault) && fault.Status is { } status)
            {
                answer = Problem(status, fault.Title ?? StatusTitle(status), "Injected by the test.") with { RetryAfter = fault.RetryAfter };
            }
            else
            {
                delay += fault?.Hang ?? TimeSpan.Zero;
                answer = Route(context.Request.Method, context.Request.Path.Value ?? "", body);
            }

            if (delay > TimeSpan.Zero)
            {
                await Task.Delay(delay, context.RequestAborted);
            }
        }
        catch (OperationCanceledException)
        {
            // The caller gave up waiting; what was done stays done, as at Mailchimp.
            Record(context.Request, at, answer, body);
            return;
        }
        finally
        {
            Interlocked.Decrement(ref inFlight);
        }

        Record(context.Request, at, answer, body);
        await WriteAsync(context.Response, answer);
    }

    private void Record(HttpRequest request, DateTimeOffset at, Answer? answer, string body) =>
        requests.Enqueue(new MailchimpRequest(request.Method, request.Path.Value ?? "", at, answer is null ? 0 : (int)answer.Status, body));

    private Answer Route(string method, string path, string body)
    {
        var match = MemberPath().Match(path);
        if (!match.Success || match.Groups["list"].Value != ListId)
        {
            return Problem(HttpStatusCode.NotFound, "Resource Not Found", "The requested resource could not be found.");
        }

        var hash = match.Groups["hash"].Value;
        return (method, match.Groups["action"].Value) switch
        {
            ("PUT", "") => Upsert(hash, body),
            ("POST", "/tags") => SetTags(hash, body),
            ("DELETE", "") => Archive(hash),
            ("POST", "/actions/delete-permanent") => DeletePermanently(hash),
            _ => Problem(HttpStatusCode.MethodNotAllowed, "Method Not Allowed", "The requested method and resource are not compatible."),
        };
    }

    private Answer Upsert(string hash, string body)
    {
        if (Parse(body) is not { } fields)
        {
            return InvalidResource("The resource submitted could not be validated.");
        }

        var email = fields["email_address"]?.GetValue<string>();
        var status = fields["status"]?.GetValue<string>();
        var statusIfNew = fields["status_if_new"]?.GetValue<string>();
        if (email is not null && SubscriberHash(email) != hash)
        {
            return InvalidResource("The email address does not match the subscriber hash.");
        }

        if ((status is not null && !Statuses.Contains(status)) || (statusIfNew is not null && !Statuses.Contains(statusIfNew)))
        {
            return InvalidResource("Status must be one of: " + string.Join(", ", Statuses) + ".");
        }

        lock (sync)
        {
            if (forgotten.Contains(hash))
            {
                return Problem(HttpStatusCode.BadRequest, "Forgotten Email Not Subscribed",
                    $"{email} was permanently deleted and cannot be re-imported. The contact must re-subscribe to get back on the list.");
            }

            if (!members.TryGetValue(hash, out var member) || member.Status == "archived")
            {
                if (email is null || (statusIfNew is null && status is null))
                {
                    return InvalidResource("Creating a member needs email_address and status_if_new.");
                }

                member = new StoredMember(email.Trim(), status ?? statusIfNew!);
                members[hash] = member;
                foreach (var tag in fields["tags"]?.AsArray() ?? [])
                {
                    member.Tags.Add(tag!.GetValue<string>());
                }
            }
            else if (status is not null && status != member.Status)
            {
                if (status == "subscribed" && member.Status is "unsubscribed" or "cleaned")
                {
                    return Problem(HttpStatusCode.BadRequest, "Member In Compliance State",
                        $"{member.Email} is in a compliance state due to unsubscribe, bounce, or compliance review and cannot be subscribed.");
                }

                member.Status = status;
            }

            if (fields["merge_fields"]?["FNAME"]?.GetValue<string>() is { } firstName)
            {
                member.FirstName = firstName;
            }

            if (fields["language"]?.GetValue<string>() is { } language)
            {
                member.Language = language;
            }

            return new Answer(HttpStatusCode.OK, Describe(hash, member));
        }
    }

    private Answer SetTags(string hash, string body)
    {
        if (Parse(body)?["tags"] is not JsonArray tags)
        {
            return InvalidResource("Tags must be an array.");
        }

        lock (sync)
        {
            if (!members.TryGetValue(hash, out var member) || member.Status == "archived")
            {
                return Problem(HttpStatusCode.NotFound, "Resource Not Found", "The requested resource could not be found.");
            }

            foreach (var tag in tags)
            {
                var name = tag?["name"]?.GetValue<string>();
                if (string.IsNullOrEmpty(name))
                {
                    return InvalidResource("A tag needs a name.");
                }

                if (tag!["status"]?.GetValue<string>() == "inactive")
                {
                    member.Tags.Remove(name);
                }
                else
                {
                    member.Tags.Add(name);
                }
            }

            return new Answer(HttpStatusCode.NoContent, null);
        }
    }

    private Answer Archive(string hash)
    {
        lock (sync)
        {
            if (!members.TryGetValue(hash, out var member) || member.Status == "archived")
            {
                return Problem(HttpStatusCode.NotFound, "Resource Not Found", "The requested resource could not be found.");
            }

            member.Status = "archived";
            return new Answer(HttpStatusCode.NoContent, null);
        }
    }

    private Answer DeletePermanently(string hash)
    {
        lock (sync)
        {
            if (!members.Remove(hash))
            {
                return Problem(HttpStatusCode.NotFound, "Resource Not Found", "The requested resource could not be found.");
            }

            forgotten.Add(hash);
            return new Answer(HttpStatusCode.NoContent, null);
        }
    }

    private static bool IsAuthorized(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        if (!header.StartsWith("Basic ", StringComparison.Ordinal))
        {
            return false;
        }

        try
        {
            var credentials = Encoding.UTF8.GetString(Convert.FromBase64String(header["Basic ".Length..].Trim()));
            // Any user name; the password is the key.
            return credentials.IndexOf(':', StringComparison.Ordinal) is var colon and >= 0 && credentials[(colon + 1)..] == ApiKey;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    private static JsonObject? Parse(string body)
    {
        try
        {
            return JsonNode.Parse(body) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static JsonObject Describe(string hash, StoredMember member) => new()
    {
        ["id"] = hash,
        ["email_address"] = member.Email,
        ["status"] = member.Status,
        ["merge_fields"] = new JsonObject { ["FNAME"] = member.FirstName ?? "" },
        ["language"] = member.Language ?? "",
        ["tags_count"] = member.Tags.Count,
        ["tags"] = new JsonArray([.. member.Tags.Select(t => (JsonNode)new JsonObject { ["name"] = t })]),
        ["list_id"] = ListId,
    };

    private static Answer InvalidResource(string detail) => Problem(HttpStatusCode.BadRequest, "Invalid Resource", detail);

    private static Answer Problem(HttpStatusCode status, string title, string detail) => new(status, new JsonObject
    {
        ["type"] = "https://mailchimp.com/developer/marketing/docs/errors/",
        ["title"] = title,
        ["status"] = (int)status,
        ["detail"] = detail,
        ["instance"] = Guid.NewGuid().ToString(),
    });

    private static string StatusTitle(HttpStatusCode status) => Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase((int)status);

    private static async Task WriteAsync(HttpResponse response, Answer answer)
    {
        response.StatusCode = (int)answer.Status;
        if (answer.RetryAfter is { } wait)
        {
            response.Headers.RetryAfter = ((int)wait.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        if (answer.Body is { } json)
        {
            var problem = (int)answer.Status >= 400;
            if (problem)
            {
                response.Headers["X-Request-Id"] = json["instance"]!.GetValue<string>();
            }

            response.ContentType = (problem ? "application/problem+json" : "application/json") + "; charset=utf-8";
            await response.WriteAsync(json.ToJsonString());
        }
    }

    private static void InterlockedMax(ref int target, int value)
    {
        var seen = Volatile.Read(ref target);
        while (value > seen && Interlocked.CompareExchange(ref target, value, seen) is var before && before != seen)
        {
            seen = before;
        }
    }

    [GeneratedRegex("^/3\\.0/lists/(?<list>[^/]+)/members/(?<hash>[0-9a-f]{32})(?<action>/tags|/actions/delete-permanent)?$")]
    private static partial Regex MemberPath();

    private sealed record Fault(HttpStatusCode? Status, TimeSpan? RetryAfter, string? Title, TimeSpan? Hang);

    private sealed record Answer(HttpStatusCode Status, JsonObject? Body)
    {
        public TimeSpan? RetryAfter { get; init; }
    }

    private sealed class StoredMember(string email, string status)
    {
        public string Email { get; } = email;

        public string Status { get; set; } = status;

        public string? FirstName { get; set; }

        public string? Language { get; set; }

        public HashSet<string> Tags { get; } = [];
    }
}

/// <param name="Body">The request's JSON as sent.</param>
/// <param name="Status">What the stand-in answered (or would have: the caller may have stopped waiting).</param>
public sealed record MailchimpRequest(string Method, string Path, DateTimeOffset At, int Status, string Body);

public sealed record MailchimpMember(string Email, string Status, string? FirstName, string? Language, IReadOnlySet<string> Tags);
