using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Validation;
using DocumentFormat.OpenXml.Spreadsheet;

namespace TuyPhuoc.Harness;

/// <summary>A produced workbook opened again with OpenXml, one sheet read as a person would look at it (the forms' unit and browser tests).</summary>
public sealed class Opened
{
    private readonly Dictionary<string, Cell> _cells;
    private readonly string[] _shared;
    private readonly Stylesheet _styles;
    private readonly Dictionary<int, double> _heights;

    public Opened(byte[] workbook, string sheet)
    {
        using var document = SpreadsheetDocument.Open(new MemoryStream(workbook), false);
        var part = document.WorkbookPart!;
        var entry = part.Workbook.Sheets!.Elements<Sheet>().Single(s => s.Name == sheet);
        var worksheet = ((WorksheetPart)part.GetPartById(entry.Id!)).Worksheet;
        _shared = part.SharedStringTablePart?.SharedStringTable.Elements<SharedStringItem>().Select(i => i.InnerText).ToArray() ?? [];
        _styles = part.WorkbookStylesPart!.Stylesheet;
        _cells = worksheet.Descendants<Cell>().ToDictionary(c => c.CellReference!.Value!);
        Merged = [.. worksheet.Descendants<MergeCell>().Select(m => m.Reference!.Value!)];
        _heights = worksheet.Descendants<Row>().Where(r => r.Height is not null).ToDictionary(r => (int)r.RowIndex!.Value, r => r.Height!.Value);
        Protection = worksheet.GetFirstChild<SheetProtection>();
        SheetNames = [.. part.Workbook.Sheets!.Elements<Sheet>().Select(s => s.Name!.Value!)];
        Invalid = [.. new OpenXmlValidator(FileFormatVersions.Office2016).Validate(document).Select(e => $"{e.Path?.XPath}: {e.Description}")];
    }

    /// <summary>What Excel would find wrong with the file (the SDK's schema validation); empty for a good one.</summary>
    public IReadOnlyList<string> Invalid { get; }

    public IReadOnlyList<string> Merged { get; }
    public SheetProtection? Protection { get; }
    public IReadOnlyList<string> SheetNames { get; }

    public string Text(string reference)
    {
        if (!_cells.TryGetValue(reference, out var cell)) return "";
        if (cell.DataType?.Value == CellValues.InlineString) return cell.InlineString!.InnerText;
        if (cell.DataType?.Value == CellValues.SharedString) return _shared[int.Parse(cell.CellValue!.Text)];
        return cell.CellValue?.Text ?? "";
    }

    /// <summary>The cell's number when it holds a real number (not a text).</summary>
    public double? Number(string reference) =>
        _cells.TryGetValue(reference, out var cell) && cell.DataType is null && cell.CellValue is { } value ? double.Parse(value.Text, System.Globalization.CultureInfo.InvariantCulture) : null;

    public string Format(string reference)
    {
        var xf = Xf(reference);
        var id = xf?.NumberFormatId?.Value ?? 0;
        return _styles.NumberingFormats?.Elements<NumberingFormat>().FirstOrDefault(f => f.NumberFormatId?.Value == id)?.FormatCode?.Value ?? (id == 0 ? "General" : $"builtin {id}");
    }

    public bool Bold(string reference) => Xf(reference) is { } xf && _styles.Fonts!.Elements<Font>().ElementAt((int)xf.FontId!.Value).Bold is not null;

    /// <summary>Locked unless its style unlocks it, as Excel reads a protected sheet.</summary>
    public bool Locked(string reference) => Xf(reference)?.Protection?.Locked?.Value ?? true;

    /// <summary>The first row (1-based) with a cell in column <paramref name="column"/> whose text is <paramref name="text"/>.</summary>
    public int RowOf(string column, string text) =>
        _cells.Keys.Where(r => r.StartsWith(column, StringComparison.Ordinal) && char.IsDigit(r[column.Length]) && Text(r) == text)
            .Select(r => int.Parse(r[column.Length..])).DefaultIfEmpty(0).Min();

    /// <summary>The row's height in points where the file sets one (a row of wrapped text), else null.</summary>
    public double? Height(int row) => _heights.TryGetValue(row, out var height) ? height : null;

    public IEnumerable<string> Column(string column) =>
        _cells.Keys.Where(r => r.StartsWith(column, StringComparison.Ordinal) && char.IsDigit(r[column.Length])).OrderBy(r => int.Parse(r[column.Length..])).Select(Text);

    private CellFormat? Xf(string reference) =>
        _cells.TryGetValue(reference, out var cell) ? _styles.CellFormats!.Elements<CellFormat>().ElementAt((int)(cell.StyleIndex?.Value ?? 0)) : null;
}

/// <summary>A workbook filled in as a person would in Excel: cells set to numbers or texts (shared strings, as Excel saves them).</summary>
public static class Filled
{
    public static byte[] In(byte[] workbook, string sheet, params (string Cell, object? Value)[] cells)
    {
        using var stream = new MemoryStream();
        stream.Write(workbook);
        using (var document = SpreadsheetDocument.Open(stream, true))
        {
            var part = document.WorkbookPart!;
            var shared = part.SharedStringTablePart ?? part.AddNewPart<SharedStringTablePart>();
            shared.SharedStringTable ??= new SharedStringTable();
            var worksheet = ((WorksheetPart)part.GetPartById(part.Workbook.Sheets!.Elements<Sheet>().Single(s => s.Name == sheet).Id!)).Worksheet;
            foreach (var (reference, value) in cells)
            {
                var cell = worksheet.Descendants<Cell>().Single(c => c.CellReference == reference);
                cell.InlineString = null;
                switch (value)
                {
                    case null:
                        cell.DataType = null;
                        cell.CellValue = null;
                        break;
                    case double number:
                        cell.DataType = null;
                        cell.CellValue = new CellValue(number);
                        break;
                    default:
                        shared.SharedStringTable.AppendChild(new SharedStringItem(new Text(value.ToString()!)));
                        cell.DataType = CellValues.SharedString;
                        cell.CellValue = new CellValue(shared.SharedStringTable.Count() - 1);
                        break;
                }
            }
            worksheet.Save();
            shared.SharedStringTable.Save();
        }
        return stream.ToArray();
    }
}
