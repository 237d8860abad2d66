using System.Buffers;
using System.Net;
using System.Threading.Channels;
using MimeKit;
using SmtpServer;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace PledgeBot.Tests.Support;

/// <summary>
/// A real SMTP server (the SmtpServer package) on a loopback port, keeping every message it
/// accepts. Its port can be chosen before it starts, so a test can point the bot at a server
/// that is down and start it later.
/// </summary>
public sealed class SmtpTestServer : IAsyncDisposable
{
    private readonly Channel<MimeMessage> received = Channel.CreateUnbounded<MimeMessage>();
    private readonly List<MimeMessage> all = [];
    private CancellationTokenSource? running;
    private TaskCompletionSource? heldReplies;
    private Task? serving;

    public SmtpTestServer(int? port = null) => Port = port ?? FreePort.Next();

    public int Port { get; }

    public int ReceivedCount
    {
        get
        {
            lock (all)
            {
                return all.Count;
            }
        }
    }

    /// <summary>The bot's settings for this server (no TLS: it is a loopback test server).</summary>
    public Dictionary<string, string?> Settings() => new()
    {
        ["Email:Smtp:Host"] = "127.0.0.1",
        ["Email:Smtp:Port"] = Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Email:Smtp:Security"] = "None",
        ["Email:From"] = "Stand With Them <campaign@example.org>",
    };

    public void Start()
    {
        var options = new SmtpServerOptionsBuilder()
            .ServerName("localhost")
            .Endpoint(endpoint => endpoint.Endpoint(new IPEndPoint(IPAddress.Loopback, Port)))
            .Build();
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(new Keeper(this));
        running = new CancellationTokenSource();
        serving = new SmtpServer.SmtpServer(options, services).StartAsync(running.Token);
    }

    /// <summary>
    /// From now until <see cref="ReleaseReplies"/>, a message reaches the test at once but its
    /// sender waits for the server's answer: the email is in the inbox before the sender knows it
    /// went out.
    /// </summary>
    public void HoldReplies() => heldReplies = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

    public void ReleaseReplies() => heldReplies?.TrySetResult();

    /// <summary>The next message received, waiting for it at most <paramref name="timeout"/> (default 30 s).</summary>
    public async Task<MimeMessage> NextMessageAsync(TimeSpan? timeout = null)
    {
        using var wait = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(30));
        try
        {
            return await received.Reader.ReadAsync(wait.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException("The SMTP server received no message in time.");
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (running is not null)
        {
            await running.CancelAsync();
            try
            {
                await serving!;
            }
            catch (OperationCanceledException)
            {
            }

            running.Dispose();
        }
    }

    private sealed class Keeper(SmtpTestServer server) : MessageStore
    {
        public override async Task<SmtpResponse> SaveAsync(
            ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            using var stream = new MemoryStream(buffer.ToArray());
            var message = await MimeMessage.LoadAsync(stream, cancellationToken);
            lock (server.all)
            {
                server.all.Add(message);
            }

            await server.received.Writer.WriteAsync(message, cancellationToken);
            if (server.heldReplies is { } held)
            {
                await held.Task.WaitAsync(cancellationToken);
            }

            return SmtpResponse.Ok;
        }
    }
}
