using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using TuyPhuoc.KeyTasks.Domain;
using TuyPhuoc.ServiceDefaults;

namespace TuyPhuoc.KeyTasks.Import;

/// <summary>The first sheet of an .xlsx file as cells, read in memory with a bound on what a part may unpack to.</summary>
public static class AnnexWorkbook
{
    private const long MaxCharactersInPart = 40_000_000;

    public static (string Sheet, List<AnnexCell> Cells) Read(byte[] workbook)
    {
        if (workbook.Length == 0) throw new InvalidInputException("workbook", "is required: the annex as an .xlsx file");
        try
        {
            using var document = SpreadsheetDocument.Open(new MemoryStream(workbook, writable: false), false,
                new OpenSettings { MaxCharactersInPart = MaxCharactersInPart });
            var part = document.WorkbookPart ?? throw NotAWorkbook();
            var sheet = part.Workbook.Sheets?.Elements<Sheet>().FirstOrDefault() ?? throw NotAWorkbook();
            var worksheet = (WorksheetPart)part.GetPartById(sheet.Id?.Value ?? throw NotAWorkbook());
            var shared = part.SharedStringTablePart?.SharedStringTable?.Elements<SharedStringItem>().Select(i => i.InnerText).ToArray() ?? [];
            var cells = new List<AnnexCell>();
            foreach (var cell in worksheet.Worksheet.Descendants<Cell>())
            {
                if (cell.CellReference?.Value is not { } reference) continue;
                var (column, row) = Split(reference);
                if (row == 0) continue;
                var raw = cell.CellValue?.Text ?? "";
                double? number = null;
                string text;
                if (cell.DataType?.Value == CellValues.SharedString) text = int.TryParse(raw, CultureInfo.InvariantCulture, out var i) && i >= 0 && i < shared.Length ? shared[i] : "";
                else if (cell.DataType?.Value == CellValues.InlineString) text = cell.InlineString?.InnerText ?? "";
                else if (cell.DataType is null || cell.DataType.Value == CellValues.Number)
                {
                    text = raw;
                    number = double.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var n) ? n : null;
                }
                else text = raw;
                if (text.Trim().Length > 0) cells.Add(new AnnexCell(column, row, text, number));
            }
            return (sheet.Name?.Value ?? "Sheet1", cells);
        }
        catch (Exception e) when (e is OpenXmlPackageException or InvalidDataException or IOException or InvalidOperationException
            or ArgumentException or FormatException or System.Xml.XmlException)
        {
            throw NotAWorkbook();
        }
    }

    private static InvalidInputException NotAWorkbook() => new("workbook", "is not an .xlsx workbook with a sheet");

    private static (string Column, int Row) Split(string reference)
    {
        var letters = reference.TakeWhile(char.IsAsciiLetterUpper).Count();
        return letters is > 0 and <= 3 && int.TryParse(reference.AsSpan(letters), NumberStyles.None, CultureInfo.InvariantCulture, out var row)
            ? (reference[..letters], row)
            : ("", 0);
    }
}
