using Microsoft.Playwright;
using TuyPhuoc.Workbooks;
using TuyPhuoc.ServiceDefaults;
using Eval = TuyPhuoc.Contracts.Evaluation.V1;
using Subs = TuyPhuoc.Contracts.Submissions.V1;

namespace TuyPhuoc.EndToEnd.Tests;

/// <summary>
/// The same period last year (cùng kỳ): 2023 has no plan, so its figures are entered as history through the gateway,
/// and Biểu số 01 of Q2 2024 shows them beside 2024's, on a desktop and on a phone. The figure used is one an office
/// reports alone, whose 2023 value no other test enters.
/// </summary>
public sealed class PortalSamePeriodTests(SuiteFixture suite) : PortalBrowser(suite)
{
    private const int Year = 2024, Quarter = 2;

    [Fact]
    public async Task LastYearEnteredAsHistory_TheQuarterReportShowsItAndTheShare_AUnitNotOfThatYearRefused()
    {
        var evaluation = new Eval.Evaluation.EvaluationClient(Suite.Gateway);
        var submissions = new Subs.Submissions.SubmissionsClient(Suite.Gateway);
        var office = await Suite.CallAsAsync(Roles.PlanningOffice);
        await Suite.DemoLoadedAsync();
        Eval.IndicatorStatus? figure = null;
        await Eventually.TrueAsync(async () => (figure = (await ReportAsync()).Where(f => !f.RolledUp && f.ReportingUnitCode != f.UnitCode && f.Quarters[Quarter - 1].YearToDate > 0)
            .OrderBy(f => f.IndicatorCode, StringComparer.Ordinal).LastOrDefault()) is not null, TimeSpan.FromSeconds(60), "the demo's figures were not evaluated");
        var now = figure!.Quarters[Quarter - 1].YearToDate;
        var lastYear = now / 2; // June 2023 alone: the same period, whether the figure sums its months or takes the latest

        var refused = await submissions.ImportActualsBatchAsync(new Subs.ImportActualsBatchRequest
        {
            BatchIdempotencyKey = $"history-refused-{Guid.NewGuid():N}",
            Rows =
            {
                new Subs.ImportRow { UnitCode = figure.ReportingUnitCode, IndicatorCode = figure.IndicatorCode, Year = Year - 1, Month = 6, Value = lastYear },
                new Subs.ImportRow { UnitCode = "XA_CHUA_CO", IndicatorCode = figure.IndicatorCode, Year = Year - 1, Month = 6, Value = lastYear },
            },
        }, office);
        Assert.Equal((0, 2, "unit_code"), (refused.RowsStored, Assert.Single(refused.Errors).Row, refused.Errors[0].Field));

        var stored = await submissions.ImportActualsBatchAsync(new Subs.ImportActualsBatchRequest
        {
            BatchIdempotencyKey = $"history-{Guid.NewGuid():N}",
            Rows = { new Subs.ImportRow { UnitCode = figure.ReportingUnitCode, IndicatorCode = figure.IndicatorCode, Year = Year - 1, Month = 6, Value = lastYear } },
        }, office);
        Assert.Equal((1, 0), (stored.RowsStored, stored.Errors.Count));
        Eval.QuarterExplanation? shown = null;
        await Eventually.TrueAsync(async () => (shown = (await ReportAsync()).Single(f => f.IndicatorCode == figure.IndicatorCode).Quarters[Quarter - 1]).SamePeriodLastYear == lastYear,
            TimeSpan.FromSeconds(60), "last year's figure did not reach the quarterly report");
        Assert.Equal(shown!.YearToDate / lastYear, shown.VersusLastYear, 9);

        foreach (var (viewport, name) in new[] { (new ViewportSize { Width = 1280, Height = 900 }, "same-period-quarter-report"), (new ViewportSize { Width = 390, Height = 844 }, "same-period-quarter-report-phone") })
        {
            var page = await SignedInAsAsync(Roles.PlanningOffice, $"/bao-cao-quy?nam={Year}&quy={Quarter}", name: "Kiểm tra cùng kỳ", viewport: viewport);
            var row = page.Locator($"table.quarter-report tr[data-indicator='{figure.IndicatorCode}']");
            await Expect(page.Locator("table.quarter-report thead")).ToContainTextAsync("Thực hiện cùng kỳ");
            await Expect(page.Locator("table.quarter-report thead")).ToContainTextAsync("% so cùng kỳ");
            await Expect(row.Locator(".same-period")).ToHaveTextAsync(VietNumber.Format(lastYear));
            await Expect(row.Locator(".versus-last-year")).ToHaveTextAsync(VietNumber.Percent(shown.VersusLastYear));
            await row.ScrollIntoViewIfNeededAsync();
            await KeepScreenshotAsync(page, name, fullPage: false);
        }

        // The indicator's own page says it too, beside the quarter's numbers.
        var indicatorPage = await SignedInAsAsync(Roles.PlanningOffice, $"/chi-tieu/{figure.IndicatorCode}?nam={Year}", name: "Kiểm tra cùng kỳ");
        var second = indicatorPage.Locator($"article.quarter[data-quarter='{Quarter}'] .same-period dd");
        await Expect(second).ToContainTextAsync(VietNumber.Format(lastYear));
        await Expect(second).ToContainTextAsync($"{VietNumber.Percent(shown.VersusLastYear)} so cùng kỳ");
        await second.ScrollIntoViewIfNeededAsync();
        await KeepScreenshotAsync(indicatorPage, "same-period-indicator", fullPage: false);

        async Task<IReadOnlyList<Eval.IndicatorStatus>> ReportAsync() =>
            (await evaluation.GetQuarterReportAsync(new Eval.GetQuarterReportRequest { Year = Year, Quarter = Quarter }, office)).DistrictFigures;
    }
}
