using Microsoft.Playwright;
using TuyPhuoc.ServiceDefaults;
using Eval = TuyPhuoc.Contracts.Evaluation.V1;
using Plans = TuyPhuoc.Contracts.Plans.V1;
using Scoring = TuyPhuoc.Contracts.Scoring.V1;
using Subs = TuyPhuoc.Contracts.Submissions.V1;

namespace TuyPhuoc.EndToEnd.Tests;

/// <summary>
/// The portal as the district's offices use it. The reports acted on here (October and November 2024 of Thị trấn Tuy
/// Phước) are sent by the test itself and touched by no other test.
/// </summary>
public sealed class PortalOfficesTests(SuiteFixture suite) : PortalBrowser(suite)
{
    private const string Unit = "TT_TUY_PHUOC", UnitName = "Thị trấn Tuy Phước";
    private const int Year = 2024;

    [Fact]
    public async Task PlanningOffice_ApprovesOneSentReportAndReturnsAnother_TheReporterSeesItReturnedWithTheReason()
    {
        const string reason = "Số liệu thu ngân sách chưa khớp với Kho bạc, đề nghị rà soát";
        await SendReportAsync(10);
        await SendReportAsync(11);
        var submissions = new Subs.Submissions.SubmissionsClient(Suite.Gateway);
        var office = await Suite.CallAsAsync(Roles.PlanningOffice);

        // The office's home is the approvals page.
        var page = await SignedInAsAsync(Roles.PlanningOffice, "/");
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/duyet-bao-cao"));
        await OpenAsync(page, $"/duyet-bao-cao?nam={Year}&thang=10");
        await Expect(page.Locator("h1")).ToHaveTextAsync($"Duyệt báo cáo tháng 10/{Year}");
        var october = page.Locator($"tr[data-unit={Unit}]");
        await Expect(october.Locator(".report-status")).ToHaveTextAsync("Đã gửi");
        await october.Locator("button.approve").ClickAsync();
        await Expect(page.Locator(".notice")).ToHaveTextAsync($"Đã duyệt báo cáo của {UnitName}.");
        await Expect(october.Locator(".report-status")).ToHaveTextAsync("Đã duyệt");
        Assert.Equal(Subs.ReportStatus.Approved, (await submissions.GetReportAsync(new Subs.GetReportRequest { UnitCode = Unit, Year = Year, Month = 10 }, office)).Status);

        await OpenAsync(page, $"/duyet-bao-cao?nam={Year}&thang=11");
        var november = page.Locator($"tr[data-unit={Unit}]");
        // Returning without a reason: said beside the field, and nothing is sent.
        await november.Locator("button.return").ClickAsync();
        await Expect(page.Locator($"#reason-{Unit}-error")).ToHaveTextAsync("Vui lòng nhập lý do.");
        await Expect(november.Locator(".report-status")).ToHaveTextAsync("Đã gửi");
        Assert.Equal(Subs.ReportStatus.Submitted, (await submissions.GetReportAsync(new Subs.GetReportRequest { UnitCode = Unit, Year = Year, Month = 11 }, office)).Status);
        await page.FillAsync($"#reason-{Unit}", reason);
        await november.Locator("button.return").ClickAsync();
        await Expect(page.Locator(".notice")).ToHaveTextAsync($"Đã trả lại báo cáo của {UnitName}.");
        await Expect(november.Locator(".report-status")).ToHaveTextAsync("Bị trả lại");
        await KeepScreenshotAsync(page, "offices-approvals");

        var reporter = await SignedInAsync(Unit, null, $"/bao-cao?nam={Year}&thang=11");
        await Expect(reporter.Locator(".report-status")).ToHaveTextAsync("Bị trả lại");
        await Expect(reporter.Locator(".returned")).ToContainTextAsync(reason);
    }

    [Fact]
    public async Task PlanningOffice_OpensTheQuarterlyReport_EveryDistrictFigureByBlockAndTheExcelLink()
    {
        await Suite.DemoLoadedAsync();
        var office = await Suite.CallAsAsync(Roles.PlanningOffice);
        var report = await new Eval.Evaluation.EvaluationClient(Suite.Gateway).GetQuarterReportAsync(new Eval.GetQuarterReportRequest { Year = Year, Quarter = 2 }, office);

        var page = await SignedInAsAsync(Roles.PlanningOffice, $"/bao-cao-quy?nam={Year}&quy=2");

        await Expect(page.Locator("h1")).ToHaveTextAsync($"Báo cáo kết quả thực hiện chỉ tiêu quý 2/{Year}");
        await Expect(page.Locator("table.quarter-report tbody tr[data-indicator]")).ToHaveCountAsync(report.DistrictFigures.Count);
        await Expect(page.Locator("table.quarter-report .block-row").First).ToHaveTextAsync("I. Khối Kinh tế");
        await Expect(page.Locator("a.xlsx")).ToHaveAttributeAsync("href", $"/bieu-mau/bao-cao-quy?year={Year}&quarter=2");
        await Expect(page.Locator("a.xlsx")).ToHaveTextAsync("Tải Excel");
        await Expect(page.Locator(".preliminary")).ToHaveCountAsync(report.Preliminary ? 1 : 0);
        await KeepScreenshotAsync(page, "offices-quarter-report", fullPage: false);
        // Wide tables scroll in their own box: the page itself does not scroll sideways at phone width.
        await page.SetViewportSizeAsync(390, 844);
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"));
    }

    [Fact]
    public async Task BlockLeader_OpensTheBlocksQuarter_CountsPerStatusAreGetBlockSummarys()
    {
        const string block = "economy";
        const int quarter = 2;
        await Suite.DemoLoadedAsync();
        var evaluation = new Eval.Evaluation.EvaluationClient(Suite.Gateway);

        var page = await SignedInAsAsync(Roles.BlockLeader, "/", block: block);
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/khoi"));

        // Other tests may still move the quarter's figures: the page and the service are compared at the same moment.
        Dictionary<string, int> expected = [], shown = [];
        for (var attempt = 0; attempt < 5; attempt++)
        {
            var summary = await evaluation.GetBlockSummaryAsync(new Eval.GetBlockSummaryRequest { Block = block, Year = Year, Quarter = quarter },
                await Suite.CallAsAsync(Roles.BlockLeader, block: block));
            expected = summary.Counts.ToDictionary(c => c.Status.ToString(), c => c.Count);
            await OpenAsync(page, $"/khoi?nam={Year}&quy={quarter}");
            await Expect(page.Locator(".block-counts li").First).ToBeVisibleAsync();
            shown = [];
            foreach (var item in await page.Locator(".block-counts li").AllAsync())
            {
                shown[(await item.GetAttributeAsync("data-status"))!] = int.Parse(await item.Locator(".count").InnerTextAsync(), System.Globalization.CultureInfo.InvariantCulture);
            }
            if (shown.OrderBy(s => s.Key).SequenceEqual(expected.OrderBy(e => e.Key))) break;
        }

        Assert.Equal(expected.OrderBy(e => e.Key), shown.OrderBy(s => s.Key));
        Assert.True(expected.Values.Sum() > 0);
        await Expect(page.Locator("h1")).ToHaveTextAsync($"Khối Kinh tế: tổng hợp quý {quarter}/{Year}");
        await Expect(page.Locator(".block-chart svg").First).ToBeVisibleAsync();
        // The leader reads the communes' causes and solutions of the block's indicators: none is left unread ("—").
        Assert.True(await page.Locator("table.laggards tr[data-unit]").CountAsync() > 0);
        await Expect(page.Locator("table.laggards td.causes:text-is('—'), table.laggards td.solutions:text-is('—')")).ToHaveCountAsync(0);
        await Expect(page.Locator("table.block-figures td.remarks span:text-is('—')")).ToHaveCountAsync(0);
        await KeepScreenshotAsync(page, "offices-block");
    }

    [Fact]
    public async Task PlanningOffice_OpensTheTimelinessGrid_EachMonthOfAUnitAsListTimelinessSays()
    {
        const string unit = "PHUOC_SON";
        await Suite.DemoLoadedAsync();
        var submissions = new Subs.Submissions.SubmissionsClient(Suite.Gateway);
        var page = await SignedInAsAsync(Roles.PlanningOffice, $"/dung-han?nam={Year}");
        var row = page.Locator($"table.timeliness-grid tr[data-unit={unit}]");
        await Expect(row.Locator("th")).ToHaveTextAsync("Xã Phước Sơn");

        // The demo's Phước Sơn sent February 4 days after the deadline; every month reads as the service lists it.
        await Expect(row.Locator("td[data-month='2']")).ToHaveTextAsync("Trễ 4 ngày");
        var listed = (await submissions.ListTimelinessAsync(new Subs.ListTimelinessRequest { Year = Year, UnitCode = unit, PageSize = 100 },
            await Suite.CallAsAsync(Roles.PlanningOffice))).Entries.ToDictionary(e => e.Month);
        for (var month = 1; month <= 12; month++)
        {
            var expected = listed.TryGetValue(month, out var e) ? e.Timeliness switch
            {
                Subs.Timeliness.OnTime => "Đúng hạn",
                Subs.Timeliness.Late => $"Trễ {e.DaysLate} ngày",
                Subs.Timeliness.Missing => "Chưa nộp",
                Subs.Timeliness.NotDue => "Chưa đến hạn",
                _ => "—",
            } : "—";
            await Expect(row.Locator($"td[data-month='{month}']")).ToHaveTextAsync(expected);
        }
    }

    /// <summary>Sends the unit's month as its reporter through the API: every indicator it reports at its phased target.</summary>
    private async Task SendReportAsync(int month)
    {
        var reporter = await Suite.CallAsAsync(Roles.UnitReporter, unit: Unit);
        var submissions = new Subs.Submissions.SubmissionsClient(Suite.Gateway);
        var assigned = await new Plans.IndicatorPlans.IndicatorPlansClient(Suite.Gateway).GetUnitAssignmentsAsync(
            new Plans.GetUnitAssignmentsRequest { UnitCode = Unit, Year = Year, PageSize = 1000 }, reporter);
        foreach (var a in assigned.Assignments.Where(a => !a.DistrictFigure))
        {
            await submissions.SubmitActualAsync(new Subs.SubmitActualRequest
            {
                UnitCode = Unit, IndicatorCode = a.Indicator.Code, Year = Year, Month = month, Value = a.Months.Count == 12 ? a.Months[month - 1] : a.YearTarget,
                IdempotencyKey = Guid.NewGuid().ToString(),
            }, reporter);
        }
        var sent = await submissions.SubmitReportAsync(new Subs.SubmitReportRequest { UnitCode = Unit, Year = Year, Month = month, IdempotencyKey = Guid.NewGuid().ToString() }, reporter);
        Assert.Equal(Subs.ReportStatus.Submitted, sent.Status);
    }
}

/// <summary>
/// Finalising the year freezes every score of 2024, which other tests read and finalise themselves: this runs in a
/// collection of its own, after the parallel ones, and leaves the year open again.
/// </summary>
[Collection(PortalYearCloseCollection.Name)]
public sealed class PortalYearCloseTests(SuiteFixture suite) : PortalBrowser(suite)
{
    private const int Year = 2024;

    [Fact]
    public async Task HomeAffairs_SeesTheRanking_FinalisesTheYearThenReopensItWithAReason()
    {
        const string finalising = "Xét thi đua, khen thưởng năm 2024", reopening = "Bổ sung số liệu tháng 12 của các xã";
        await Suite.DemoLoadedAsync();
        var scoring = new Scoring.EmulationScoring.EmulationScoringClient(Suite.Gateway);
        var home = await Suite.CallAsAsync(Roles.HomeAffairs);

        var page = await SignedInAsAsync(Roles.HomeAffairs, "/");
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/xep-hang"));
        await Expect(page.Locator("h1")).ToHaveTextAsync($"Xếp hạng thi đua năm {Year}");
        await Expect(page.Locator("a.xlsx")).ToHaveAttributeAsync("href", $"/bieu-mau/xep-loai?year={Year}");
        // The scores may still settle after the demo: the first rows are the service's ranking of the same moment.
        Scoring.Ranking ranking;
        var attempt = 0;
        do
        {
            ranking = await scoring.ListRankingAsync(new Scoring.ListRankingRequest { Year = Year, PageSize = 1000 }, await Suite.CallAsAsync(Roles.HomeAffairs));
            await OpenAsync(page, $"/xep-hang?nam={Year}");
        }
        while (await page.Locator("table.ranking tbody tr").First.GetAttributeAsync("data-unit") != ranking.Entries[0].UnitCode && ++attempt < 5);
        var first = page.Locator("table.ranking tbody tr").First;
        await Expect(first).ToHaveAttributeAsync("data-unit", ranking.Entries[0].UnitCode);
        await Expect(first.Locator(".classification")).ToContainTextAsync(ranking.Entries[0].ClassificationName);
        await Expect(page.Locator("table.ranking tbody tr")).ToHaveCountAsync(Math.Min(ranking.Entries.Count, 50));
        await KeepScreenshotAsync(page, "offices-ranking");

        // A unit's breakdown: the same total, and every line the service gives, deductions with their causes.
        var score = await scoring.GetScoreAsync(new Scoring.GetScoreRequest { UnitCode = ranking.Entries[0].UnitCode, Year = Year }, await Suite.CallAsAsync(Roles.HomeAffairs));
        await first.Locator("a").ClickAsync();
        await Expect(page.Locator(".score-total strong")).ToHaveTextAsync(score.Total.ToString("#,##0.###", System.Globalization.CultureInfo.GetCultureInfo("vi-VN")));
        await Expect(page.Locator("table.points tbody tr")).ToHaveCountAsync(score.Indicators.Count);
        await Expect(page.Locator("ul.deductions li")).ToHaveCountAsync(score.Deductions.Count);
        await OpenAsync(page, $"/xep-hang?nam={Year}");

        try
        {
            // Finalising without a reason: said beside the field, and the year stays open.
            await page.ClickAsync("button.finalize-year");
            await Expect(page.Locator("#year-reason-error")).ToHaveTextAsync("Vui lòng nhập lý do.");
            Assert.False((await scoring.GetYearStateAsync(new Scoring.GetYearStateRequest { Year = Year }, home)).Final);

            await page.FillAsync("#year-reason", finalising);
            await page.ClickAsync("button.finalize-year");
            await Expect(page.Locator(".notice")).ToHaveTextAsync($"Đã chốt kết quả năm {Year}.");
            await Expect(page.Locator(".year-close .state")).ToHaveAttributeAsync("data-final", "yes");
            await Expect(page.Locator(".year-close .state")).ToContainTextAsync(finalising);
            var final = await scoring.GetYearStateAsync(new Scoring.GetYearStateRequest { Year = Year }, home);
            Assert.True(final.Final);
            Assert.Equal(finalising, final.Reason);

            await page.FillAsync("#year-reason", reopening);
            await page.ClickAsync("button.reopen-year");
            await Expect(page.Locator(".notice")).ToHaveTextAsync($"Đã mở lại năm {Year}.");
            await Expect(page.Locator(".year-close .state")).ToHaveAttributeAsync("data-final", "no");
            var reopened = await scoring.GetYearStateAsync(new Scoring.GetYearStateRequest { Year = Year }, home);
            Assert.False(reopened.Final);
            Assert.Equal(reopening, reopened.Reason);
        }
        finally
        {
            if ((await scoring.GetYearStateAsync(new Scoring.GetYearStateRequest { Year = Year }, await Suite.CallAsAsync(Roles.HomeAffairs))).Final)
                await scoring.ReopenYearAsync(new Scoring.ReopenYearRequest { Year = Year, Reason = "test clean-up", IdempotencyKey = Guid.NewGuid().ToString() },
                    await Suite.CallAsAsync(Roles.HomeAffairs));
        }
    }
}

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class PortalYearCloseCollection
{
    public const string Name = "portal year close";
}
