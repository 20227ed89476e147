using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Text = DocumentFormat.OpenXml.Spreadsheet.Text;

namespace TuyPhuoc.Workbooks;

/// <summary>The look of a form's cells: the index of each in the workbook's stylesheet (<see cref="Xlsx.Styles"/>).</summary>
public enum Look : uint
{
    Plain, Issuer, Motto, Italic, Title, Head, Numbering, Text, Centered, Block, Whole, Decimal, Percent, InputNumber, InputText, Date, Signature,
}

/// <summary>One cell to write: a text, a number (null: left empty but drawn), or a date, with its look.</summary>
public readonly record struct XCell(string? Text, double? Number, Look Look)
{
    public static XCell Of(string? text, Look look = Look.Text) => new(text ?? "", null, look);

    /// <summary>A number drawn the Vietnamese way (1.234,5), "-" for zero: whole numbers without decimals, others with up to three.</summary>
    public static XCell Of(double? number, Look look = Look.Decimal) =>
        new(null, number, look == Look.Decimal && number is { } n && Math.Abs(n - Math.Round(n)) < 1e-9 ? Look.Whole : look);

    public static XCell Date(DateOnly date) => new(null, date.ToDateTime(TimeOnly.MinValue).ToOADate(), Look.Date);
}

/// <summary>
/// The forms' workbooks, written row by row (OpenXmlWriter) so a table of any length streams out, and read back cell
/// by cell. Excel draws separators by the reader's locale: the number formats are codes, the cells real numbers.
/// </summary>
public static class Xlsx
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    
    /// <summary>
    /// Writes a workbook of the given sheets, each filled by its writer in order. The package is zipped as it is written
    /// (the SDK's own package keeps every part in memory until it closes), so a sheet of any length streams out.
    /// </summary>
    public static void Write(Stream output, params (string Name, Action<SheetWriter> Fill)[] sheets)
    {
        using var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true);
        void Part(string path, string xml)
        {
            using var writer = new StreamWriter(zip.CreateEntry(path, CompressionLevel.Fastest).Open(), new UTF8Encoding(false));
            writer.Write("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>");
            writer.Write(xml);
        }
        const string package = "http://schemas.openxmlformats.org/package/2006/", office = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/";
        const string main = "application/vnd.openxmlformats-officedocument.spreadsheetml.";
        var numbers = Enumerable.Range(1, sheets.Length).ToList();
        Part("[Content_Types].xml", $"<Types xmlns=\"{package}content-types\"><Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
            + $"<Default Extension=\"xml\" ContentType=\"application/xml\"/><Override PartName=\"/xl/workbook.xml\" ContentType=\"{main}sheet.main+xml\"/>"
            + $"<Override PartName=\"/xl/styles.xml\" ContentType=\"{main}styles+xml\"/>"
            + string.Concat(numbers.Select(n => $"<Override PartName=\"/xl/worksheets/sheet{n}.xml\" ContentType=\"{main}worksheet+xml\"/>")) + "</Types>");
        Part("_rels/.rels", $"<Relationships xmlns=\"{package}relationships\"><Relationship Id=\"rId1\" Type=\"{office}officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>");
        Part("xl/_rels/workbook.xml.rels", $"<Relationships xmlns=\"{package}relationships\">"
            + string.Concat(numbers.Select(n => $"<Relationship Id=\"rId{n}\" Type=\"{office}worksheet\" Target=\"worksheets/sheet{n}.xml\"/>"))
            + $"<Relationship Id=\"rId{sheets.Length + 1}\" Type=\"{office}styles\" Target=\"styles.xml\"/></Relationships>");
        Part("xl/styles.xml", Styles().OuterXml);
        var heads = new (int From, int To)?[sheets.Length];
        foreach (var n in numbers)
        {
            using var part = zip.CreateEntry($"xl/worksheets/sheet{n}.xml", CompressionLevel.Fastest).Open();
            using var writer = new SheetWriter(part);
            sheets[n - 1].Fill(writer);
            heads[n - 1] = writer.Head;
        }
        var workbook = new Workbook(new Sheets(numbers.Select(n => new Sheet { Id = $"rId{n}", SheetId = (uint)n, Name = sheets[n - 1].Name })));
        var titles = numbers.Where(n => heads[n - 1] is not null).Select(n => new DefinedName($"'{sheets[n - 1].Name.Replace("'", "''")}'!${heads[n - 1]!.Value.From}:${heads[n - 1]!.Value.To}")
            { Name = "_xlnm.Print_Titles", LocalSheetId = (uint)(n - 1) }).ToList();
        if (titles.Count > 0) workbook.Append(new DefinedNames(titles));
        Part("xl/workbook.xml", workbook.OuterXml);
    }

    // Row heights for wrapped text: the forms' 12-point Times New Roman takes a line of 15.75 points, and a column
    // of width w holds about w - 1 of its characters (the width counts digits, which are as wide as most letters).
    internal const double LineHeight = 15.75, DefaultWidth = 8.43;

    internal static bool Wraps(Look look) => look is Look.Issuer or Look.Italic or Look.Title or Look.Head or Look.Text or Look.Centered or Look.Block or Look.InputText;

    /// <summary>How many lines a text takes in a span of the given width, each of its own lines wrapped at word breaks.</summary>
    internal static int LinesOf(string text, double width)
    {
        var perLine = Math.Max(1, (int)Math.Floor(width - 1));
        var lines = 0;
        foreach (var line in text.Split('\n'))
        {
            var (count, used) = (1, 0);
            foreach (var word in line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                var length = word.Length;
                if (used > 0 && used + 1 + length > perLine) (count, used) = (count + 1, 0);
                used += (used > 0 ? 1 : 0) + length;
                // A word longer than the line wraps within itself.
                while (used > perLine) (count, used) = (count + 1, used - perLine);
            }
            lines += count;
        }
        return Math.Max(1, lines);
    }

    /// <summary>
    /// The sheets of an uploaded workbook by name, read within <see cref="WorkbookLimits"/>; a workbook outside them is
    /// refused as a whole (<see cref="WorkbookRefusedException"/>).
    /// </summary>
    public static IReadOnlyDictionary<string, SheetReader> Read(Stream input) => Sheets(WorkbookReader.Read(input));

    public static IReadOnlyDictionary<string, SheetReader> Sheets(IEnumerable<WorkbookSheet> sheets)
    {
        var byName = new Dictionary<string, SheetReader>(StringComparer.Ordinal);
        foreach (var sheet in sheets) byName.TryAdd(sheet.Name, new SheetReader(sheet));
        return byName;
    }

    /// <summary>A1-style column letters of a 1-based column number.</summary>
    public static string Column(int number) => WorkbookReader.ColumnLetters(number);

    public static string Ref(int column, int row) => Column(column) + row.ToString(CultureInfo.InvariantCulture);

    // Formats: whole numbers and decimals with thousands, percentages; the third section draws zero as "-".
    public const string WholeFormat = "#,##0;-#,##0;\"-\"", DecimalFormat = "#,##0.0##;-#,##0.0##;\"-\"", PercentFormat = "0.0%;-0.0%;\"-\"", DateFormat = "dd/mm/yyyy";

    internal static Stylesheet Styles()
    {
        const string font = "Times New Roman";
        Font Font(double size, bool bold = false, bool italic = false)
        {
            var f = new Font();
            if (bold) f.Append(new Bold());
            if (italic) f.Append(new Italic());
            f.Append(new FontSize { Val = size }, new FontName { Val = font });
            return f;
        }
        var thin = new Border(
            new LeftBorder { Style = BorderStyleValues.Thin, Color = new Color { Indexed = 64 } },
            new RightBorder { Style = BorderStyleValues.Thin, Color = new Color { Indexed = 64 } },
            new TopBorder { Style = BorderStyleValues.Thin, Color = new Color { Indexed = 64 } },
            new BottomBorder { Style = BorderStyleValues.Thin, Color = new Color { Indexed = 64 } },
            new DiagonalBorder());
        // Fonts: 0 plain, 1 bold, 2 italic, 3 title.
        var fonts = new Fonts(Font(12), Font(12, bold: true), Font(12, italic: true), Font(14, bold: true));
        var fills = new Fills(new Fill(new PatternFill { PatternType = PatternValues.None }), new Fill(new PatternFill { PatternType = PatternValues.Gray125 }),
            new Fill(new PatternFill(new ForegroundColor { Rgb = "FFFFF2CC" }) { PatternType = PatternValues.Solid }));
        var borders = new Borders(new Border(new LeftBorder(), new RightBorder(), new TopBorder(), new BottomBorder(), new DiagonalBorder()), thin);
        var formats = new NumberingFormats(
            new NumberingFormat { NumberFormatId = 164, FormatCode = WholeFormat },
            new NumberingFormat { NumberFormatId = 165, FormatCode = DecimalFormat },
            new NumberingFormat { NumberFormatId = 166, FormatCode = PercentFormat },
            new NumberingFormat { NumberFormatId = 167, FormatCode = DateFormat });
        CellFormat Format(uint font = 0, uint border = 0, uint format = 0, HorizontalAlignmentValues? align = null, bool wrap = false, bool input = false)
        {
            var f = new CellFormat
            {
                FontId = font, FillId = input ? 2u : 0u, BorderId = border, NumberFormatId = format,
                ApplyFont = font != 0, ApplyBorder = border != 0, ApplyNumberFormat = format != 0, ApplyFill = input, ApplyAlignment = true,
                Alignment = new Alignment { Horizontal = align, Vertical = VerticalAlignmentValues.Center, WrapText = wrap },
            };
            // Every cell of a protected sheet is locked but the inputs.
            if (input)
            {
                f.ApplyProtection = true;
                f.Protection = new Protection { Locked = false };
            }
            return f;
        }
        var looks = new Dictionary<Look, CellFormat>
        {
            [Look.Plain] = Format(),
            [Look.Issuer] = Format(font: 1, align: HorizontalAlignmentValues.Center, wrap: true),
            [Look.Motto] = Format(font: 1, align: HorizontalAlignmentValues.Center),
            [Look.Italic] = Format(font: 2, align: HorizontalAlignmentValues.Center, wrap: true),
            [Look.Title] = Format(font: 3, align: HorizontalAlignmentValues.Center, wrap: true),
            [Look.Head] = Format(font: 1, border: 1, align: HorizontalAlignmentValues.Center, wrap: true),
            [Look.Numbering] = Format(font: 2, border: 1, align: HorizontalAlignmentValues.Center),
            [Look.Text] = Format(border: 1, wrap: true),
            [Look.Centered] = Format(border: 1, align: HorizontalAlignmentValues.Center, wrap: true),
            [Look.Block] = Format(font: 1, border: 1, wrap: true),
            [Look.Whole] = Format(border: 1, format: 164),
            [Look.Decimal] = Format(border: 1, format: 165),
            [Look.Percent] = Format(border: 1, format: 166),
            [Look.InputNumber] = Format(border: 1, input: true),
            [Look.InputText] = Format(border: 1, wrap: true, input: true),
            [Look.Date] = Format(border: 1, format: 167, align: HorizontalAlignmentValues.Center),
            [Look.Signature] = Format(font: 1, align: HorizontalAlignmentValues.Center),
        };
        var cellFormats = new CellFormats(Enum.GetValues<Look>().Select(l => looks[l]));
        return new Stylesheet(formats, fonts, fills, borders,
            new CellStyleFormats(new CellFormat { FontId = 0, FillId = 0, BorderId = 0, NumberFormatId = 0 }), cellFormats,
            new CellStyles(new CellStyle { Name = "Normal", FormatId = 0, BuiltinId = 0 }));
    }
}

/// <summary>
/// One worksheet written row by row: columns first, then rows, then protection and merged ranges at the end. Every
/// sheet prints on A4 landscape at one page width; the rows marked as its head (<see cref="RepeatHead"/>) are printed
/// on every page and stay in view on screen; a row whose wrapped text needs more than one line is made tall enough.
/// The rows before the head are held until it is known (the frozen pane is written before any row); the rest stream.
/// </summary>
public sealed class SheetWriter : IDisposable
{
    private const int HeldRowsAtMost = 64;
    private readonly OpenXmlWriter _writer;
    private readonly List<string> _merges = [];
    private readonly List<double> _widths = [];
    private readonly List<Row> _held = [];
    private bool _started, _protect;

    internal SheetWriter(Stream part)
    {
        _writer = OpenXmlWriter.Create(part, Encoding.UTF8);
        _writer.WriteStartDocument(true);
        _writer.WriteStartElement(new Worksheet());
        _writer.WriteElement(new SheetProperties(new PageSetupProperties { FitToPage = true }));
    }

    /// <summary>The number of the row last written (1-based).</summary>
    public int Row { get; private set; }

    /// <summary>The rows printed on every page and frozen on screen, once <see cref="RepeatHead"/> has named them.</summary>
    public (int From, int To)? Head { get; private set; }

    /// <summary>Column widths in characters, from A; call before the first row.</summary>
    public SheetWriter Widths(params double[] widths)
    {
        _widths.AddRange(widths);
        return this;
    }

    public SheetWriter Protected()
    {
        _protect = true;
        return this;
    }

    /// <summary>Rows <paramref name="from"/> to the last written are the table's head: on every printed page, and in view on screen.</summary>
    public SheetWriter RepeatHead(int from)
    {
        if (_started) throw new InvalidOperationException("The head must be named before the rows after it are written.");
        Head = (from, Row);
        Start();
        return this;
    }

    /// <summary>Writes the next row from column A; a null cell is left out.</summary>
    public SheetWriter Write(params XCell?[] cells) => WriteAt(1, cells);

    public SheetWriter WriteAt(int firstColumn, params XCell?[] cells) =>
        Emit(firstColumn, cells, cells.Select((_, i) => (firstColumn + i, firstColumn + i)).ToArray());

    /// <summary>An empty row.</summary>
    public SheetWriter Skip() => Write();

    /// <summary>One text across columns <paramref name="from"/> to <paramref name="to"/> of the next row, merged.</summary>
    public SheetWriter Across(int from, int to, XCell cell) => Spans((from, to, cell));

    /// <summary>The next row as merged spans of columns, each with its text (the spans in column order).</summary>
    public SheetWriter Spans(params (int From, int To, XCell Cell)[] spans)
    {
        var last = spans.Max(s => s.To);
        var cells = new XCell?[last];
        var widths = new (int, int)[last];
        for (var c = 1; c <= last; c++) widths[c - 1] = (c, c);
        foreach (var (from, to, cell) in spans)
        {
            for (var c = from; c <= to; c++) cells[c - 1] = c == from ? cell : cell with { Text = "", Number = null };
            widths[from - 1] = (from, to);
        }
        Emit(1, cells, widths);
        foreach (var (from, to, _) in spans) Merge(from, Row, to, Row);
        return this;
    }

    public SheetWriter Merge(int fromColumn, int fromRow, int toColumn, int toRow)
    {
        if (fromColumn != toColumn || fromRow != toRow) _merges.Add($"{Xlsx.Ref(fromColumn, fromRow)}:{Xlsx.Ref(toColumn, toRow)}");
        return this;
    }

    /// <summary>A row of cells, each drawn over the columns of its span (for the lines its wrapped text needs).</summary>
    private SheetWriter Emit(int firstColumn, XCell?[] cells, (int From, int To)[] spans)
    {
        Row++;
        var row = new Row { RowIndex = (uint)Row };
        var lines = 1;
        for (var i = 0; i < cells.Length; i++)
        {
            if (cells[i] is not { } cell) continue;
            var reference = Xlsx.Ref(firstColumn + i, Row);
            if (cell.Number is { } number)
            {
                row.Append(new Cell { CellReference = reference, StyleIndex = (uint)cell.Look, CellValue = new CellValue(number) });
            }
            else if (!string.IsNullOrEmpty(cell.Text))
            {
                row.Append(new Cell { CellReference = reference, StyleIndex = (uint)cell.Look, DataType = CellValues.InlineString, InlineString = new InlineString(new Text(cell.Text) { Space = SpaceProcessingModeValues.Preserve }) });
                if (Xlsx.Wraps(cell.Look)) lines = Math.Max(lines, Xlsx.LinesOf(cell.Text, SpanWidth(spans[i])));
            }
            else
            {
                row.Append(new Cell { CellReference = reference, StyleIndex = (uint)cell.Look });
            }
        }
        if (lines > 1)
        {
            row.Height = lines * Xlsx.LineHeight;
            row.CustomHeight = true;
        }
        if (_started) _writer.WriteElement(row);
        else
        {
            _held.Add(row);
            // A sheet without a head streams all the same.
            if (_held.Count >= HeldRowsAtMost) Start();
        }
        return this;
    }

    private double SpanWidth((int From, int To) span)
    {
        var width = 0.0;
        for (var c = span.From; c <= span.To; c++) width += c <= _widths.Count ? _widths[c - 1] : Xlsx.DefaultWidth;
        return width;
    }

    private void Start()
    {
        if (_started) return;
        _started = true;
        if (Head is { } head)
        {
            var below = Xlsx.Ref(1, head.To + 1);
            _writer.WriteElement(new SheetViews(new SheetView(
                new Pane { VerticalSplit = head.To, TopLeftCell = below, ActivePane = PaneValues.BottomLeft, State = PaneStateValues.Frozen },
                new Selection { Pane = PaneValues.BottomLeft, ActiveCell = below, SequenceOfReferences = new ListValue<StringValue> { InnerText = below } }) { WorkbookViewId = 0 }));
        }
        if (_widths.Count > 0)
        {
            _writer.WriteStartElement(new Columns());
            for (var i = 0; i < _widths.Count; i++)
            {
                _writer.WriteElement(new Column { Min = (uint)i + 1, Max = (uint)i + 1, Width = _widths[i], CustomWidth = true });
            }
            _writer.WriteEndElement();
        }
        _writer.WriteStartElement(new SheetData());
        foreach (var row in _held) _writer.WriteElement(row);
        _held.Clear();
    }

    public void Dispose()
    {
        Start();
        _writer.WriteEndElement();
        if (_protect) _writer.WriteElement(new SheetProtection { Sheet = true, Objects = true, Scenarios = true, FormatColumns = false, FormatRows = false });
        if (_merges.Count > 0)
        {
            _writer.WriteStartElement(new MergeCells());
            foreach (var range in _merges) _writer.WriteElement(new MergeCell { Reference = range });
            _writer.WriteEndElement();
        }
        _writer.WriteElement(new PageMargins { Left = 0.4, Right = 0.4, Top = 0.6, Bottom = 0.6, Header = 0.3, Footer = 0.3 });
        // A4 landscape, every column on one page's width, as many pages down as the rows need.
        _writer.WriteElement(new PageSetup { PaperSize = 9, Orientation = OrientationValues.Landscape, FitToWidth = 1, FitToHeight = 0 });
        _writer.WriteEndElement();
        _writer.Dispose();
    }
}

/// <summary>What a person put in one sheet of an uploaded workbook: each cell's text, and its number when it holds one.</summary>
public sealed class SheetReader
{
    private readonly Dictionary<(int Column, int Row), WorkbookCell> _cells = [];

    internal SheetReader(WorkbookSheet sheet)
    {
        Name = sheet.Name;
        foreach (var cell in sheet.Cells) _cells[(cell.Column, cell.Row)] = cell;
        Rows = [.. sheet.Cells.Select(c => c.Row).Distinct().Order()];
    }

    public string Name { get; }

    /// <summary>The numbers of the rows that hold a cell, in order: what a reader walks (never a range up to the last row).</summary>
    public IReadOnlyList<int> Rows { get; }

    /// <summary>The rows from <paramref name="first"/> on that hold a cell.</summary>
    public IEnumerable<int> RowsFrom(int first) => Rows.SkipWhile(r => r < first);

    public string Text(int column, int row) => _cells.TryGetValue((column, row), out var c) ? c.Text.Trim() : "";

    /// <summary>The cell's number: a real number, or a text written the Vietnamese way (1.234,5); null when empty, NaN when not a number.</summary>
    public double? Number(int column, int row)
    {
        if (!_cells.TryGetValue((column, row), out var c) || c.Text.Trim().Length == 0) return null;
        if (c.Number is { } n) return n;
        return VietNumber.TryParse(c.Text, out var parsed) ? parsed : double.NaN;
    }

    /// <summary>A date as a spreadsheet date or written dd/MM/yyyy; null when empty or not a date.</summary>
    public DateOnly? Date(int column, int row)
    {
        if (!_cells.TryGetValue((column, row), out var c) || c.Text.Trim().Length == 0) return null;
        if (c.Number is { } serial && serial is > 0 and < 2_958_466) return DateOnly.FromDateTime(DateTime.FromOADate(serial));
        return DateOnly.TryParseExact(c.Text.Trim(), ["dd/MM/yyyy", "d/M/yyyy"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null;
    }
}

/// <summary>A wrong cell of an uploaded form: where (Sheet!Cell) and why, in Vietnamese.</summary>
public sealed record CellError(string Sheet, string Cell, string Reason)
{
    public string Where => $"{Sheet}!{Cell}";
    public override string ToString() => $"{Where}: {Reason}";
}
