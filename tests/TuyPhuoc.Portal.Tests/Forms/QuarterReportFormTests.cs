using TuyPhuoc.Contracts.Evaluation.V1;
using TuyPhuoc.Portal.Features;
using TuyPhuoc.Portal.Forms;

namespace TuyPhuoc.Portal.Tests.Forms;

public sealed class QuarterReportFormTests
{
    private static readonly QuarterReport Report = Seeded.Q2;
    private static readonly Opened Sheet = Produce(Seeded.Q2View(Seeded.Note(Seeded.Catalog["CT04"].ResponsibleOfficeCode, "CT04", 5, "Thị trường bất động sản trầm lắng")));

    public static Opened Produce(QuarterReportView view)
    {
        using var stream = new MemoryStream();
        QuarterReportWorkbook.Write(stream, view);
        return new Opened(stream.ToArray(), QuarterReportWorkbook.Sheet);
    }

    [Fact]
    public void Write_Q2_AValidWorkbook() => Assert.Empty(Sheet.Invalid);

    [Fact]
    public void Write_Q2_HeadingWithIssuingBodyMottoTitleAndReportLine()
    {
        Assert.Equal("ỦY BAN NHÂN DÂN HUYỆN TUY PHƯỚC", Sheet.Text("A1"));
        Assert.Equal("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", Sheet.Text("F1"));
        Assert.Equal("Độc lập - Tự do - Hạnh phúc", Sheet.Text("F2"));
        Assert.Equal("Biểu số 01", Sheet.Text("A2"));
        Assert.Equal("BÁO CÁO KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU KINH TẾ - XÃ HỘI QUÝ II NĂM 2024", Sheet.Text("A4"));
        Assert.StartsWith("(Kèm theo Báo cáo số", Sheet.Text("A5"));
        Assert.Superset(new HashSet<string> { "A1:E1", "F1:M1", "F2:M2", "A4:M4", "A5:M5" }, Sheet.Merged.ToHashSet());
    }

    [Fact]
    public void Write_Q2_ColumnHeadsMergedWithTheNumberingRowUnder()
    {
        var head = Sheet.RowOf("A", "STT");
        Assert.Equal(["STT", "Chỉ tiêu", "ĐVT", "Kế hoạch năm 2024", "", "Thực hiện cùng kỳ năm 2023", "Thực hiện quý II", "Lũy kế đến hết quý II", "% so KH năm",
            "% so KH quý (kể cả phần thiếu chuyển sang)", "% so cùng kỳ", "Đánh giá", "Ghi chú (cơ quan chủ trì, nguyên nhân)"],
            "ABCDEFGHIJKLM".Select(c => Sheet.Text($"{c}{head}")));
        Assert.Equal(("Tỉnh giao", "Huyện giao"), (Sheet.Text($"D{head + 1}"), Sheet.Text($"E{head + 1}")));
        Assert.Contains($"D{head}:E{head}", Sheet.Merged);
        Assert.Contains($"A{head}:A{head + 1}", Sheet.Merged);
        Assert.Contains($"M{head}:M{head + 1}", Sheet.Merged);
        Assert.Equal(Enumerable.Range(1, 13).Select(i => $"({i})"), "ABCDEFGHIJKLM".Select(c => Sheet.Text($"{c}{head + 2}")));
        Assert.True(Sheet.Bold($"B{head}"));
    }

    [Fact]
    public void Write_Q2_EveryDistrictFigureNumberedUnderItsBlockRow()
    {
        var economy = Sheet.RowOf("B", "KHỐI KINH TẾ");
        var culture = Sheet.RowOf("B", "KHỐI VĂN HÓA - XÃ HỘI");
        var internalAffairs = Sheet.RowOf("B", "KHỐI NỘI CHÍNH");
        Assert.True(economy > 0 && economy < culture && culture < internalAffairs);
        Assert.Equal(["I", "II", "III"], new[] { economy, culture, internalAffairs }.Select(r => Sheet.Text($"A{r}")));
        Assert.Contains($"B{economy}:M{economy}", Sheet.Merged);
        var numbers = Enumerable.Range(economy, Sheet.RowOf("B", "CÁC CHỈ TIÊU GIAO CHO XÃ, THỊ TRẤN") - economy)
            .Select(r => Sheet.Text($"A{r}")).Where(t => int.TryParse(t, out _)).ToList();
        Assert.Equal(Enumerable.Range(1, Report.DistrictFigures.Count).Select(i => i.ToString()), numbers);
        Assert.Equal(34, numbers.Count);
    }

    [Fact]
    public void Write_Q2_AnIndicatorBelowHalfWithItsTargetsPercentsStatusOfficeAndCauses()
    {
        var ct04 = Seeded.Catalog["CT04"];
        var target = Seeded.Plan.Targets.Single(t => t.IndicatorCode == "CT04");
        var row = Sheet.RowOf("B", ct04.Name);
        var figure = Report.DistrictFigures.Single(f => f.IndicatorCode == "CT04");

        Assert.Equal(ct04.UnitOfMeasure, Sheet.Text($"C{row}"));
        Assert.Equal(target.ProvinceTarget, Sheet.Number($"D{row}"));
        Assert.Equal(target.DistrictTarget, Sheet.Number($"E{row}"));
        Assert.Equal(figure.Quarters[0].Actual, Sheet.Number($"G{row}"));
        Assert.Equal(figure.Quarters[0].YearToDate, Sheet.Number($"H{row}"));
        Assert.Equal(0.375, Sheet.Number($"I{row}"));
        Assert.Equal(Xlsx.PercentFormat, Sheet.Format($"I{row}"));
        Assert.Equal(figure.Quarters[0].PercentOfRequirement, Sheet.Number($"J{row}"));
        Assert.Equal("Không đạt", Sheet.Text($"L{row}"));
        Assert.Equal($"{Seeded.Units[ct04.ResponsibleOfficeCode].Name}; Chưa báo cáo: Xã Phước An; Thị trường bất động sản trầm lắng", Sheet.Text($"M{row}"));
    }

    [Fact]
    public void Write_Q2_NumbersAreRealWithVietnameseFormatsAndADashForZero()
    {
        var row = Sheet.RowOf("B", Seeded.Catalog["CT02"].Name);
        Assert.Contains(Sheet.Format($"E{row}"), new[] { Xlsx.WholeFormat, Xlsx.DecimalFormat });
        Assert.EndsWith(";\"-\"", Xlsx.WholeFormat);
        Assert.StartsWith("#,##0", Xlsx.DecimalFormat);

        // Nothing is at risk: the count is a real 0, drawn "-".
        var total = Sheet.RowOf("B", "Tổng số");
        Assert.Equal("Có nguy cơ không đạt", Sheet.Text($"E{total - 3}"));
        Assert.Equal(0, Sheet.Number($"E{total}"));
        Assert.Equal(Xlsx.WholeFormat, Sheet.Format($"E{total}"));
    }

    [Fact]
    public void Write_Q2_CountsAreTheEvaluationsOwn()
    {
        double Count(IEnumerable<StatusCount> counts, Status s) => counts.Where(c => c.Status == s).Sum(c => c.Count);
        var province = Sheet.RowOf("B", "Chỉ tiêu tỉnh giao");
        var district = Sheet.RowOf("B", "Chỉ tiêu huyện giao");
        var total = Sheet.RowOf("B", "Tổng số");
        var bySource = Report.BySource.ToDictionary(s => s.Source);

        Assert.Equal([17, 12, 0, 5, 0, 0, 12, 5], "CDEFGHIJ".Select(c => Sheet.Number($"{c}{province}")!.Value));
        Assert.Equal([17, 10, 0, 0, 0, 7, 10, 0], "CDEFGHIJ".Select(c => Sheet.Number($"{c}{district}")!.Value));
        Assert.Equal(bySource["province"].CheckpointFailed, Sheet.Number($"J{province}"));
        Assert.Equal(Report.Counts.Sum(c => c.Count), Sheet.Number($"C{total}"));
        Assert.Equal(Count(Report.Counts, Status.Achieved), Sheet.Number($"D{total}"));
        Assert.Equal(Count(Report.Counts, Status.JudgedAtYearEnd), Sheet.Number($"H{total}"));
    }

    [Fact]
    public void Write_Q2_CommunesUnitByUnitThenTheIndicatorsBelowTheCheckpoint()
    {
        var communes = Sheet.RowOf("B", "CÁC CHỈ TIÊU GIAO CHO XÃ, THỊ TRẤN");
        var below = Sheet.RowOf("B", "CÁC CHỈ TIÊU DƯỚI MỨC KIỂM ĐIỂM QUÝ II");
        Assert.Equal(("IV", "V"), (Sheet.Text($"A{communes}"), Sheet.Text($"A{below}")));
        var an = Sheet.RowOf("B", "Xã Phước An");
        Assert.True(communes < an && an < below);
        Assert.Contains($"B{an}:M{an}", Sheet.Merged);
        var firstOfAn = Report.AllocatedCells.Where(c => c.UnitCode == "PHUOC_AN").OrderBy(c => c.IndicatorCode, StringComparer.Ordinal).First();
        Assert.Equal(("1", Seeded.Catalog[firstOfAn.IndicatorCode].Name), (Sheet.Text($"A{an + 1}"), Sheet.Text($"B{an + 1}")));

        var laggards = Enumerable.Range(below + 1, Sheet.RowOf("B", "Tổng số") - below).Count(r => int.TryParse(Sheet.Text($"A{r}"), out _));
        Assert.Equal(Report.CheckpointFailures.Count, laggards);
        Assert.Contains("mức kiểm điểm 50% KH năm", Sheet.Text($"M{below + 1}"));
    }

    [Fact]
    public void Write_Q2_SignatureBlockWithTheDateLine()
    {
        var date = Sheet.RowOf("J", "Tuy Phước, ngày 15 tháng 07 năm 2024");
        Assert.True(date > Sheet.RowOf("B", "Tổng số"));
        Assert.Equal(["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"], new[] { 1, 2, 3 }.Select(i => Sheet.Text($"J{date + i}")));
        Assert.Contains($"J{date + 1}:M{date + 1}", Sheet.Merged);
    }
}

public sealed class QuarterCausesTests
{
    [Fact]
    public void Figure_TheQuartersNotes_EachOnceTheOfficesAsWrittenACommunesAfterItsName()
    {
        var office = Seeded.Catalog["CT04"].ResponsibleOfficeCode;
        var allocated = Seeded.Plan.Targets.First(t => t.Allocations.Count > 0);
        var commune = allocated.Allocations[0].UnitCode;

        var view = Seeded.Q2View(Seeded.Note(office, "CT04", 4, "Thị trường trầm lắng"), Seeded.Note(office, "CT04", 5, "Thị trường trầm lắng"),
            Seeded.Note(office, "CT04", 3, "Quý trước"), Seeded.Note(office, "CT04", 6, " "),
            Seeded.Note(commune, allocated.IndicatorCode, 6, " Chưa đấu giá "), Seeded.Note(commune, allocated.IndicatorCode, 7, "Quý sau"));

        Assert.Equal(["Thị trường trầm lắng"], view.Figures.Single(f => f.Code == "CT04").Causes);
        Assert.Equal([$"{Seeded.Units[commune].Name}: Chưa đấu giá"], view.Figures.Single(f => f.Code == allocated.IndicatorCode).Causes);
        // No unit behind a figure was read (a block leader may not read every unit): nothing is said of its causes, not "none".
        var unread = Seeded.Plan.Targets.First(t => t.Allocations.Count == 0 && Seeded.Catalog[t.IndicatorCode].ResponsibleOfficeCode != office);
        Assert.Null(view.Figures.Single(f => f.Code == unread.IndicatorCode).Causes);
    }
}
