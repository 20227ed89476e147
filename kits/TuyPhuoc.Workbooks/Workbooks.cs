using System.Collections.Concurrent;
using System.Xml;

using TuyPhuoc.ServiceDefaults;

namespace TuyPhuoc.Workbooks;

/// <summary>Why an uploaded workbook is refused before anything in it is used.</summary>
public enum WorkbookRefusal
{
    TooLarge, NotAWorkbook, Encrypted, Macros, TooManyParts, Unpacked, ZipBomb, Dtd, NotAWorksheet, SheetTwice,
    OutsideSheet, TooManyCells, SharedStrings, TooSlow, Busy,
}

/// <summary>A workbook refused as a whole: the reason (for a message in the caller's language) and what was found, in English.</summary>
public sealed class WorkbookRefusedException(WorkbookRefusal reason, string description) : Exception(description)
{
    public WorkbookRefusal Reason { get; } = reason;
}

/// <summary>What a workbook may hold. Rows and columns are Excel's own limits; the rest is far above any form of the suite.</summary>
public sealed record WorkbookLimits
{
    public const int MaxRow = 1_048_576, MaxColumn = 16_384;
    public long MaxBytes { get; init; } = 10 * 1024 * 1024;
    public int MaxParts { get; init; } = 200;
    public long MaxPartBytes { get; init; } = 64 * 1024 * 1024;
    public long MaxUnpackedBytes { get; init; } = 128 * 1024 * 1024;
    /// <summary>Unpacked bytes per packed byte of a part, once it has unpacked past <see cref="RatioAfter"/>.</summary>
    public int MaxRatio { get; init; } = 200;
    public long RatioAfter { get; init; } = 1024 * 1024;
    public int MaxSharedStrings { get; init; } = 200_000;
    public long MaxSharedCharacters { get; init; } = 20_000_000;
    public int MaxCells { get; init; } = 1_000_000;
    public int MaxSheets { get; init; } = 50;

    public static readonly WorkbookLimits Default = new();
}

/// <summary>One cell of a sheet: its 1-based column and row, its text, and its number when it holds one.</summary>
public readonly record struct WorkbookCell(int Column, int Row, string Text, double? Number);

/// <summary>A worksheet's cells that exist, by row then column.</summary>
public sealed record WorkbookSheet(string Name, IReadOnlyList<WorkbookCell> Cells);

/// <summary>
/// The one reader of uploaded .xlsx workbooks (SpreadsheetML): every bound of <see cref="WorkbookLimits"/> is counted
/// while unpacking and parsing (never taken from the zip's headers), and anything outside them refuses the workbook as a
/// whole. Only worksheets are read, each part once; an encrypted (OLE) or macro workbook and XML with a DTD are refused.
/// </summary>
public static class WorkbookReader
{
    private const string Relationships = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    private const string WorksheetType = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml";

    public static IReadOnlyList<WorkbookSheet> Read(Stream input, WorkbookLimits? limits = null, CancellationToken ct = default)
    {
        limits ??= WorkbookLimits.Default;
        var bytes = Copy(input, limits.MaxBytes, ct);
        if (bytes.Length >= 4 && bytes[0] == 0xD0 && bytes[1] == 0xCF && bytes[2] == 0x11 && bytes[3] == 0xE0)
        {
            throw new WorkbookRefusedException(WorkbookRefusal.Encrypted, "is an OLE compound file (an encrypted or legacy .xls workbook), not an .xlsx workbook");
        }
        if (bytes.Length < 4 || bytes[0] != 'P' || bytes[1] != 'K') throw NotAWorkbook("is not a zip package");
        try
        {
            using var zip = new ZipArchive(new MemoryStream(bytes, writable: false), ZipArchiveMode.Read);
            return new Package(zip, limits, ct).Sheets();
        }
        catch (InvalidDataException e)
        {
            throw NotAWorkbook($"is not a readable zip package ({e.Message})");
        }
        catch (XmlException e)
        {
            throw NotAWorkbook($"holds a part that is not well-formed XML ({e.Message})");
        }
    }

    /// <summary>A1-style column letters of a 1-based column number.</summary>
    public static string ColumnLetters(int column)
    {
        var letters = "";
        for (; column > 0; column = (column - 1) / 26) letters = (char)('A' + (column - 1) % 26) + letters;
        return letters;
    }

    private static WorkbookRefusedException NotAWorkbook(string why) => new(WorkbookRefusal.NotAWorkbook, why);

    private static byte[] Copy(Stream input, long max, CancellationToken ct)
    {
        if (input.CanSeek && input.Length - input.Position > max) throw TooLarge(max);
        using var copy = new MemoryStream();
        var buffer = new byte[81920];
        for (int n; (n = input.Read(buffer)) > 0;)
        {
            ct.ThrowIfCancellationRequested();
            if (copy.Length + n > max) throw TooLarge(max);
            copy.Write(buffer, 0, n);
        }
        return copy.ToArray();
    }

    private static WorkbookRefusedException TooLarge(long max) => new(WorkbookRefusal.TooLarge, $"is larger than {max / 1024 / 1024} MB");

    /// <summary>The parts of one package, each opened through the unpacking bounds.</summary>
    private sealed class Package
    {
        private readonly Dictionary<string, ZipArchiveEntry> _entries = new(StringComparer.OrdinalIgnoreCase);
        private readonly WorkbookLimits _limits;
        private readonly CancellationToken _ct;
        private long _unpacked;
        private bool _unpackedAll;
        private int _cells;
        private Bounded? _open;

        public Package(ZipArchive zip, WorkbookLimits limits, CancellationToken ct)
        {
            (_limits, _ct) = (limits, ct);
            var entries = zip.Entries;
            if (entries.Count > limits.MaxParts) throw new WorkbookRefusedException(WorkbookRefusal.TooManyParts, $"holds {entries.Count} parts, more than {limits.MaxParts}");
            foreach (var entry in entries)
            {
                if (entry.FullName.EndsWith("vbaProject.bin", StringComparison.OrdinalIgnoreCase)) throw Macros();
                _entries.TryAdd(entry.FullName.TrimStart('/'), entry);
            }
            // Every part is unpacked once through the bounds, read or not: a bomb anywhere in the package refuses it.
            var buffer = new byte[81920];
            foreach (var entry in entries)
            {
                using var part = new Bounded(entry.Open(), entry.CompressedLength, this, entry.FullName);
                while (part.Read(buffer) > 0) ct.ThrowIfCancellationRequested();
            }
            _unpackedAll = true;
        }

        private static WorkbookRefusedException Macros() => new(WorkbookRefusal.Macros, "holds macros (a macro-enabled workbook)");

        public List<WorkbookSheet> Sheets()
        {
            var types = ContentTypes();
            var workbook = Relations("", "_rels/.rels").FirstOrDefault(r => r.Type.EndsWith("/officeDocument", StringComparison.Ordinal)).Target
                ?? throw NotAWorkbook("has no workbook part");
            var folder = workbook.Contains('/') ? workbook[..(workbook.LastIndexOf('/') + 1)] : "";
            var relations = Relations(folder, $"{folder}_rels/{workbook[folder.Length..]}.rels").ToDictionary(r => r.Id, StringComparer.Ordinal);
            var shared = relations.Values.FirstOrDefault(r => r.Type.EndsWith("/sharedStrings", StringComparison.Ordinal)).Target is { } sst ? SharedStrings(sst) : [];

            var entries = new List<(string Name, string Part)>();
            using (var xml = Xml(workbook))
            {
                while (Next(xml))
                {
                    if (xml.NodeType != XmlNodeType.Element || xml.LocalName != "sheet") continue;
                    var name = xml.GetAttribute("name") ?? "";
                    var id = xml.GetAttribute("id", Relationships) ?? "";
                    if (!relations.TryGetValue(id, out var relation) || !relation.Type.EndsWith("/worksheet", StringComparison.Ordinal)
                        || types.GetValueOrDefault(relation.Target) is not WorksheetType)
                    {
                        throw new WorkbookRefusedException(WorkbookRefusal.NotAWorksheet, $"has a sheet entry \"{InputBounds.Quote(name)}\" that is not a worksheet");
                    }
                    if (entries.Any(e => string.Equals(e.Part, relation.Target, StringComparison.OrdinalIgnoreCase)))
                    {
                        throw new WorkbookRefusedException(WorkbookRefusal.SheetTwice, $"has two sheet entries on one worksheet part ({InputBounds.Quote(relation.Target)})");
                    }
                    if (entries.Count == _limits.MaxSheets) throw new WorkbookRefusedException(WorkbookRefusal.TooManyParts, $"holds more than {_limits.MaxSheets} sheets");
                    entries.Add((name, relation.Target));
                }
            }
            return [.. entries.Select(e => new WorkbookSheet(e.Name, Cells(e.Part, shared)))];
        }

        /// <summary>The content type of each part: its override, else the default of its extension.</summary>
        private Dictionary<string, string> ContentTypes()
        {
            var defaults = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            var overrides = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            using (var xml = Xml("[Content_Types].xml"))
            {
                while (Next(xml))
                {
                    if (xml.NodeType != XmlNodeType.Element) continue;
                    var type = xml.GetAttribute("ContentType") ?? "";
                    if (type.Contains("macroEnabled", StringComparison.OrdinalIgnoreCase) || type.Contains("vbaProject", StringComparison.OrdinalIgnoreCase)) throw Macros();
                    if (xml.LocalName == "Default") defaults[xml.GetAttribute("Extension") ?? ""] = type;
                    else if (xml.LocalName == "Override") overrides[(xml.GetAttribute("PartName") ?? "").TrimStart('/')] = type;
                }
            }
            var types = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (var name in _entries.Keys)
            {
                types[name] = overrides.GetValueOrDefault(name) ?? defaults.GetValueOrDefault(Path.GetExtension(name).TrimStart('.')) ?? "";
            }
            return types;
        }

        private List<(string Id, string Type, string Target)> Relations(string folder, string part)
        {
            List<(string, string, string)> relations = [];
            if (!_entries.ContainsKey(part)) return relations;
            using var xml = Xml(part);
            while (Next(xml))
            {
                if (xml.NodeType != XmlNodeType.Element || xml.LocalName != "Relationship" || xml.GetAttribute("TargetMode") == "External") continue;
                relations.Add((xml.GetAttribute("Id") ?? "", xml.GetAttribute("Type") ?? "", Resolve(folder, xml.GetAttribute("Target") ?? "")));
            }
            return relations;
        }

        /// <summary>A relationship's target as a part name: absolute from the package root, else relative to the source's folder.</summary>
        private static string Resolve(string folder, string target)
        {
            var path = new List<string>();
            foreach (var segment in (target.StartsWith('/') ? target : folder + target).Split('/', StringSplitOptions.RemoveEmptyEntries))
            {
                if (segment == "..") { if (path.Count > 0) path.RemoveAt(path.Count - 1); }
                else if (segment != ".") path.Add(segment);
            }
            return string.Join('/', path);
        }

        private string[] SharedStrings(string part)
        {
            if (!_entries.ContainsKey(part)) return [];
            var strings = new List<string>();
            long characters = 0;
            using var xml = Xml(part);
            while (Next(xml))
            {
                if (xml.NodeType != XmlNodeType.Element || xml.LocalName != "si") continue;
                if (strings.Count == _limits.MaxSharedStrings) throw new WorkbookRefusedException(WorkbookRefusal.SharedStrings, $"has more than {_limits.MaxSharedStrings} shared strings");
                var text = Texts(xml);
                characters += text.Length;
                if (characters > _limits.MaxSharedCharacters) throw new WorkbookRefusedException(WorkbookRefusal.SharedStrings, $"has shared strings of more than {_limits.MaxSharedCharacters} characters");
                strings.Add(text);
            }
            return [.. strings];
        }

        private List<WorkbookCell> Cells(string part, string[] shared)
        {
            if (!_entries.ContainsKey(part)) throw NotAWorkbook($"lacks its worksheet part {InputBounds.Quote(part)}");
            var cells = new Dictionary<(int Row, int Column), WorkbookCell>();
            using var xml = Xml(part);
            int row = 0, column = 0;
            while (Next(xml))
            {
                if (xml.NodeType != XmlNodeType.Element) continue;
                if (xml.LocalName == "row")
                {
                    row = xml.GetAttribute("r") is { } r ? Number(r, WorkbookLimits.MaxRow, $"row {r}") : row + 1;
                    if (row > WorkbookLimits.MaxRow) throw Outside($"row {row}");
                    column = 0;
                }
                else if (xml.LocalName == "c")
                {
                    (column, row) = xml.GetAttribute("r") is { } reference ? Reference(reference) : (column + 1, Math.Max(row, 1));
                    if (column > WorkbookLimits.MaxColumn) throw Outside($"column {column}");
                    if (++_cells > _limits.MaxCells) throw new WorkbookRefusedException(WorkbookRefusal.TooManyCells, $"holds more than {_limits.MaxCells} cells");
                    var type = xml.GetAttribute("t");
                    var (value, inline) = Content(xml);
                    var cell = type switch
                    {
                        "s" => new WorkbookCell(column, row, int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i < shared.Length ? shared[i] : "", null),
                        "inlineStr" => new WorkbookCell(column, row, inline, null),
                        null or "n" => new WorkbookCell(column, row, value, double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var n) ? n : null),
                        _ => new WorkbookCell(column, row, value, null),
                    };
                    cells[(row, column)] = cell;
                }
            }
            return [.. cells.OrderBy(c => c.Key).Select(c => c.Value)];
        }

        /// <summary>A cell's value (&lt;v&gt;) and inline text (&lt;is&gt;), the reader left on the cell's end.</summary>
        private (string Value, string Inline) Content(XmlReader xml)
        {
            string value = "", inline = "";
            Inside(xml, () =>
            {
                if (xml.LocalName == "v") value = xml.ReadElementContentAsString();
                else if (xml.LocalName == "is") inline = Texts(xml);
                else return false;
                return true;
            });
            return (value, inline);
        }

        /// <summary>The text of a string item (&lt;si&gt; or &lt;is&gt;): its runs' &lt;t&gt;, without phonetic runs.</summary>
        private string Texts(XmlReader xml)
        {
            var text = new System.Text.StringBuilder();
            Inside(xml, () =>
            {
                if (xml.LocalName == "t") text.Append(xml.ReadElementContentAsString());
                else if (xml.LocalName == "rPh") xml.Skip();
                else return false;
                return true;
            });
            return text.ToString();
        }

        /// <summary>
        /// Visits the elements inside the current one, which the visitor reads (true: it moved on past the element) or
        /// not; the reader is left on the current element's end.
        /// </summary>
        private void Inside(XmlReader xml, Func<bool> visit)
        {
            if (xml.IsEmptyElement) return;
            var depth = xml.Depth;
            var moved = false;
            while (moved || Next(xml))
            {
                moved = false;
                if (xml.Depth <= depth) return;
                if (xml.NodeType == XmlNodeType.Element) moved = visit();
            }
        }

        private static (int Column, int Row) Reference(string reference)
        {
            var letters = 0;
            var column = 0;
            while (letters < reference.Length && char.IsAsciiLetter(reference[letters]))
            {
                column = column * 26 + (char.ToUpperInvariant(reference[letters]) - 'A' + 1);
                if (column > WorkbookLimits.MaxColumn) throw Outside($"cell {InputBounds.Quote(reference)}");
                letters++;
            }
            if (letters == 0) throw NotAWorkbook($"has a cell reference \"{InputBounds.Quote(reference)}\" without a column");
            return (column, Number(reference[letters..], WorkbookLimits.MaxRow, $"cell {InputBounds.Quote(reference)}"));
        }

        private static int Number(string text, int max, string what)
        {
            if (!long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && text.Length > 0 && text.All(char.IsAsciiDigit)) throw Outside(what);
            if (n < 1) throw NotAWorkbook($"has a {what} that is not a position");
            return n > max ? throw Outside(what) : (int)n;
        }

        private static WorkbookRefusedException Outside(string what) =>
            new(WorkbookRefusal.OutsideSheet, $"has a {what} outside a sheet's {WorkbookLimits.MaxRow} rows and {WorkbookLimits.MaxColumn} columns (A1:XFD{WorkbookLimits.MaxRow})");

        /// <summary>The next node; a DTD (refused by the reader, never read) is named as such.</summary>
        private bool Next(XmlReader xml)
        {
            _ct.ThrowIfCancellationRequested();
            try
            {
                return xml.Read();
            }
            catch (XmlException) when (_open?.DeclaresDtd == true)
            {
                throw new WorkbookRefusedException(WorkbookRefusal.Dtd, $"has a part ({InputBounds.Quote(_open.Part)}) with a DTD");
            }
        }

        private XmlReader Xml(string part)
        {
            if (!_entries.TryGetValue(part, out var entry)) throw NotAWorkbook($"lacks the part {InputBounds.Quote(part)}");
            _open = new Bounded(entry.Open(), entry.CompressedLength, this, part);
            var settings = new XmlReaderSettings
            {
                DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, IgnoreComments = true,
                IgnoreProcessingInstructions = true, IgnoreWhitespace = true, CloseInput = true,
            };
            return XmlReader.Create(_open, settings);
        }

        /// <summary>Counts a part's bytes as they unpack: the package's total on the first pass over the parts, each part's on every read.</summary>
        private void Unpacked(long bytes, long partBytes, long packed, string part)
        {
            if (!_unpackedAll) _unpacked += bytes;
            if (partBytes > _limits.MaxPartBytes) throw new WorkbookRefusedException(WorkbookRefusal.Unpacked, $"has a part ({InputBounds.Quote(part)}) that unpacks to more than {_limits.MaxPartBytes / 1024 / 1024} MB");
            if (_unpacked > _limits.MaxUnpackedBytes) throw new WorkbookRefusedException(WorkbookRefusal.Unpacked, $"unpacks to more than {_limits.MaxUnpackedBytes / 1024 / 1024} MB");
            if (partBytes > _limits.RatioAfter && partBytes > _limits.MaxRatio * Math.Max(packed, 1))
            {
                throw new WorkbookRefusedException(WorkbookRefusal.ZipBomb, $"has a part ({InputBounds.Quote(part)}) that unpacks to more than {_limits.MaxRatio} times its packed size (a zip bomb)");
            }
        }

        /// <summary>A part's unpacked bytes, counted as they are read.</summary>
        private sealed class Bounded(Stream inner, long packed, Package package, string part) : Stream
        {
            private readonly byte[] _prolog = new byte[2048];
            private long _read;

            public string Part => part;

            /// <summary>Whether the part's first bytes declare a DOCTYPE (in UTF-8 or UTF-16).</summary>
            public bool DeclaresDtd
            {
                get
                {
                    var prolog = _prolog.AsSpan(0, (int)Math.Min(_read, _prolog.Length));
                    return System.Text.Encoding.UTF8.GetString(prolog).Contains("<!DOCTYPE", StringComparison.OrdinalIgnoreCase)
                        || System.Text.Encoding.Unicode.GetString(prolog).Contains("<!DOCTYPE", StringComparison.OrdinalIgnoreCase)
                        || System.Text.Encoding.BigEndianUnicode.GetString(prolog).Contains("<!DOCTYPE", StringComparison.OrdinalIgnoreCase);
                }
            }

            public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

            public override int Read(Span<byte> buffer)
            {
                var n = inner.Read(buffer);
                if (_read < _prolog.Length) buffer[..(int)Math.Min(n, _prolog.Length - _read)].CopyTo(_prolog.AsSpan((int)_read));
                _read += n;
                package.Unpacked(n, _read, packed, part);
                return n;
            }

            public override bool CanRead => true;
            public override bool CanSeek => false;
            public override bool CanWrite => false;
            public override long Length => throw new NotSupportedException();
            public override long Position { get => _read; set => throw new NotSupportedException(); }
            public override void Flush() { }
            public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
            public override void SetLength(long value) => throw new NotSupportedException();
            public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
            protected override void Dispose(bool disposing)
            {
                if (disposing) inner.Dispose();
                base.Dispose(disposing);
            }
        }
    }
}

/// <summary>
/// Bounds the CPU time uploads take: one parse per person at a time, a few parses at once in the process (so everyone
/// else's requests still answer), and a time budget per parse after which the workbook is refused.
/// </summary>
public sealed class WorkbookGate(int parsesAtOnce, TimeSpan budget, TimeSpan wait)
{
    /// <summary>The process's gate: half the cores parse at most, each parse for at most 20 s.</summary>
    public static readonly WorkbookGate Process = new(Math.Max(1, Environment.ProcessorCount / 2), TimeSpan.FromSeconds(20), TimeSpan.FromSeconds(10));

    private readonly SemaphoreSlim _parses = new(parsesAtOnce, parsesAtOnce);
    private readonly ConcurrentDictionary<string, byte> _parsing = new(StringComparer.Ordinal);

    /// <summary>Reads a workbook off the caller's thread, within the gate's bounds.</summary>
    public async Task<IReadOnlyList<WorkbookSheet>> ReadAsync(string person, Stream input, WorkbookLimits? limits = null, CancellationToken ct = default)
    {
        if (!_parsing.TryAdd(person, 0)) throw new WorkbookRefusedException(WorkbookRefusal.Busy, "is refused: another workbook of the same person is being read");
        try
        {
            if (!await _parses.WaitAsync(wait, ct)) throw new WorkbookRefusedException(WorkbookRefusal.Busy, "is refused: the server is reading too many workbooks; try again shortly");
            try
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
                timeout.CancelAfter(budget);
                try
                {
                    return await Task.Run(() => WorkbookReader.Read(input, limits, timeout.Token), timeout.Token);
                }
                catch (OperationCanceledException) when (!ct.IsCancellationRequested)
                {
                    throw new WorkbookRefusedException(WorkbookRefusal.TooSlow, $"took longer than {budget.TotalSeconds:0} s to read");
                }
            }
            finally
            {
                _parses.Release();
            }
        }
        finally
        {
            _parsing.TryRemove(person, out _);
        }
    }
}
