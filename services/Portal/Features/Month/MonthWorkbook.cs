using TuyPhuoc.Contracts.Submissions.V1;

namespace TuyPhuoc.Portal.Features;

/// <summary>A row read from an uploaded month's form, with the cells it came from (to say where a refused value is).</summary>
public sealed record MonthUploadRow(ImportRow Row, string CodeCell, string ValueCell, string NoteCell, string SolutionsCell);

/// <summary>What an uploaded month's form holds: the rows to import (new or changed values), or the wrong cells.</summary>
public sealed record MonthUpload(IReadOnlyList<MonthUploadRow> Rows, IReadOnlyList<CellError> Errors)
{
    /// <summary>The import's refusals (by row of the stream, from 1) at the cells they came from.</summary>
    public IReadOnlyList<CellError> At(IEnumerable<RowError> errors, Func<string, string> reason) =>
        [.. errors.Select(e =>
        {
            var row = e.Row >= 1 && e.Row <= Rows.Count ? Rows[(int)e.Row - 1] : null;
            var cell = row is null ? "A1" : e.Field == "value" ? row.ValueCell : e.Field == "note" ? row.NoteCell : e.Field == "solutions" ? row.SolutionsCell : row.CodeCell;
            return new CellError(MonthWorkbook.Sheet, cell, reason(e.Reason));
        })];
}

/// <summary>
/// The month's form of a reporting unit, the month's view as the page shows it: every cell locked but the month's
/// value and note; read back into the rows ImportActuals takes, every wrong cell named.
/// </summary>
public static class MonthWorkbook
{
    public const string Sheet = "BaoCaoThang";
    public const int Columns = 11, CodeColumn = 2, ValueColumn = 9, NoteColumn = 10, SolutionsColumn = 11;
    // Fixed rows, so the upload finds them again: the heading takes the first six.
    public const int UnitRow = 7, YearRow = 8, MonthRow = 9, HeadRow = 11, FirstLine = 13;
    private const int MaxNote = 4000;

    public static string FileName(string unit, int year, int month) => $"Bao-cao-thang-{month:00}-{year}-{unit}.xlsx";

    public static void Write(Stream output, MonthView s) => Xlsx.Write(output, (Sheet, sheet =>
    {
        sheet.Widths(6, 10, 40, 9, 12, 12, 12, 13, 14, 34, 34).Protected();
        FormText.Heading(sheet, Columns, s.UnitName.ToUpper(VietNumber.Culture), null,
            $"BÁO CÁO THỰC HIỆN CHỈ TIÊU KINH TẾ - XÃ HỘI THÁNG {s.Month} NĂM {s.Year}",
            "(Nhập số liệu vào các ô màu vàng; các ô khác đã khóa)");
        sheet.WriteAt(2, XCell.Of("Mã đơn vị", Look.Plain), XCell.Of(s.Unit, Look.Plain));
        sheet.WriteAt(2, XCell.Of("Năm", Look.Plain), XCell.Of(s.Year, Look.Plain));
        sheet.WriteAt(2, XCell.Of("Tháng", Look.Plain), XCell.Of(s.Month, Look.Plain));
        sheet.Skip();
        sheet.Write(XCell.Of("STT", Look.Head), XCell.Of("Mã chỉ tiêu", Look.Head), XCell.Of("Chỉ tiêu", Look.Head), XCell.Of("ĐVT", Look.Head),
            XCell.Of("Kế hoạch năm", Look.Head), XCell.Of($"Kế hoạch tháng {s.Month}", Look.Head), XCell.Of("Thực hiện tháng trước", Look.Head),
            XCell.Of("Lũy kế đến tháng trước", Look.Head), XCell.Of($"Thực hiện tháng {s.Month}", Look.Head), XCell.Of("Nguyên nhân, khó khăn", Look.Head), XCell.Of("Giải pháp", Look.Head));
        FormText.Numbering(sheet, Columns, head: sheet.Row);
        var n = 0;
        foreach (var row in s.Rows)
        {
            var i = row.Indicator;
            sheet.Write(XCell.Of((++n).ToString(), Look.Centered), XCell.Of(i.Code, Look.Centered), XCell.Of(i.Name), XCell.Of(i.UnitOfMeasure, Look.Centered),
                XCell.Of(i.YearTarget), XCell.Of(i.MonthTarget(s.Month)), XCell.Of(row.LastMonth), XCell.Of(row.BeforeMonth),
                new XCell(null, row.Stored?.Value, Look.InputNumber), XCell.Of(row.Stored?.Note ?? "", Look.InputText), XCell.Of(row.Stored?.Solutions ?? "", Look.InputText));
        }
    }));

    /// <summary>
    /// Reads an uploaded form of the unit's month: every wrong cell (Sheet!Cell, why), or the rows whose value or note
    /// differs from what is stored. A form of another unit or month is refused as a whole.
    /// </summary>
    public static MonthUpload Read(Stream input, MonthView expected) => Read(Xlsx.Read(input), expected);

    public static MonthUpload Read(IReadOnlyDictionary<string, SheetReader> book, MonthView expected)
    {
        CellError Error(int column, int row, string reason) => new(Sheet, Xlsx.Ref(column, row), reason);
        if (book.GetValueOrDefault(Sheet) is not { } sheet)
        {
            return new([], [new(Sheet, "A1", $"Tệp không phải biểu mẫu báo cáo tháng (không có trang {Sheet}); hãy tải biểu mẫu từ Cổng thông tin.")]);
        }
        List<CellError> errors = [];
        if (sheet.Text(3, UnitRow) != expected.Unit) errors.Add(Error(3, UnitRow, $"Biểu mẫu của đơn vị \"{sheet.Text(3, UnitRow)}\", không phải của {expected.UnitName} ({expected.Unit})."));
        if (sheet.Number(3, YearRow) != expected.Year) errors.Add(Error(3, YearRow, $"Biểu mẫu của năm {sheet.Text(3, YearRow)}, không phải năm {expected.Year}."));
        if (sheet.Number(3, MonthRow) != expected.Month) errors.Add(Error(3, MonthRow, $"Biểu mẫu của tháng {sheet.Text(3, MonthRow)}, không phải tháng {expected.Month}."));
        if (errors.Count > 0) return new([], errors);

        var lines = expected.Rows.ToDictionary(l => l.Indicator.Code);
        var seen = new Dictionary<string, int>();
        List<MonthUploadRow> rows = [];
        foreach (var r in sheet.RowsFrom(FirstLine))
        {
            var code = sheet.Text(CodeColumn, r);
            var value = sheet.Number(ValueColumn, r);
            var (note, solutions) = (sheet.Text(NoteColumn, r), sheet.Text(SolutionsColumn, r));
            if (code.Length == 0)
            {
                if (value is not null || note.Length > 0 || solutions.Length > 0) errors.Add(Error(CodeColumn, r, "Thiếu mã chỉ tiêu cho số liệu ở dòng này."));
                continue;
            }
            if (!lines.TryGetValue(code, out var line))
            {
                errors.Add(Error(CodeColumn, r, $"Chỉ tiêu \"{code}\" không được giao cho đơn vị trong năm {expected.Year}."));
                continue;
            }
            if (!seen.TryAdd(code, r))
            {
                errors.Add(Error(CodeColumn, r, $"Chỉ tiêu {code} đã có ở dòng {seen[code]}."));
                continue;
            }
            if (value is { } v && double.IsNaN(v)) errors.Add(Error(ValueColumn, r, $"\"{sheet.Text(ValueColumn, r)}\" không phải là số (viết như 1.234,5)."));
            else if (value is null && (note != (line.Stored?.Note ?? "") || solutions != (line.Stored?.Solutions ?? "")))
            {
                errors.Add(Error(ValueColumn, r, "Cần nhập số liệu của tháng khi ghi nguyên nhân hoặc giải pháp."));
            }
            if (note.Length > MaxNote) errors.Add(Error(NoteColumn, r, $"Dài quá {MaxNote} ký tự."));
            if (solutions.Length > MaxNote) errors.Add(Error(SolutionsColumn, r, $"Dài quá {MaxNote} ký tự."));
            if (value is not { } number || double.IsNaN(number) || (number == line.Stored?.Value && note == line.Stored.Note && solutions == line.Stored.Solutions)) continue;
            rows.Add(new(new ImportRow { UnitCode = expected.Unit, IndicatorCode = code, Year = expected.Year, Month = expected.Month, Value = number, Note = note, Solutions = solutions },
                Xlsx.Ref(CodeColumn, r), Xlsx.Ref(ValueColumn, r), Xlsx.Ref(NoteColumn, r), Xlsx.Ref(SolutionsColumn, r)));
        }
        return errors.Count > 0 ? new([], errors) : new(rows, []);
    }
}
