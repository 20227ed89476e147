using TuyPhuoc.Contracts.Scoring.V1;
using TuyPhuoc.Portal.Features;
using TuyPhuoc.Portal.Forms;
using TuyPhuoc.Portal.Tests.Forms;

namespace TuyPhuoc.Portal.Tests.Features;

/// <summary>A classification list as the ranking page's view holds it, for the workbook's tests.</summary>
internal static class Rankings
{
    public static readonly RankingEntry[] Entries =
    [
        new() { Rank = 1, UnitCode = "TT_TUY_PHUOC", Block = "communes", Total = 92.4, ClassificationCode = "outstanding", ClassificationName = "Hoàn thành xuất sắc nhiệm vụ" },
        new() { Rank = 2, UnitCode = "PHUOC_AN", Block = "communes", Total = 91.25, ClassificationCode = "good", ClassificationName = "Hoàn thành tốt nhiệm vụ", HeldBackByCap = true },
        new() { Rank = 3, UnitCode = "NONG_NGHIEP", Block = "economy", Total = 0, ClassificationCode = "not_completed", ClassificationName = "Không hoàn thành nhiệm vụ" },
    ];

    public static RankingView View(IEnumerable<RankingEntry> entries, int quarter, bool final, string block = "") =>
        RankingView.From(2024, quarter, block, final, entries, [.. Seeded.Units.Values], Seeded.Catalog, new YearState { Year = 2024, Final = final }, new Scheme { Year = 2024 });
}

public sealed class RankingWorkbookTests
{
    private static Opened Produce(int quarter, bool final, string block = "")
    {
        using var stream = new MemoryStream();
        RankingWorkbook.Write(stream, Rankings.View(Rankings.Entries, quarter, final, block), new DateOnly(2024, 7, 20));
        return new Opened(stream.ToArray(), RankingWorkbook.Sheet);
    }

    [Fact]
    public void Write_Q2_TheRankingInOrderWithClassifications()
    {
        var sheet = Produce(2, final: false);
        Assert.Empty(sheet.Invalid);
        Assert.Equal("DANH SÁCH XẾP LOẠI THI ĐUA NĂM 2024 (TẠM TÍNH ĐẾN HẾT QUÝ II)", sheet.Text("A4"));
        Assert.Equal("(Kết quả tạm tính)", sheet.Text("A5"));
        Assert.Equal(["STT", "Đơn vị", "Khối", "Tổng điểm", "Xếp hạng", "Xếp loại", "Ghi chú"], "ABCDEFG".Select(c => sheet.Text($"{c}7")));
        Assert.Equal(Enumerable.Range(1, 7).Select(i => $"({i})"), "ABCDEFG".Select(c => sheet.Text($"{c}8")));
        Assert.Equal(["Thị trấn Tuy Phước", "Xã Phước An", Seeded.Units["NONG_NGHIEP"].Name], new[] { 9, 10, 11 }.Select(r => sheet.Text($"B{r}")));
        Assert.Equal([92.4, 91.25, 0], new[] { 9, 10, 11 }.Select(r => sheet.Number($"D{r}")!.Value));
        Assert.Equal(Xlsx.DecimalFormat, sheet.Format("D9"));
        Assert.Equal(Xlsx.WholeFormat, sheet.Format("D11"));
        Assert.Equal(("Hoàn thành tốt nhiệm vụ", "Xã, thị trấn", "Khối Kinh tế", 3d), (sheet.Text("F10"), sheet.Text("C10"), sheet.Text("C11"), sheet.Number("E11")!.Value));
        Assert.Contains("giới hạn tỷ lệ", sheet.Text("G10"));
        Assert.Equal("Tuy Phước, ngày 20 tháng 07 năm 2024", sheet.Text("D13"));
        Assert.Equal("PHÒNG NỘI VỤ", sheet.Text("D14"));
    }

    [Fact]
    public void Write_TheFinalYear_SaysSo() =>
        Assert.Equal(("DANH SÁCH XẾP LOẠI THI ĐUA NĂM 2024", "(Kết quả chính thức)"), (Produce(0, final: true).Text("A4"), Produce(0, final: true).Text("A5")));

    [Fact]
    public void Write_OneBlock_SaysWhichUnderTheTitle()
    {
        var view = Rankings.View([Rankings.Entries[2]], 0, final: false, block: "economy");
        using var stream = new MemoryStream();
        RankingWorkbook.Write(stream, view, new DateOnly(2024, 12, 20));

        Assert.Equal("Khối Kinh tế (Kết quả tạm tính)", new Opened(stream.ToArray(), RankingWorkbook.Sheet).Text("A5"));
        Assert.Equal("Xep-loai-2024-economy.xlsx", RankingWorkbook.FileName(view));
        Assert.Equal("/bieu-mau/xep-loai?year=2024&block=economy", view.Xlsx);
    }
}
