using System.Net;
using System.Net.Sockets;
using System.Text;
using Npgsql;

namespace PledgeBot.Tests.Support;

/// <summary>
/// A TCP relay between Npgsql and a PostgreSQL server that, once armed, cuts the connection that
/// sends the next <c>COMMIT</c>: either before the server gets it (the server rolls the transaction
/// back) or after the server answered it (the server committed, the client never hears so). This is
/// the one moment where a lost connection leaves the client not knowing what happened, made exact.
/// </summary>
public sealed class CommitCuttingProxy : IAsyncDisposable
{
    public enum Cut
    {
        BeforeTheServerGetsIt,
        AfterTheServerCommitted,
    }

    private static readonly byte[] CommitStatement = Encoding.ASCII.GetBytes("COMMIT\0");

    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly string serverHost;
    private readonly int serverPort;
    private readonly CancellationTokenSource stopping = new();
    private Cut? armed;

    private CommitCuttingProxy(string serverHost, int serverPort)
    {
        this.serverHost = serverHost;
        this.serverPort = serverPort;
        listener.Start();
        _ = AcceptAsync();
    }

    /// <summary>How often a connection was cut.</summary>
    public int Cuts => Volatile.Read(ref cuts);

    private int cuts;

    /// <summary>The connection string through this relay, to the database the server's connection string named.</summary>
    public string ConnectionString { get; private set; } = "";

    /// <summary>A relay to the server and database of <paramref name="connectionString"/>.</summary>
    public static CommitCuttingProxy Start(string connectionString)
    {
        var server = new NpgsqlConnectionStringBuilder(connectionString);
        var proxy = new CommitCuttingProxy(server.Host!, server.Port);
        proxy.ConnectionString = new NpgsqlConnectionStringBuilder(connectionString)
        {
            Host = "127.0.0.1",
            Port = ((IPEndPoint)proxy.listener.LocalEndpoint).Port,
            // The relay reads the statements: in clear.
            SslMode = SslMode.Disable,
        }.ConnectionString;
        return proxy;
    }

    /// <summary>Cuts the next connection that sends COMMIT, once.</summary>
    public void Arm(Cut cut) => armed = cut;

    private async Task AcceptAsync()
    {
        while (!stopping.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await listener.AcceptTcpClientAsync(stopping.Token);
            }
            catch (Exception problem) when (problem is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }

            _ = RelayAsync(client);
        }
    }

    private async Task RelayAsync(TcpClient client)
    {
        using (client)
        using (var server = new TcpClient())
        {
            await server.ConnectAsync(serverHost, serverPort);
            var cut = new CancellationTokenSource();
            var commitForwarded = false;
            var toServer = Pump(client.GetStream(), server.GetStream(), async (chunk, forward) =>
            {
                if (armed is { } mode && chunk.Span.IndexOf(CommitStatement) >= 0)
                {
                    armed = null;
                    if (mode == Cut.BeforeTheServerGetsIt)
                    {
                        Interlocked.Increment(ref cuts);
                        await cut.CancelAsync();
                        return;
                    }

                    // Set before the COMMIT leaves: the server's answer can be read on the other pump
                    // before this one gets past its write, and must be cut, not relayed.
                    Volatile.Write(ref commitForwarded, true);
                    await forward(chunk);
                    return;
                }

                await forward(chunk);
            }, cut.Token);
            var toClient = Pump(server.GetStream(), client.GetStream(), async (chunk, forward) =>
            {
                if (Volatile.Read(ref commitForwarded))
                {
                    Interlocked.Increment(ref cuts);
                    await cut.CancelAsync();
                    return;
                }

                await forward(chunk);
            }, cut.Token);
            await Task.WhenAny(toServer, toClient);
            // Reset, not an orderly close: as a server that went away, or a broken network, would.
            client.Client.LingerState = new LingerOption(true, 0);
            server.Client.LingerState = new LingerOption(true, 0);
        }
    }

    private static async Task Pump(
        NetworkStream from,
        NetworkStream to,
        Func<ReadOnlyMemory<byte>, Func<ReadOnlyMemory<byte>, Task>, Task> relay,
        CancellationToken cut)
    {
        var buffer = new byte[64 * 1024];
        try
        {
            while (!cut.IsCancellationRequested)
            {
                var read = await from.ReadAsync(buffer, cut);
                if (read == 0)
                {
                    return;
                }

                await relay(buffer.AsMemory(0, read), async chunk => await to.WriteAsync(chunk, cut));
            }
        }
        catch (Exception problem) when (problem is IOException or OperationCanceledException or ObjectDisposedException)
        {
            // One side went away or the connection was cut: the relay ends.
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        listener.Stop();
        stopping.Dispose();
    }
}
