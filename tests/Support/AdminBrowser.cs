using System.Net.Http.Headers;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.Mvc.Testing;

namespace PledgeBot.Tests.Support;

/// <summary>
/// A campaign manager's browser on the admin area: keeps its cookies (over https, so the Secure
/// ones come back), follows no redirect by itself, and fills in forms as the pages render them,
/// hidden antiforgery field included.
/// </summary>
public sealed class AdminBrowser(BotApplication app)
{
    public HttpClient Http { get; } = app.CreateClient(new WebApplicationFactoryClientOptions
    {
        BaseAddress = new Uri("https://localhost"),
        AllowAutoRedirect = false,
        HandleCookies = true,
    });

    public Task<HttpResponseMessage> OpenAsync(string path)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/html"));
        return Http.SendAsync(request);
    }

    public async Task<IHtmlDocument> ReadAsync(string path)
    {
        using var response = await OpenAsync(path);
        return await new HtmlParser().ParseDocumentAsync(await response.Content.ReadAsStringAsync());
    }

    /// <summary>Opens <paramref name="page"/>, fills the form that posts to <paramref name="action"/> with <paramref name="fields"/>, and sends it.</summary>
    public async Task<HttpResponseMessage> SubmitAsync(string page, string action, params (string Name, string Value)[] fields)
    {
        var document = await ReadAsync(page);
        var form = document.Forms.Single(form => form.GetAttribute("action") == action);
        var values = form.QuerySelectorAll<IHtmlInputElement>("input[type=hidden]")
            .Select(input => new KeyValuePair<string, string>(input.Name!, input.Value))
            .Concat(fields.Select(field => new KeyValuePair<string, string>(field.Name, field.Value)));
        return await Http.PostAsync(action, new FormUrlEncodedContent(values));
    }

    /// <summary>
    /// Sends the multipart form of <paramref name="page"/> that posts to <paramref name="action"/>:
    /// its hidden fields, <paramref name="fields"/>, and <paramref name="file"/> as an uploaded file when given.
    /// </summary>
    public async Task<HttpResponseMessage> SubmitWithFileAsync(
        string page, string action, (string Field, string FileName, byte[] Bytes)? file, params (string Name, string Value)[] fields)
    {
        var document = await ReadAsync(page);
        var form = document.Forms.Single(form => form.GetAttribute("action") == action);
        Assert.Equal("multipart/form-data", form.GetAttribute("enctype"));
        var body = new MultipartFormDataContent();
        foreach (var input in form.QuerySelectorAll<IHtmlInputElement>("input[type=hidden]"))
        {
            body.Add(new StringContent(input.Value), input.Name!);
        }

        foreach (var (name, value) in fields)
        {
            body.Add(new StringContent(value), name);
        }

        if (file is { } upload)
        {
            var bytes = new ByteArrayContent(upload.Bytes);
            bytes.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            body.Add(bytes, upload.Field, upload.FileName);
        }

        return await Http.PostAsync(action, body);
    }

    public Task<HttpResponseMessage> SignInWithKeyAsync(string key) => SubmitAsync("/admin/sign-in", "/admin/sign-in", ("key", key));

    public Task<HttpResponseMessage> SignOutAsync() => SubmitAsync("/admin/", "/admin/sign-out");
}
