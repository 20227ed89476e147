using TuyPhuoc.Contracts.Plans.V1;
using TuyPhuoc.Portal.Features;
using TuyPhuoc.Portal.Forms;

namespace TuyPhuoc.Portal.Tests.Forms;

public sealed class PlanWorkbookTests
{
    private static readonly PlanCatalog Catalog = new(Seeded.Catalog, Seeded.Units);
    private static readonly Plan Plan = Seeded.Plan;
    private static readonly byte[] Exported = Export(Plan);

    private static byte[] Export(Plan plan)
    {
        using var stream = new MemoryStream();
        PlanWorkbook.Write(stream, PlanView.From(2024, [], plan, Catalog));
        return stream.ToArray();
    }

    private static Target Unrevised(Target t)
    {
        var copy = t.Clone();
        copy.Revision = 0;
        return copy;
    }

    [Fact]
    public void Read_TheSeededPlansExport_GivesTheSamePlan()
    {
        var upload = PlanWorkbook.Read(new MemoryStream(Exported), Catalog);

        Assert.Empty(upload.Errors);
        Assert.Equal((2024, "12689/QĐ-UBND", new DateOnly(2023, 12, 27), new DateOnly(2024, 1, 1)), (upload.Year, upload.DecisionNumber, upload.DecisionDate, upload.EffectiveFrom));
        Assert.Equal(Plan.Targets.Select(Unrevised).OrderBy(t => t.IndicatorCode), upload.Targets.OrderBy(t => t.IndicatorCode));
        Assert.Equal(Plan.Targets.Sum(t => t.Allocations.Count), upload.Targets.Sum(t => t.Allocations.Count));
        var request = upload.Create("k");
        Assert.Equal((2024, 27, 34), (request.Year, request.DecisionDate.Day, request.Targets.Count));
    }

    [Fact]
    public void Write_TheSeededPlan_TheAnnexLayout()
    {
        var sheet = new Opened(Exported, PlanWorkbook.TargetsSheet);
        Assert.Empty(sheet.Invalid);
        Assert.Equal(["ChiTieu", "PhanBo"], sheet.SheetNames);
        Assert.Equal("ỦY BAN NHÂN DÂN HUYỆN TUY PHƯỚC", sheet.Text("A1"));
        Assert.Equal("CHỈ TIÊU KẾ HOẠCH PHÁT TRIỂN KINH TẾ - XÃ HỘI NĂM 2024", sheet.Text("A4"));
        Assert.Equal("(Kèm theo Quyết định số 12689/QĐ-UBND ngày 27/12/2023 của UBND huyện Tuy Phước)", sheet.Text("A5"));
        Assert.Equal(Xlsx.DateFormat, sheet.Format("C9"));
        Assert.Equal(["STT", "Chỉ tiêu", "Mã", "ĐVT", "Kế hoạch năm 2024"], "ABCDE".Select(c => sheet.Text($"{c}14")));
        Assert.Equal(("Tỉnh giao", "Huyện giao", "I", "IV", "1", "12"), (sheet.Text("E15"), sheet.Text("F15"), sheet.Text("I15"), sheet.Text("L15"), sheet.Text("M15"), sheet.Text("X15")));
        Assert.Superset(new HashSet<string> { "E14:F14", "I14:L14", "M14:X14", "A14:A15" }, sheet.Merged.ToHashSet());
        Assert.Equal(("(1)", "(24)"), (sheet.Text("A16"), sheet.Text("X16")));
        Assert.Equal(("I", "KHỐI KINH TẾ"), (sheet.Text("A17"), sheet.Text("B17")));
        Assert.Contains("B17:X17", sheet.Merged);
        Assert.Equal(("Áp dụng từ đầu năm (khi điều chỉnh)", "Không"), (sheet.Text("B12"), sheet.Text("C12")));

        var grain = Plan.Targets.Single(t => t.IndicatorCode == "CT02");
        var row = sheet.RowOf("C", "CT02");
        Assert.Equal(Seeded.Catalog["CT02"].Name, sheet.Text($"B{row}"));
        Assert.Equal(grain.DistrictTarget, sheet.Number($"F{row}"));
        Assert.Equal(grain.Quarters, "IJKL".Select(c => sheet.Number($"{c}{row}")!.Value));
        Assert.Equal(grain.Months, Enumerable.Range(13, 12).Select(c => sheet.Number($"{Xlsx.Column(c)}{row}")!.Value));

        var allocations = new Opened(Exported, PlanWorkbook.AllocationsSheet);
        Assert.Empty(allocations.Invalid);
        Assert.Equal(Plan.Targets.Sum(t => t.Allocations.Count), allocations.Column("E").Count(c => Seeded.Units.ContainsKey(c)));
    }

    [Fact]
    public void Read_WrongCells_EachNamedSheetAndCellWithItsReason_NoTargets()
    {
        var row = new Opened(Exported, PlanWorkbook.TargetsSheet).RowOf("C", "CT02");
        var wrong = Filled.In(Exported, PlanWorkbook.TargetsSheet, ($"F{row}", "nhiều"), ($"M{row}", null), ("C9", "hôm qua"));
        wrong = Filled.In(wrong, PlanWorkbook.AllocationsSheet, ("E9", "XA_KHONG_CO"));

        var upload = PlanWorkbook.Read(new MemoryStream(wrong), Catalog);

        Assert.Empty(upload.Targets);
        Assert.Equal([
            "ChiTieu!C9: Cần ghi ngày theo dạng dd/MM/yyyy.",
            $"ChiTieu!F{row}: \"nhiều\" không phải là số (viết như 1.234,5).",
            $"ChiTieu!M{row}: Cần đủ 12 giá trị, hoặc để trống cả 12.",
            "PhanBo!E9: Đơn vị \"XA_KHONG_CO\" không có trong danh sách đơn vị.",
        ], upload.Errors.Select(e => e.ToString()));
    }

    [Fact]
    public void Read_AgainstThePlanInForce_OnlyTheChangedTargetsWithTheirCells()
    {
        var row = new Opened(Exported, PlanWorkbook.TargetsSheet).RowOf("C", "CT02");
        var revised = Filled.In(Exported, PlanWorkbook.TargetsSheet, ($"E{row}", 150_000d), ("C8", "1500/QĐ-UBND"), ("C11", "Tỉnh giao bổ sung"), ("C12", "Có"));

        var upload = PlanWorkbook.Read(new MemoryStream(revised), Catalog, Plan);

        Assert.Empty(upload.Errors);
        var target = Assert.Single(upload.Targets);
        Assert.Equal(("CT02", 150_000d), (target.IndicatorCode, target.ProvinceTarget));
        var request = upload.Revise("k");
        Assert.Equal(("1500/QĐ-UBND", "Tỉnh giao bổ sung", true), (request.DecisionNumber, request.Reason, request.AppliesFromStartOfYear));
        Assert.Equal($"ChiTieu!F{row}", upload.At("targets[0].district_target", "x").Where);
        Assert.Equal($"ChiTieu!P{row}", upload.At("targets[0].months[3]", "x").Where);
        Assert.Equal($"ChiTieu!C{row}", upload.At("targets[0].allocations", "x").Where);
        Assert.Equal("ChiTieu!C9", upload.At("decision_date", "x").Where);
    }

    [Fact]
    public void Read_TheSameAsInForce_SaysNothingChanged()
    {
        var upload = PlanWorkbook.Read(new MemoryStream(Exported), Catalog, Plan);
        Assert.Contains("Không có chỉ tiêu nào khác", Assert.Single(upload.Errors).Reason);
    }
}

public sealed class NationalScaleTests
{
    /// <summary>A response body: written forward only, never sought, never read.</summary>
    private sealed class ForwardOnly(Stream inner) : Stream
    {
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() => inner.Flush();
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => inner.Write(buffer, offset, count);
    }

    [Fact]
    public void Write_FiveThousandCommunes_StreamsForwardOnlyAndEveryAllocationIsThere()
    {
        var communes = Enumerable.Range(1, 5_000).Select(i => new Contracts.Plans.V1.Unit { Code = $"XA_{i:0000}", Name = $"Xã số {i}", Kind = Contracts.Plans.V1.UnitKind.Commune }).ToList();
        var target = Seeded.Plan.Targets.Single(t => t.IndicatorCode == "CT02").Clone();
        target.Allocations.Clear();
        target.Allocations.AddRange(communes.Select(c => new Contracts.Plans.V1.Allocation { UnitCode = c.Code, YearTarget = 28, Months = { Enumerable.Repeat(28 / 12.0, 12) } }));
        var plan = new Contracts.Plans.V1.Plan { Year = 2024, Revision = Seeded.Plan.Revision, Targets = { target } };
        var units = Seeded.Units.Values.Concat(communes).ToDictionary(u => u.Code);

        using var written = new MemoryStream();
        PlanWorkbook.Write(new ForwardOnly(written), PlanView.From(2024, [], plan, new PlanCatalog(Seeded.Catalog, units)));

        var sheet = new Opened(written.ToArray(), PlanWorkbook.AllocationsSheet);
        Assert.Equal(("5000", "Xã số 5000", "XA_5000"), (sheet.Text("A5008"), sheet.Text("D5008"), sheet.Text("E5008")));
        Assert.Equal(5_000, PlanWorkbook.Read(new MemoryStream(written.ToArray()), new PlanCatalog(Seeded.Catalog, units)).Targets.Single().Allocations.Count);
    }
}
