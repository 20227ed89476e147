using System.Buffers.Binary;
using System.Text;

namespace TuyPhuoc.Submissions.Data;

/// <summary>
/// The checked rows of an import, written to a temporary file in PostgreSQL's binary COPY format while the client
/// sends them, so memory stays flat however large the batch, and no connection is held while the client is slow.
/// Once every row is in, the file goes as it is into <see cref="Table"/>, a staging table of the import's transaction.
/// </summary>
public sealed class ImportSpool : IAsyncDisposable
{
    public const string Table = "import_rows";

    /// <summary>The staging table, dropped when the transaction ends; its columns in the order the rows are written.</summary>
    public const string CreateTable = $"""
        CREATE TEMP TABLE {Table} (n int NOT NULL, u text NOT NULL, i text NOT NULL, y int NOT NULL, m int NOT NULL,
            v double precision NOT NULL, note text NOT NULL, solutions text NOT NULL) ON COMMIT DROP
        """;

    private const short Columns = 8;
    // "PGCOPY\n\xff\r\n\0", then no flags and no header extension.
    private static readonly byte[] Header = [.. "PGCOPY\n"u8, 0xFF, .. "\r\n"u8, 0, 0, 0, 0, 0, 0, 0, 0, 0];

    private readonly FileStream _file = new(Path.Combine(Path.GetTempPath(), $"tuyphuoc-import-{Guid.NewGuid():N}"),
        FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 1 << 16, FileOptions.DeleteOnClose);
    private readonly byte[] _fixed = new byte[12];
    private byte[] _scratch = new byte[256];
    private bool _complete;

    public ImportSpool() => _file.Write(Header);

    public int Count { get; private set; }

    /// <summary>The report months the rows belong to: the months the import share-locks.</summary>
    public HashSet<(string Unit, int Year, int Month)> Months { get; } = [];

    public void Add(ActualInput row)
    {
        Months.Add(row.ReportMonth);
        BinaryPrimitives.WriteInt16BigEndian(_fixed, Columns);
        _file.Write(_fixed, 0, 2);
        Int(++Count);
        Text(row.UnitCode);
        Text(row.IndicatorCode);
        Int(row.Year);
        Int(row.Month);
        BinaryPrimitives.WriteInt32BigEndian(_fixed, 8);
        BinaryPrimitives.WriteDoubleBigEndian(_fixed.AsSpan(4), row.Value);
        _file.Write(_fixed, 0, 12);
        Text(row.Note.Trim());
        Text(row.Solutions.Trim());
    }

    /// <summary>Forgets the rows so far (a bad row means none will be stored).</summary>
    public void Clear()
    {
        _file.SetLength(Header.Length);
        _file.Position = Header.Length;
        Count = 0;
        Months.Clear();
    }

    /// <summary>Copies every row into <see cref="Table"/> on the connection; may be called again (a retried transaction).</summary>
    public async Task CopyToAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        if (!_complete)
        {
            _file.Write([0xFF, 0xFF]);
            await _file.FlushAsync(ct);
            _complete = true;
        }
        _file.Position = 0;
        await using var copy = await connection.BeginRawBinaryCopyAsync($"COPY {Table} FROM STDIN (FORMAT BINARY)", ct);
        await _file.CopyToAsync(copy, ct);
    }

    private void Int(int value)
    {
        BinaryPrimitives.WriteInt32BigEndian(_fixed, 4);
        BinaryPrimitives.WriteInt32BigEndian(_fixed.AsSpan(4), value);
        _file.Write(_fixed, 0, 8);
    }

    private void Text(string value)
    {
        var length = Encoding.UTF8.GetMaxByteCount(value.Length) + 4;
        if (_scratch.Length < length) _scratch = new byte[Math.Max(length, 2 * _scratch.Length)];
        var written = Encoding.UTF8.GetBytes(value, _scratch.AsSpan(4));
        BinaryPrimitives.WriteInt32BigEndian(_scratch, written);
        _file.Write(_scratch, 0, written + 4);
    }

    public ValueTask DisposeAsync() => _file.DisposeAsync();
}
