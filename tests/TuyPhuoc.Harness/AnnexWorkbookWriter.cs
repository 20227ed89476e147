using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace TuyPhuoc.Harness;

/// <summary>Writes an .xlsx with one sheet of rows, as an office would fill a decision annex: texts, and numbers for spreadsheet dates.</summary>
public static class AnnexWorkbookWriter
{
    public static readonly string[] Header = ["STT", "Nội dung nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian hoàn thành", "Sản phẩm", "Ghi chú"];

    /// <param name="rows">Each row's cells from column A; a double is written as a number, anything else as text, null left empty.</param>
    public static byte[] Write(string sheetName, IEnumerable<object?[]> rows)
    {
        using var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            workbook.Workbook = new Workbook();
            var worksheet = workbook.AddNewPart<WorksheetPart>();
            var data = new SheetData();
            var r = 0u;
            foreach (var row in rows)
            {
                r++;
                var line = new Row { RowIndex = r };
                for (var c = 0; c < row.Length; c++)
                {
                    var reference = $"{(char)('A' + c)}{r}";
                    switch (row[c])
                    {
                        case null:
                            break;
                        case double number:
                            line.Append(new Cell { CellReference = reference, CellValue = new CellValue(number) });
                            break;
                        case var text:
                            line.Append(new Cell { CellReference = reference, DataType = CellValues.InlineString, InlineString = new InlineString(new Text(text.ToString()!)) });
                            break;
                    }
                }
                data.Append(line);
            }
            worksheet.Worksheet = new Worksheet(data);
            workbook.Workbook.AppendChild(new Sheets(new Sheet { Id = workbook.GetIdOfPart(worksheet), SheetId = 1, Name = sheetName }));
            workbook.Workbook.Save();
        }
        return stream.ToArray();
    }

    /// <summary>An annex as the district writes one: a title, the header, the numbering row, then the rows.</summary>
    public static byte[] Annex(string sheetName, IEnumerable<object?[]> rows) =>
        Write(sheetName, [["DANH MỤC NHIỆM VỤ TRỌNG TÂM NĂM 2024"], Header, ["(1)", "(2)", "(3)", "(4)", "(5)", "(6)", "(7)"], .. rows]);
}
