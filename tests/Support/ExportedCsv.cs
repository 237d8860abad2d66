using System.Text;
using CsvHelper;

namespace PledgeBot.Tests.Support;

/// <summary>A downloaded CSV export: its bytes as sent, and its records read back with a CSV reader.</summary>
public sealed class ExportedCsv
{
    private ExportedCsv(byte[] bytes, IReadOnlyList<string> headers, IReadOnlyList<IReadOnlyDictionary<string, string>> rows)
    {
        Bytes = bytes;
        Headers = headers;
        Rows = rows;
    }

    public byte[] Bytes { get; }

    public IReadOnlyList<string> Headers { get; }

    public IReadOnlyList<IReadOnlyDictionary<string, string>> Rows { get; }

    public bool StartsWithByteOrderMark => Bytes.AsSpan().StartsWith(Encoding.UTF8.Preamble);

    /// <summary>The text as a spreadsheet or importer gets it (without a byte order mark).</summary>
    public string Text => Encoding.UTF8.GetString(StartsWithByteOrderMark ? Bytes[Encoding.UTF8.Preamble.Length..] : Bytes);

    public IReadOnlyDictionary<string, string> RowWhere(string column, string value) => Assert.Single(Rows, row => row[column] == value);

    public static async Task<ExportedCsv> ReadAsync(HttpResponseMessage response)
    {
        var bytes = await response.Content.ReadAsByteArrayAsync();
        var text = Encoding.UTF8.GetString(bytes.AsSpan().StartsWith(Encoding.UTF8.Preamble) ? bytes[Encoding.UTF8.Preamble.Length..] : bytes);
        using var reader = CsvReader.Create(new StringReader(text));
        reader.ReadHeader();
        var headers = reader.Headers.ToArray();
        var rows = new List<IReadOnlyDictionary<string, string>>();
        while (reader.Read())
        {
            Assert.Equal(headers.Length, reader.FieldCount);
            rows.Add(headers.Select((header, i) => (header, value: reader.GetString(i))).ToDictionary(f => f.header, f => f.value));
        }

        return new ExportedCsv(bytes, headers, rows);
    }
}
