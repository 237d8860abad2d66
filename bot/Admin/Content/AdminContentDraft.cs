using System.Text;
using Microsoft.AspNetCore.Http.Features;

namespace PledgeBot.Admin.Content;

/// <summary>
/// The draft content an admin sends: from the content form (<c>content</c>, the text box, or
/// <c>file</c>, an uploaded .json, which wins when chosen) or as a JSON request body. Either is
/// at most <see cref="MaxBytes"/> of UTF-8. The publish and the preview read drafts the same way.
/// </summary>
public sealed record AdminContentDraft(string? Text, string? Problem, int Status)
{
    /// <summary>The ETag of the content the form was opened on (<see cref="AdminContentForm.BasedOnField"/>); empty when not sent.</summary>
    public string BasedOn { get; init; } = "";

    /// <summary>Far above any real campaign (a dozen causes is some 20 KB); the images are files of their own.</summary>
    public const int MaxBytes = 1024 * 1024;

    /// <summary>The form carries the draft twice at most (the text box and a file), plus its small fields.</summary>
    public const long FormBytes = 2L * MaxBytes + 64 * 1024;

    public const string TextField = "content";
    public const string FileField = "file";

    public const string TooLarge = "The content is larger than 1 MB. A campaign's content file is a few KB; check that this is the right file.";
    public const string NotUtf8 = "The content is not UTF-8 text. Save the file as UTF-8 (any editor can) and try again.";
    public const string Empty = "There is no content: paste it into the text box or choose a .json file.";

    public bool IsRead => Text is not null;

    /// <summary>Reads the draft from the content form (multipart or urlencoded).</summary>
    public static async Task<AdminContentDraft> ReadAsync(HttpRequest request)
    {
        if (!request.HasFormContentType)
        {
            return Refused(Empty, StatusCodes.Status400BadRequest);
        }

        IFormCollection form;
        try
        {
            form = await request.ReadFormAsync(request.HttpContext.RequestAborted);
        }
        catch (Exception e) when (e is InvalidDataException or BadHttpRequestException)
        {
            // The form reader's own limits, or a body cut short: neither is a draft.
            return Refused(TooLarge, StatusCodes.Status413PayloadTooLarge);
        }

        return await FromFormAsync(form, request.HttpContext.RequestAborted) with { BasedOn = form[AdminContentForm.BasedOnField].ToString() };
    }

    private static async Task<AdminContentDraft> FromFormAsync(IFormCollection form, CancellationToken cancellationToken)
    {
        if (form.Files.GetFile(FileField) is { Length: > 0 } file)
        {
            if (file.Length > MaxBytes)
            {
                return Refused(TooLarge, StatusCodes.Status413PayloadTooLarge);
            }

            using var stream = new MemoryStream((int)file.Length);
            await file.CopyToAsync(stream, cancellationToken);
            return FromBytes(stream.ToArray());
        }

        // Browsers send a text box as UTF-8 (the page says so); only its size is left to check.
        var text = form[TextField].ToString();
        if (Encoding.UTF8.GetByteCount(text) > MaxBytes)
        {
            return Refused(TooLarge, StatusCodes.Status413PayloadTooLarge);
        }

        return string.IsNullOrWhiteSpace(text) ? Refused(Empty, StatusCodes.Status400BadRequest) : new AdminContentDraft(text, null, StatusCodes.Status200OK);
    }

    /// <summary>Reads the draft from a request's body (the admin API), at most <see cref="MaxBytes"/>, whatever its Content-Length says.</summary>
    public static async Task<AdminContentDraft> ReadBodyAsync(HttpRequest request)
    {
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = MaxBytes;
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        try
        {
            int read;
            while ((read = await request.Body.ReadAsync(chunk, request.HttpContext.RequestAborted)) > 0)
            {
                if (buffer.Length + read > MaxBytes)
                {
                    return Refused(TooLarge, StatusCodes.Status413PayloadTooLarge);
                }

                buffer.Write(chunk, 0, read);
            }
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return Refused(TooLarge, StatusCodes.Status413PayloadTooLarge);
        }

        return buffer.Length == 0 ? Refused(Empty, StatusCodes.Status400BadRequest) : FromBytes(buffer.ToArray());
    }

    private static AdminContentDraft FromBytes(byte[] bytes)
    {
        try
        {
            var text = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(bytes);
            // A byte order mark is how some editors write UTF-8; it is not part of the JSON.
            text = text.TrimStart('\uFEFF');
            return string.IsNullOrWhiteSpace(text) ? Refused(Empty, StatusCodes.Status400BadRequest) : new AdminContentDraft(text, null, StatusCodes.Status200OK);
        }
        catch (DecoderFallbackException)
        {
            return Refused(NotUtf8, StatusCodes.Status400BadRequest);
        }
    }

    private static AdminContentDraft Refused(string problem, int status) => new(null, problem, status);
}
