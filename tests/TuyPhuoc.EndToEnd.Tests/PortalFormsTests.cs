using System.Globalization;
using Grpc.Core;
using Microsoft.Playwright;
using TuyPhuoc.Harness;
using TuyPhuoc.ServiceDefaults;
using Eval = TuyPhuoc.Contracts.Evaluation.V1;
using Plans = TuyPhuoc.Contracts.Plans.V1;
using Scoring = TuyPhuoc.Contracts.Scoring.V1;
using Subs = TuyPhuoc.Contracts.Submissions.V1;

namespace TuyPhuoc.EndToEnd.Tests;

/// <summary>
/// The forms (biểu mẫu) in and out of the portal as .xlsx, opened and filled with OpenXml as a person would in Excel.
/// Written here and by no other test: the plan of 2027, and December 2024 of Xã Phước Thành.
/// </summary>
public sealed class PortalFormsTests(SuiteFixture suite) : PortalBrowser(suite)
{
    private const int Year = 2024, PlanYear = 2027, Month = 12;
    private const string Unit = "PHUOC_THANH";
    private static readonly CultureInfo Vietnamese = CultureInfo.GetCultureInfo("vi-VN");

    private static readonly Dictionary<Eval.Status, string> Assessments = new()
    {
        [Eval.Status.Achieved] = "Đạt", [Eval.Status.AtRisk] = "Có nguy cơ không đạt", [Eval.Status.NotAchieved] = "Không đạt",
        [Eval.Status.NoData] = "Chưa có số liệu", [Eval.Status.JudgedAtYearEnd] = "Đánh giá cuối năm",
    };

    [Fact]
    public async Task PlanningOffice_DownloadsTheQuarterlyReport_ItsCellsAreGetQuarterReports()
    {
        await Suite.DemoLoadedAsync();
        var office = await Suite.CallAsAsync(Roles.PlanningOffice);
        var evaluation = new Eval.Evaluation.EvaluationClient(Suite.Gateway);
        var catalog = (await new Plans.IndicatorPlans.IndicatorPlansClient(Suite.Gateway).ListIndicatorsAsync(new Plans.ListIndicatorsRequest { PageSize = 1000 }, office))
            .Indicators.ToDictionary(i => i.Code);
        var page = await SignedInAsAsync(Roles.PlanningOffice, $"/ke-hoach?nam={Year}");
        // The quarterly report's page links to the form; the link works before the page is live.
        await page.GotoAsync(new Uri(Suite.Portal, $"/bao-cao-quy?nam={Year}&quy=2").ToString());

        // Other tests may still move the quarter's figures: the file is compared with the report read just before and after it.
        Eval.QuarterReport report;
        Opened sheet;
        var attempt = 0;
        do
        {
            report = await evaluation.GetQuarterReportAsync(new Eval.GetQuarterReportRequest { Year = Year, Quarter = 2 }, office);
            var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("a.xlsx"));
            Assert.Equal("Bieu-so-01-Q2-2024.xlsx", download.SuggestedFilename);
            sheet = new Opened(await File.ReadAllBytesAsync(await download.PathAsync(), TestContext.Current.CancellationToken), "Bieu01");
        }
        while (!Same(report, await evaluation.GetQuarterReportAsync(new Eval.GetQuarterReportRequest { Year = Year, Quarter = 2 }, office)) && ++attempt < 5);

        Assert.Equal("ỦY BAN NHÂN DÂN HUYỆN TUY PHƯỚC", sheet.Text("A1"));
        Assert.Equal("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", sheet.Text("F1"));
        Assert.Equal("BÁO CÁO KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU KINH TẾ - XÃ HỘI QUÝ II NĂM 2024", sheet.Text("A4"));
        Assert.Equal(34, report.DistrictFigures.Count);
        foreach (var figure in report.DistrictFigures)
        {
            var row = sheet.RowOf("B", catalog[figure.IndicatorCode].Name);
            Assert.True(row > 0, $"{figure.IndicatorCode} is not in the file");
            Assert.Equal(catalog[figure.IndicatorCode].UnitOfMeasure, sheet.Text($"C{row}"));
            Assert.Equal(figure.YearTarget, sheet.Number($"E{row}"));
            var quarter = figure.Quarters[1];
            Assert.Equal(quarter.HasSamePeriodLastYear ? quarter.SamePeriodLastYear : null, sheet.Number($"F{row}"));
            Assert.Equal(figure.HasProgress ? figure.Progress : null, sheet.Number($"I{row}"));
            Assert.Equal(quarter.HasVersusLastYear ? quarter.VersusLastYear : null, sheet.Number($"K{row}"));
            Assert.Equal(Assessments[figure.Status], sheet.Text($"L{row}"));
        }
        var total = sheet.RowOf("B", "Tổng số");
        Assert.Equal(report.Counts.Sum(c => c.Count), sheet.Number($"C{total}"));
        Assert.Equal(report.Counts.Where(c => c.Status == Eval.Status.Achieved).Sum(c => c.Count), sheet.Number($"D{total}"));
        var province = report.BySource.Single(s => s.Source == "province");
        var provinceRow = sheet.RowOf("B", "Chỉ tiêu tỉnh giao");
        Assert.Equal((province.Indicators, province.CheckpointPassed, province.CheckpointFailed),
            ((int)sheet.Number($"C{provinceRow}")!, (int)sheet.Number($"I{provinceRow}")!, (int)sheet.Number($"J{provinceRow}")!));
        Assert.True(sheet.RowOf("J", "TM. ỦY BAN NHÂN DÂN") > total);
    }

    [Fact]
    public async Task PlanningOffice_UploadsAPlanWithOneWrongCell_TheCellIsNamedAndNothingStored_ThenTheRightOneIsTheNewRevision()
    {
        var plans = new Plans.IndicatorPlans.IndicatorPlansClient(Suite.Gateway);
        var office = await Suite.CallAsAsync(Roles.PlanningOffice);
        var page = await SignedInAsAsync(Roles.PlanningOffice, $"/ke-hoach?nam={PlanYear}");
        await Expect(page.Locator("h1")).ToHaveTextAsync($"Kế hoạch chỉ tiêu năm {PlanYear}");
        await Expect(page.Locator(".no-plan")).ToHaveTextAsync($"Năm {PlanYear} chưa có kế hoạch.");

        // The 2024 plan's export, made the plan of 2027 by its decision.
        var export = await page.APIRequest.GetAsync(new Uri(Suite.Portal, $"/bieu-mau/ke-hoach?year={Year}").ToString());
        Assert.Equal(200, export.Status);
        Assert.Contains("Ke-hoach-chi-tieu-2024.xlsx", export.Headers["content-disposition"]);
        var plan2024 = await export.BodyAsync();
        var grain = new Opened(plan2024, "ChiTieu").RowOf("C", "CT02");
        var right = Filled.In(plan2024, "ChiTieu", ("C7", (double)PlanYear), ("C8", "2345/QĐ-UBND"), ("C9", "01/12/2026"), ("C10", "01/01/2027"), ("C11", ""));
        var wrong = Filled.In(right, "ChiTieu", ($"F{grain}", "nhiều"));

        await page.Locator("#plan-upload").SetInputFilesAsync(new FilePayload { Name = "ke-hoach-2027.xlsx", MimeType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", Buffer = wrong });
        await Expect(page.Locator(".cell-errors li")).ToHaveTextAsync([$"ChiTieu!F{grain} \"nhiều\" không phải là số (viết như 1.234,5)."]);
        await Expect(page.Locator(".problem p")).ToContainTextAsync("chưa lưu số liệu nào");
        Assert.Empty(await RevisionsAsync(plans, office));
        await KeepScreenshotAsync(page, "forms-plan-wrong-cell");

        await page.Locator("#plan-upload").SetInputFilesAsync(new FilePayload { Name = "ke-hoach-2027.xlsx", MimeType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", Buffer = right });
        await Expect(page.Locator(".notice")).ToHaveTextAsync("Đã lưu kế hoạch: lần 1, quyết định 2345/QĐ-UBND.");
        await Expect(page.Locator(".cell-errors")).ToHaveCountAsync(0);
        await Expect(page.Locator("table.revisions tr[data-revision='1'] .decision")).ToHaveTextAsync("2345/QĐ-UBND");
        await Expect(page.Locator("table.revisions tr[data-revision='1'] .changed")).ToContainTextAsync("34 chỉ tiêu");
        var stored = await plans.GetPlanAsync(new Plans.GetPlanRequest { Year = PlanYear, AsOf = new Google.Type.Date { Year = PlanYear, Month = 1, Day = 1 } }, office);
        var seeded = await plans.GetPlanAsync(new Plans.GetPlanRequest { Year = Year }, office);
        Assert.Equal(seeded.Targets.Select(t => (t.IndicatorCode, t.DistrictTarget, t.Allocations.Count)), stored.Targets.Select(t => (t.IndicatorCode, t.DistrictTarget, t.Allocations.Count)));
        Assert.Single(await RevisionsAsync(plans, office));
        await KeepScreenshotAsync(page, "forms-plan-stored");
    }

    [Fact]
    public async Task CommuneReporter_DownloadsFillsAndUploadsTheMonthsForm_TheValuesShowInTheMonthsForm()
    {
        var submissions = new Subs.Submissions.SubmissionsClient(Suite.Gateway);
        var reporter = await Suite.CallAsAsync(Roles.UnitReporter, unit: Unit);
        var page = await SignedInAsync(Unit, null, $"/bao-cao?nam={Year}&thang={Month}");

        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync(".month-excel a.download"));
        Assert.Equal($"Bao-cao-thang-12-2024-{Unit}.xlsx", download.SuggestedFilename);
        var form = await File.ReadAllBytesAsync(await download.PathAsync(), TestContext.Current.CancellationToken);
        var sheet = new Opened(form, "BaoCaoThang");
        Assert.Equal((Unit, 2024d, 12d), (sheet.Text("C7"), sheet.Number("C8")!.Value, sheet.Number("C9")!.Value));
        Assert.True(sheet.Protection?.Sheet?.Value);
        Assert.False(sheet.Locked("I13"));
        Assert.False(sheet.Locked("K13"));
        Assert.True(sheet.Locked("E13"));
        var (first, second) = (sheet.Text("B13"), sheet.Text("B14"));
        Assert.Equal(await page.Locator("input[inputmode=decimal]").CountAsync(), sheet.Column("B").Skip(2).Count(c => c.StartsWith("CT", StringComparison.Ordinal)));
        // Each at its own month's target (within any range the indicator has), the second typed the Vietnamese way.
        double Target(int row) => sheet.Number($"F{row}") ?? sheet.Number($"E{row}")!.Value;
        var (a, b) = (Target(13), Target(14));

        var wrong = Filled.In(form, "BaoCaoThang", ("I13", "nhiều"), ("I14", b.ToString("#,##0.##########", Vietnamese)));
        await page.Locator("#month-upload").SetInputFilesAsync(new FilePayload { Name = "thang-12.xlsx", MimeType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", Buffer = wrong });
        await Expect(page.Locator(".cell-errors li")).ToHaveTextAsync(["BaoCaoThang!I13 \"nhiều\" không phải là số (viết như 1.234,5)."]);
        Assert.Empty((await submissions.ListActualsAsync(new Subs.ListActualsRequest { UnitCode = Unit, Year = Year, Month = Month }, reporter)).Actuals);

        var right = Filled.In(form, "BaoCaoThang", ("I13", a), ("J13", "Nhập từ biểu mẫu Excel"), ("K13", "Đôn đốc các hợp tác xã"), ("I14", b.ToString("#,##0.##########", Vietnamese)));
        await page.Locator("#month-upload").SetInputFilesAsync(new FilePayload { Name = "thang-12.xlsx", MimeType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", Buffer = right });
        await Expect(page.Locator(".month-excel .notice")).ToHaveTextAsync("Đã nhập 2 số liệu từ tệp Excel.");
        await Expect(page.Locator($"#v-{first}")).ToHaveValueAsync(a.ToString("#,##0.##########", Vietnamese));
        await Expect(page.Locator($"#n-{first}")).ToHaveValueAsync("Nhập từ biểu mẫu Excel");
        await Expect(page.Locator($"#s-{first}")).ToHaveValueAsync("Đôn đốc các hợp tác xã");
        await Expect(page.Locator($"#v-{second}")).ToHaveValueAsync(b.ToString("#,##0.##########", Vietnamese));
        var stored = (await submissions.ListActualsAsync(new Subs.ListActualsRequest { UnitCode = Unit, Year = Year, Month = Month }, reporter)).Actuals;
        Assert.Equal([(first, a, "Nhập từ biểu mẫu Excel", "Đôn đốc các hợp tác xã"), (second, b, "", "")],
            stored.OrderBy(s => s.IndicatorCode == first ? 0 : 1).Select(s => (s.IndicatorCode, s.Value, s.Note, s.Solutions)));
        Assert.All(stored, s => Assert.Equal(Subs.Origin.Import, s.Origin));
        await KeepScreenshotAsync(page, "forms-month-imported");
    }

    [Fact]
    public async Task HomeAffairs_DownloadsTheClassificationList_ItIsListRankings()
    {
        await Suite.DemoLoadedAsync();
        var home = await Suite.CallAsAsync(Roles.HomeAffairs);
        var scoring = new Scoring.EmulationScoring.EmulationScoringClient(Suite.Gateway);
        var units = (await new Plans.IndicatorPlans.IndicatorPlansClient(Suite.Gateway).ListUnitsAsync(new Plans.ListUnitsRequest { PageSize = 1000 }, home)).Units.ToDictionary(u => u.Code);
        var page = await SignedInAsAsync(Roles.HomeAffairs, $"/nhiem-vu?nam={Year}");
        await page.GotoAsync(new Uri(Suite.Portal, $"/xep-hang?nam={Year}&quy=2").ToString());

        // Scores move while other tests write: the file is compared with the ranking read just before and after it.
        Scoring.Ranking ranking;
        Opened sheet;
        var attempt = 0;
        do
        {
            ranking = await scoring.ListRankingAsync(new Scoring.ListRankingRequest { Year = Year, Quarter = 2, PageSize = 1000 }, home);
            var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("a.xlsx"));
            Assert.Equal("Xep-loai-Q2-2024.xlsx", download.SuggestedFilename);
            sheet = new Opened(await File.ReadAllBytesAsync(await download.PathAsync(), TestContext.Current.CancellationToken), "XepLoai");
        }
        while (!ranking.Entries.Equals((await scoring.ListRankingAsync(new Scoring.ListRankingRequest { Year = Year, Quarter = 2, PageSize = 1000 }, home)).Entries) && ++attempt < 5);

        Assert.Equal("DANH SÁCH XẾP LOẠI THI ĐUA NĂM 2024 (TẠM TÍNH ĐẾN HẾT QUÝ II)", sheet.Text("A4"));
        Assert.Equal(ranking.Final ? "(Kết quả chính thức)" : "(Kết quả tạm tính)", sheet.Text("A5"));
        Assert.Equal(["STT", "Đơn vị", "Khối", "Tổng điểm", "Xếp hạng", "Xếp loại", "Ghi chú"], "ABCDEFG".Select(c => sheet.Text($"{c}7")));
        Assert.True(ranking.Entries.Count >= 13);
        for (var i = 0; i < ranking.Entries.Count; i++)
        {
            var (entry, row) = (ranking.Entries[i], 9 + i);
            Assert.Equal((units[entry.UnitCode].Name, entry.Total, (double)entry.Rank, entry.ClassificationName),
                (sheet.Text($"B{row}"), sheet.Number($"D{row}")!.Value, sheet.Number($"E{row}")!.Value, sheet.Text($"F{row}")));
        }
        Assert.Equal("PHÒNG NỘI VỤ", sheet.Text($"D{9 + ranking.Entries.Count + 2}"));
    }

    private static async Task<IReadOnlyList<Plans.PlanRevision>> RevisionsAsync(Plans.IndicatorPlans.IndicatorPlansClient plans, CallOptions office)
    {
        try
        {
            return (await plans.ListPlanRevisionsAsync(new Plans.ListPlanRevisionsRequest { Year = PlanYear }, office)).Revisions;
        }
        catch (RpcException e) when (e.StatusCode is StatusCode.NotFound or StatusCode.FailedPrecondition)
        {
            return [];
        }
    }

    private static bool Same(Eval.QuarterReport a, Eval.QuarterReport b) =>
        a.Counts.Equals(b.Counts) && a.DistrictFigures.Select(f => (f.IndicatorCode, f.Status, f.Progress)).SequenceEqual(b.DistrictFigures.Select(f => (f.IndicatorCode, f.Status, f.Progress)));
}
