using TuyPhuoc.Contracts.Submissions.V1;
using TuyPhuoc.Contracts.Plans.V1;
using TuyPhuoc.Portal.Features;
using TuyPhuoc.Portal.Forms;

namespace TuyPhuoc.Portal.Tests.Forms;

public sealed class MonthWorkbookTests
{
    // July of Phước Thắng: grain reported in May and June (June with a note), insurance not yet; July's grain already stored.
    internal static readonly MonthView July = MonthView.From(new Unit { Code = "PHUOC_THANG", Name = "Xã Phước Thắng" }, 2024, 7, [Lines.Grain, Lines.Insurance],
    [
        Actual("CT02", 5, 25_000), Actual("CT02", 6, 2_750.5, "Mưa lớn cuối vụ"), Actual("CT02", 7, 4_000, "Ước thực hiện"),
    ], new Report());

    internal static readonly byte[] Produced = Produce(July);

    private static ActualRevision Actual(string code, int month, double value, string note = "") =>
        new() { UnitCode = "PHUOC_THANG", IndicatorCode = code, Year = 2024, Month = month, Value = value, Note = note, Revision = 1 };

    private static byte[] Produce(MonthView source)
    {
        using var stream = new MemoryStream();
        MonthWorkbook.Write(stream, source);
        return stream.ToArray();
    }

    private static MonthUpload Read(byte[] workbook) => MonthWorkbook.Read(new MemoryStream(workbook), July);

    [Fact]
    public void Write_July_TheUnitsAssignmentsTargetsAndLastValues()
    {
        var sheet = new Opened(Produced, MonthWorkbook.Sheet);
        Assert.Empty(sheet.Invalid);
        Assert.Equal("XÃ PHƯỚC THẮNG", sheet.Text("A1"));
        Assert.Equal("BÁO CÁO THỰC HIỆN CHỈ TIÊU KINH TẾ - XÃ HỘI THÁNG 7 NĂM 2024", sheet.Text("A4"));
        Assert.Equal(("PHUOC_THANG", 2024d, 7d), (sheet.Text("C7"), sheet.Number("C8")!.Value, sheet.Number("C9")!.Value));
        Assert.Equal(["STT", "Mã chỉ tiêu", "Chỉ tiêu", "ĐVT", "Kế hoạch năm", "Kế hoạch tháng 7", "Thực hiện tháng trước", "Lũy kế đến tháng trước", "Thực hiện tháng 7", "Nguyên nhân, khó khăn"],
            "ABCDEFGHIJ".Select(c => sheet.Text($"{c}11")));
        Assert.Equal(Enumerable.Range(1, 10).Select(i => $"({i})"), "ABCDEFGHIJ".Select(c => sheet.Text($"{c}12")));

        Assert.Equal(["1", "CT02", "Tổng sản lượng lương thực có hạt", "tấn"], "ABCD".Select(c => sheet.Text($"{c}13")));
        Assert.Equal([140_000, 4_200, 2_750.5, 27_750.5, 4_000], "EFGHI".Select(c => sheet.Number($"{c}13")!.Value));
        Assert.Equal("Ước thực hiện", sheet.Text("J13"));
        Assert.Equal(Xlsx.DecimalFormat, sheet.Format("G13"));
        // Insurance: nothing reported yet, so nothing last month and no year so far.
        Assert.Equal(("CT10", "", ""), (sheet.Text("B14"), sheet.Text("G14"), sheet.Text("I14")));
    }

    [Fact]
    public void Write_July_EveryCellLockedButTheValuesAndNotes()
    {
        var sheet = new Opened(Produced, MonthWorkbook.Sheet);
        Assert.True(sheet.Protection?.Sheet?.Value);
        Assert.All(new[] { "I13", "J13", "I14", "J14" }, c => Assert.False(sheet.Locked(c), c));
        Assert.All(new[] { "A1", "C7", "C9", "B13", "E13", "F13", "H13", "A14" }, c => Assert.True(sheet.Locked(c), c));
    }

    [Fact]
    public void Read_Unchanged_NothingToImport()
    {
        var upload = Read(Produced);
        Assert.Empty(upload.Errors);
        Assert.Empty(upload.Rows);
    }

    [Fact]
    public void Read_Filled_TheNewAndChangedValuesAsImportRows()
    {
        var upload = Read(Filled.In(Produced, MonthWorkbook.Sheet, ("I13", 4_250.75), ("J13", "Thu hoạch vụ hè thu"), ("I14", "93,2")));

        Assert.Empty(upload.Errors);
        Assert.Equal([("CT02", 4_250.75, "Thu hoạch vụ hè thu", "I13"), ("CT10", 93.2, "", "I14")],
            upload.Rows.Select(r => (r.Row.IndicatorCode, r.Row.Value, r.Row.Note, r.ValueCell)));
        Assert.All(upload.Rows, r => Assert.Equal(("PHUOC_THANG", 2024, 7), (r.Row.UnitCode, r.Row.Year, r.Row.Month)));
    }

    [Fact]
    public void Read_WrongCells_EachNamedWithItsReasonAndNothingToImport()
    {
        var upload = Read(Filled.In(Produced, MonthWorkbook.Sheet, ("I13", "12.5"), ("B14", "CT99"), ("I14", 93.2)));

        Assert.Empty(upload.Rows);
        Assert.Equal(["BaoCaoThang!I13: \"12.5\" không phải là số (viết như 1.234,5).", "BaoCaoThang!B14: Chỉ tiêu \"CT99\" không được giao cho đơn vị trong năm 2024."],
            upload.Errors.Select(e => e.ToString()));
    }

    [Fact]
    public void Read_AnotherMonthsForm_RefusedAtItsMonthCell()
    {
        var august = Produce(July with { Month = 8 });
        var upload = Read(august);
        Assert.Equal("BaoCaoThang!C9", Assert.Single(upload.Errors).Where);
        Assert.Contains("không phải tháng 7", upload.Errors[0].Reason);
    }

    [Fact]
    public void Read_NotAWorkbook_RefusedAsAWhole()
    {
        var refused = Assert.Throws<TuyPhuoc.Workbooks.WorkbookRefusedException>(() => MonthWorkbook.Read(new MemoryStream("không phải tệp Excel"u8.ToArray()), July));
        Assert.Equal(TuyPhuoc.Workbooks.WorkbookRefusal.NotAWorkbook, refused.Reason);
    }

    [Fact]
    public void Read_AnotherWorkbook_OneClearError()
    {
        using var other = new MemoryStream();
        Xlsx.Write(other, ("Sheet1", sheet => sheet.Write(XCell.Of("a"))));
        var upload = MonthWorkbook.Read(new MemoryStream(other.ToArray()), July);
        Assert.Contains("không phải biểu mẫu báo cáo tháng", Assert.Single(upload.Errors).Reason);
    }

    [Fact]
    public void At_TheImportsRefusals_AtTheCellsTheyCameFrom()
    {
        var upload = Read(Filled.In(Produced, MonthWorkbook.Sheet, ("I13", -5d), ("I14", 93.2)));

        var errors = upload.At([new RowError { Row = 1, Field = "value", Reason = "must not be negative" }, new RowError { Row = 2, Field = "note", Reason = "too long" }], r => r.ToUpperInvariant());

        Assert.Equal(["BaoCaoThang!I13: MUST NOT BE NEGATIVE", "BaoCaoThang!J14: TOO LONG"], errors.Select(e => e.ToString()));
    }
}
