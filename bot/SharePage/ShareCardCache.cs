using System.Collections.Concurrent;
using System.Security.Cryptography;
using PledgeBot.Dialogs.Content;

namespace PledgeBot.SharePage;

/// <summary>One cause's picture as last drawn: its bytes, the counts it shows and its ETag.</summary>
public sealed record ShareCardPicture(byte[] Png, CauseCounts DrawnFor, string ETag);

/// <summary>
/// Keeps each cause's rendered picture, one per language, in memory and draws it again only when
/// <see cref="ShareCardRefreshPolicy"/> says the counts moved meaningfully. At most one render
/// per cause runs at a time: concurrent requests for a cause that needs drawing wait for that
/// one render and share its result. Only causes from the running content are cached, and a publish
/// starts the cache afresh (a cause's title, image or the campaign's colours may have changed), so
/// the memory is bounded by the campaign (a few hundred KB per cause and language, at most five languages).
/// </summary>
public sealed class ShareCardCache(ShareCardRenderer renderer)
{
    private volatile Generation current = new(null);

    /// <summary>How many pictures have been drawn since start (for tests and benchmarks).</summary>
    public int RenderCount => renderCount;

    private int renderCount;

    /// <param name="content">The running content in the picture's language, which <paramref name="cause"/> comes from.</param>
    public async Task<ShareCardPicture> GetAsync(CampaignContent content, Cause cause, CauseCounts counts, CancellationToken cancellationToken)
    {
        // Every language of one content shares its translations: a publish replaces them, a language does not.
        var generation = current;
        if (!ReferenceEquals(generation.Source, content.Translations))
        {
            generation = new Generation(content.Translations);
            current = generation;
        }

        var entry = generation.Entries.GetOrAdd($"{content.Language}/{cause.Id}", _ => new Entry());
        if (IsFresh(entry.Picture, counts))
        {
            return entry.Picture!;
        }

        await entry.Rendering.WaitAsync(cancellationToken);
        try
        {
            // Whoever held the lock may just have drawn what this request needs.
            if (IsFresh(entry.Picture, counts))
            {
                return entry.Picture!;
            }

            var png = renderer.Render(content, cause, counts);
            Interlocked.Increment(ref renderCount);
            var picture = new ShareCardPicture(png, counts, $"\"{Convert.ToHexStringLower(SHA256.HashData(png))[..20]}\"");
            entry.Picture = picture;
            return picture;
        }
        finally
        {
            entry.Rendering.Release();
        }
    }

    private static bool IsFresh(ShareCardPicture? picture, CauseCounts counts) =>
        picture is not null && !ShareCardRefreshPolicy.IsMeaningfulChange(picture.DrawnFor, counts);

    /// <summary>The pictures drawn for one content.</summary>
    private sealed record Generation(CampaignTranslations? Source)
    {
        public ConcurrentDictionary<string, Entry> Entries { get; } = new(StringComparer.Ordinal);
    }

    private sealed class Entry
    {
        public SemaphoreSlim Rendering { get; } = new(1, 1);

        public volatile ShareCardPicture? Picture;
    }
}
