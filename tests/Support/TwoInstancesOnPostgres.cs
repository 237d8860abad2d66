namespace PledgeBot.Tests.Support;

/// <summary>
/// Two instances of the bot, each a real host on Kestrel with a data folder of its own, on one
/// PostgreSQL database, as an operator runs them behind a load balancer: with the same person key
/// secret and the same keys folder, which every instance must share (README, "Scale-out").
/// </summary>
public sealed class TwoInstancesOnPostgres : IAsyncDisposable
{
    private readonly TempFolder firstData = new();
    private readonly TempFolder secondData = new();
    private readonly TempFolder sharedKeys = new();

    private readonly IReadOnlyDictionary<string, string?> extraSettings;
    private readonly Action<Microsoft.Extensions.DependencyInjection.IServiceCollection>? testServices;

    private TwoInstancesOnPostgres(
        PostgresUnderTest database, IReadOnlyDictionary<string, string?>? extraSettings, Action<Microsoft.Extensions.DependencyInjection.IServiceCollection>? testServices)
    {
        Database = database;
        this.extraSettings = extraSettings ?? new Dictionary<string, string?>();
        this.testServices = testServices;
        First = Start(firstData);
        Second = Start(secondData);
    }

    public PostgresUnderTest Database { get; }

    public BotApplication First { get; }

    public BotApplication Second { get; }

    /// <summary>The first instance for even <paramref name="i"/>, the second for odd: a load balancer's round robin.</summary>
    public BotApplication Alternate(int i) => i % 2 == 0 ? First : Second;

    /// <param name="extraSettings">Settings both instances get besides the shared ones, as an operator sets them on each.</param>
    /// <param name="testServices">Services each instance gets of its own (each has its own container).</param>
    public static async Task<TwoInstancesOnPostgres> StartAsync(
        IReadOnlyDictionary<string, string?>? extraSettings = null, Action<Microsoft.Extensions.DependencyInjection.IServiceCollection>? testServices = null) =>
        new(await PostgresUnderTest.CreateAsync(), extraSettings, testServices);

    private BotApplication Start(TempFolder data) => BotApplication.StartOnKestrel(
        data.Path,
        new Dictionary<string, string?>(extraSettings)
        {
            ["Storage:PostgresConnectionString"] = Database.ConnectionString,
            ["Privacy:PersonKeySecret"] = Convert.ToBase64String(BotUnderTest.Secret),
            ["Privacy:KeysDirectory"] = sharedKeys.Path,
        },
        testServices);

    public async ValueTask DisposeAsync()
    {
        First.Dispose();
        Second.Dispose();
        await Database.DisposeAsync();
        firstData.Dispose();
        secondData.Dispose();
        sharedKeys.Dispose();
    }
}
