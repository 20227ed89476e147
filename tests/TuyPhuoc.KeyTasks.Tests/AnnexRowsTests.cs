using TuyPhuoc.Harness;
using TuyPhuoc.KeyTasks.Domain;
using TuyPhuoc.KeyTasks.Import;
using TuyPhuoc.ServiceDefaults;
using static TuyPhuoc.KeyTasks.Tests.Samples;

namespace TuyPhuoc.KeyTasks.Tests;

public sealed class AnnexRowsTests
{
    private static readonly DecisionHeader Header = new("1307/QĐ-UBND", new DateOnly(2024, 3, 14), "Giao nhiệm vụ trọng tâm năm 2024", 2024);

    private static Decision Import(byte[] workbook, string block = "")
    {
        var (sheet, cells) = AnnexWorkbook.Read(workbook);
        var rows = AnnexRows.Read(sheet, cells, Plan, block, 2024);
        return DecisionRules.Create(Header, rows.Tasks, Plan, rows.Where, At(D(3, 15)), "tckh-1", rows.Violations);
    }

    [Fact]
    public void Read_AnAnnexWithFieldsNamesAndDates_EveryTaskAsWritten()
    {
        var workbook = AnnexWorkbookWriter.Annex("PL01", [
            ["I", "Lĩnh vực kinh tế"],
            ["1", "Đấu giá quyền sử dụng đất", "Phòng Tài nguyên và Môi trường", "Phòng Tài chính - Kế hoạch, UBND xã Phước Lộc", "Tháng 5/2024", "Báo cáo", "Trọng điểm"],
            ["2", "Giải phóng mặt bằng ĐT.640", "UBND xã Phước Lộc", "TN_MT; KT_HT", new DateTime(2024, 4, 30).ToOADate(), "Báo cáo", null],
            ["II", "Lĩnh vực văn hóa - xã hội"],
            ["1", "Phát triển người tham gia bảo hiểm y tế", "Bảo hiểm xã hội huyện", "UBND các xã, thị trấn", "Thường xuyên", "Báo cáo", null],
        ]);

        var decision = Import(workbook, block: "economy");

        Assert.Equal(3, decision.Tasks.Count);
        var (auction, clearance, insurance) = (decision.Tasks[0], decision.Tasks[1], decision.Tasks[2]);
        Assert.Equal(("I. Lĩnh vực kinh tế", "TN_MT", DeadlineKind.Month, D(5, 31)), (auction.Field, auction.LeadUnitCode, auction.DeadlineKind, auction.DueDate));
        Assert.Equal(["TCKH", "PHUOC_LOC"], auction.CoordinatingUnitCodes);
        Assert.Equal(("PHUOC_LOC", "economy", D(4, 30)), (clearance.LeadUnitCode, clearance.Block, clearance.DueDate));
        Assert.Equal(("II. Lĩnh vực văn hóa - xã hội", "culture_society", DeadlineKind.Regular), (insurance.Field, insurance.Block, insurance.DeadlineKind));
        Assert.Equal(13, insurance.CoordinatingUnitCodes.Length);
    }

    [Fact]
    public void Read_WrongCells_EachNamedAsSheetAndCell_NothingMade()
    {
        var workbook = AnnexWorkbookWriter.Annex("Phụ lục 1", [
            ["1", "Đấu giá quyền sử dụng đất", "Phòng Đất đai", "Phòng Tài chính - Kế hoạch", "Tháng 5/2024", "Báo cáo"],
            ["2", "Giải phóng mặt bằng", "UBND xã Phước Lộc", "Sở Giao thông", "sớm", "Báo cáo"],
            ["3", "", "Phòng Y tế", "", "Quý II/2024", "Báo cáo"],
        ]);

        var refused = Assert.Throws<InvalidInputException>(() => Import(workbook));

        Assert.Equal(["'Phụ lục 1'!C4", "'Phụ lục 1'!D5", "'Phụ lục 1'!E5", "'Phụ lục 1'!C5", "'Phụ lục 1'!B6"], refused.Violations.Select(v => v.Field));
    }

    [Fact]
    public void Read_NoHeaderRow_Refused()
    {
        var workbook = AnnexWorkbookWriter.Write("Sheet1", [["Nhiệm vụ", "Đơn vị"], ["Đấu giá", "TN_MT"]]);

        var refused = Assert.Throws<InvalidInputException>(() => Import(workbook));

        Assert.Equal("Sheet1!A1", Assert.Single(refused.Violations).Field);
    }

    [Fact]
    public void Read_NotAWorkbook_RefusedAsTheWorkbookField()
    {
        var refused = Assert.Throws<InvalidInputException>(() => AnnexWorkbook.Read("PK not a zip"u8.ToArray()));

        Assert.Equal("workbook", Assert.Single(refused.Violations).Field);
    }

    [Fact]
    public void Read_HostileAnnexes_RefusedAsTheWorkbookFieldWithTheReason()
    {
        var annex = AnnexWorkbookWriter.Annex("PL01", [["1", "Nhiệm vụ", "TN_MT", "", "Quý III/2024", "Báo cáo"]]);
        (byte[] Workbook, string Reason)[] hostile =
        [
            (HostileWorkbook.CellAt(annex, "A2147483000"), "outside a sheet's 1048576 rows"),
            (HostileWorkbook.SheetAtStyles(annex), "not a worksheet"),
            (HostileWorkbook.ZipBomb(annex, 50), "zip bomb"),
            (HostileWorkbook.CompoundFile(), "OLE compound file"),
            (HostileWorkbook.WithDtd(annex), "DTD"),
        ];

        foreach (var (workbook, reason) in hostile)
        {
            var refused = Assert.Throws<InvalidInputException>(() => AnnexWorkbook.Read(workbook));
            var violation = Assert.Single(refused.Violations);
            Assert.Equal("workbook", violation.Field);
            Assert.Contains(reason, violation.Description);
        }
    }
}
