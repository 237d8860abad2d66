using System.Text.Encodings.Web;
using System.Text.Json;

namespace PledgeBot.Admin.Content;

/// <summary>
/// Cards to be drawn in the admin's browser by the Adaptive Cards renderer: a labelled section per
/// card, the cards' JSON in a data block, and the status line, as web/admin-content-preview.js
/// reads them. The content preview and the follow-up preview both show their cards this way.
/// </summary>
public static class AdminCardPreviewHtml
{
    private static readonly JsonSerializerOptions CardJson = new(JsonSerializerDefaults.Web);

    public static string Render(IReadOnlyList<PreviewCard> cards)
    {
        var encode = HtmlEncoder.Default;
        var sections = string.Concat(cards.Select((card, index) => $"""
            <section class="preview-card" aria-labelledby="card-{index}-label">
              <h3 id="card-{index}-label">{encode.Encode(card.Label)}</h3>
              <div class="card-host" data-card-index="{index}"></div>
            </section>
            """));
        // Default System.Text.Json escaping turns < > & into \u003C …, so no card text can close this script element.
        var data = JsonSerializer.Serialize(cards.Select(c => c.Card), CardJson);
        return $"""
            <p id="preview-status" aria-live="polite">Drawing {cards.Count} cards…</p>
            <script type="application/json" id="preview-cards">{data}</script>
            <div class="preview-cards">
            {sections}
            </div>
            """;
    }
}
