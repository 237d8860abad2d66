using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Running;
using PledgeBot.Dialogs.Content;
using PledgeBot.SharePage;

BenchmarkSwitcher.FromAssembly(typeof(ShareCardBenchmarks).Assembly).Run(args);

/// <summary>The preview picture: drawing and encoding it (what a cache miss costs) and a cache hit.</summary>
[MemoryDiagnoser]
public class ShareCardBenchmarks
{
    private readonly CauseCounts counts = new(1234, 3630, 34, 567);
    private CampaignContent content = null!;
    private ShareCardFonts fonts = null!;
    private ShareCardRenderer renderer = null!;
    private ShareCardCache cache = null!;
    private Cause cause = null!;

    [GlobalSetup]
    public void Setup()
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "campaign");
        content = CampaignContentLoader.Load(Path.Combine(folder, "campaign.json"));
        cause = content.Causes[0];
        fonts = new ShareCardFonts();
        renderer = new ShareCardRenderer(fonts, folder);
        cache = new ShareCardCache(renderer);
        cache.GetAsync(content, cause, counts, CancellationToken.None).GetAwaiter().GetResult();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        renderer.Dispose();
        fonts.Dispose();
    }

    [Benchmark(Description = "Render (uncached): draw + PNG encode, 1200x630")]
    public byte[] Render() => renderer.Render(content, cause, counts);

    [Benchmark(Description = "Cache hit: counts unchanged")]
    public Task<ShareCardPicture> CacheHit() => cache.GetAsync(content, cause, counts, CancellationToken.None);
}
