using System.Text;

namespace PledgeBot.Admin.Content;

/// <summary>
/// The content draft an admin sends from the content form: the uploaded file when one was chosen,
/// otherwise the text area. Read as strict UTF-8 and at most <see cref="MaxBytes"/>.
/// </summary>
public static class AdminContentDraft
{
    /// <summary>Far above a campaign's content (the seed is about 10 KB); a larger file is surely not one.</summary>
    public const int MaxBytes = 1024 * 1024;

    /// <summary>The request limit of the content forms: the draft plus the form's own fields and framing.</summary>
    public const long FormBytes = MaxBytes + (64 * 1024);

    public const string TextField = "content";
    public const string FileField = "file";

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>The draft's text, or what is wrong with what was sent (in words for the admin).</summary>
    public static async Task<(string? Text, string? Problem)> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (!request.HasFormContentType)
        {
            return (null, "Send the content from the content form.");
        }

        var form = await request.ReadFormAsync(cancellationToken);
        var file = form.Files.GetFile(FileField);
        if (file is { Length: > 0 })
        {
            if (file.Length > MaxBytes)
            {
                return (null, $"The file is larger than {MaxBytes / 1024} KB; a campaign's content file is far smaller.");
            }

            using var buffer = new MemoryStream();
            await file.CopyToAsync(buffer, cancellationToken);
            return Decode(buffer.ToArray());
        }

        var text = form[TextField].ToString();
        return Encoding.UTF8.GetByteCount(text) > MaxBytes
            ? (null, $"The content is larger than {MaxBytes / 1024} KB; a campaign's content file is far smaller.")
            : string.IsNullOrWhiteSpace(text) ? (null, "The content is empty: paste the content file's text or choose the file.") : (text, null);
    }

    /// <summary>
    /// A tool's JSON body, read up to <see cref="MaxBytes"/>: Kestrel already refuses a larger body
    /// announced by its length, and this stops one sent in chunks without a length.
    /// </summary>
    public static async Task<(string? Text, string? Problem, bool TooLarge)> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > MaxBytes)
            {
                return (null, $"The content is larger than {MaxBytes / 1024} KB; a campaign's content file is far smaller.", true);
            }

            buffer.Write(chunk, 0, read);
        }

        var (text, problem) = Decode(buffer.ToArray());
        return (text, problem, false);
    }

    /// <summary>A file's bytes as text: UTF-8 with or without its byte order mark, anything else refused.</summary>
    public static (string? Text, string? Problem) Decode(byte[] bytes)
    {
        try
        {
            var text = StrictUtf8.GetString(bytes);
            text = text.StartsWith('\uFEFF') ? text[1..] : text;
            return string.IsNullOrWhiteSpace(text) ? (null, "The file is empty.") : (text, null);
        }
        catch (DecoderFallbackException)
        {
            return (null, "The file is not UTF-8 text. Save it as UTF-8 (any text editor can) and try again.");
        }
    }
}
