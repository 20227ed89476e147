using Microsoft.Playwright;
using TuyPhuoc.Contracts.Evaluation.V1;
using TuyPhuoc.Contracts.Notifications.V1;
using TuyPhuoc.Harness;
using TuyPhuoc.ServiceDefaults;
using Subs = TuyPhuoc.Contracts.Submissions.V1;

namespace TuyPhuoc.EndToEnd.Tests;

/// <summary>
/// The planning office announces a quarter's results in the browser, every unit is told and reads them as issued, and a
/// figure corrected afterwards changes the live report but not the announcement. Issued here and by no other test: the
/// announcements of Q1 2024; corrected here and asserted on by no other test: February 2024 of the police's CT33
/// (traffic accidents, reported by CONG_AN alone).
/// </summary>
public sealed class PortalAnnouncementsTests(SuiteFixture suite) : PortalBrowser(suite)
{
    private const int Year = 2024, Quarter = 1;

    [Fact]
    public async Task PlanningOffice_IssuesTheQuarter_RefusalsBesideTheFields_ACommuneReadsItAndItsWorkbook_IssuedAgainTheFirstIsSuperseded()
    {
        await Suite.DemoLoadedAsync();
        var evaluation = new Evaluation.EvaluationClient(Suite.Gateway);
        var office = await Suite.CallAsAsync(Roles.PlanningOffice);
        async Task<IReadOnlyList<Announcement>> IssuedAsync() =>
            [.. (await evaluation.ListAnnouncementsAsync(new ListAnnouncementsRequest { Year = Year }, office)).Announcements.Where(a => a.Quarter == Quarter)];

        var page = await SignedInAsAsync(Roles.PlanningOffice, $"/bao-cao-quy?nam={Year}&quy={Quarter}", name: "Trần Văn Bình");
        var errors = page.Locator(".issue-announcement .field-error");
        await page.FillAsync("#ann-date", "31/02/2024");
        await page.ClickAsync(".issue-announcement button");
        await Expect(errors).ToHaveTextAsync(["Ngày viết như 05/07/2024."]);
        await page.FillAsync("#ann-date", "30/03/2024");
        await page.ClickAsync(".issue-announcement button");
        await Expect(errors).ToHaveTextAsync(["Bắt buộc nhập.", "Không được trước ngày cuối quý (31/03/2024)."]);
        Assert.Empty(await IssuedAsync());

        await page.FillAsync("#ann-number", "130/TB-UBND");
        await page.FillAsync("#ann-date", "02/04/2024");
        await page.ClickAsync(".issue-announcement button");
        await Expect(page.Locator(".notice")).ToHaveTextAsync("Đã ban hành thông báo số 130/TB-UBND ngày 02/04/2024 (lần 1).");
        await Expect(page.Locator(".issued-before a")).ToHaveTextAsync("130/TB-UBND");
        await KeepScreenshotAsync(page, "announcement-issued");
        var first = Assert.Single(await IssuedAsync());
        var frozen = await evaluation.GetAnnouncementAsync(new GetAnnouncementRequest { Year = Year, Quarter = Quarter, Version = 1 }, office);
        // Every unit, block leader and home affairs is told, with the link of the version issued.
        foreach (var (role, unit, block) in new (string, string?, string?)[] { (Roles.UnitReporter, "PHUOC_SON", null), (Roles.BlockLeader, null, "economy"), (Roles.HomeAffairs, null, null) })
        {
            var told = await TellingAsync(role, unit, block, $"/thong-bao/{Year}/{Quarter}/1");
            Assert.Equal(("Thông báo kết quả thực hiện chỉ tiêu quý I/2024", NotificationKind.AnnouncementIssued), (told.Title, told.Kind));
            Assert.Contains("Thông báo số 130/TB-UBND ngày 02/04/2024", told.Body);
        }

        // A commune reads it from the year's list, with the figures as frozen, and takes its workbook.
        var commune = await SignedInAsync("PHUOC_SON", "Lê Thị Hoa", $"/thong-bao?nam={Year}");
        var row = commune.Locator($"table.announcements tr[data-quarter='{Quarter}'][data-version='1']");
        await Expect(row).ToContainTextAsync("130/TB-UBND");
        await Expect(row).ToContainTextAsync("02/04/2024");
        await Expect(row.Locator(".state")).ToHaveTextAsync("Đang có hiệu lực");
        await row.Locator("a").ClickAsync();
        await Expect(commune.Locator("h1")).ToHaveTextAsync($"Thông báo số 130/TB-UBND ngày 02/04/2024: kết quả thực hiện chỉ tiêu quý {Quarter} năm {Year}");
        await Expect(commune.Locator("table.quarter-report tr[data-indicator]")).ToHaveCountAsync(frozen.Report.DistrictFigures.Count);
        await KeepScreenshotAsync(commune, "announcement-read");
        var download = await commune.RunAndWaitForDownloadAsync(() => commune.ClickAsync("a.xlsx"));
        Assert.Equal($"Bieu-so-01-Q{Quarter}-{Year}-thong-bao-lan-1.xlsx", download.SuggestedFilename);
        var sheet = new Opened(await File.ReadAllBytesAsync(await download.PathAsync(), TestContext.Current.CancellationToken), "Bieu01");
        Assert.Contains("(Kèm theo Thông báo số 130/TB-UBND ngày 02/04/2024 của UBND huyện Tuy Phước)", sheet.Column("A"));

        // Issued again: the second supersedes the first, and both stay readable.
        var second = await evaluation.IssueAnnouncementAsync(new IssueAnnouncementRequest
        {
            Year = Year, Quarter = Quarter, Number = "135/TB-UBND", Date = new Google.Type.Date { Year = 2024, Month = 4, Day = 5 }, IdempotencyKey = Guid.NewGuid().ToString(),
        }, office);
        Assert.Equal((2, "135/TB-UBND"), (second.Version, second.Number));
        var superseded = await evaluation.GetAnnouncementAsync(new GetAnnouncementRequest { Year = Year, Quarter = Quarter, Version = 1 }, office);
        Assert.Equal(2, superseded.SupersededBy);
        superseded.SupersededBy = 0;
        Assert.Equal(frozen, superseded);
        await OpenAsync(commune, $"/thong-bao/{Year}/{Quarter}/1");
        await Expect(commune.Locator(".state")).ToContainTextAsync("đã được thay thế bởi lần ban hành thứ 2");
        await commune.ClickAsync(".state a");
        await Expect(commune.Locator("h1")).ToContainTextAsync("135/TB-UBND");
        await Expect(commune.Locator(".changes h2")).ToHaveTextAsync("Khác với lần 1");
        Assert.Equal(first.Number, (await IssuedAsync()).Single(a => a.Version == 1).Number);

        // A figure of the quarter corrected after the issue: the police's February accidents, reopened and sent again.
        const string police = "CONG_AN", indicator = "CT33";
        office = await Suite.CallAsAsync(Roles.PlanningOffice);
        var issued = (await evaluation.GetAnnouncementAsync(new GetAnnouncementRequest { Year = Year, Quarter = Quarter, Version = 2 }, office))
            .Report.DistrictFigures.Single(f => f.IndicatorCode == indicator).QuarterOf();
        var february = (await evaluation.GetIndicatorStatusAsync(new GetIndicatorStatusRequest { UnitCode = police, IndicatorCode = indicator, Year = Year, Quarter = Quarter }, office))
            .MonthlyActuals[1].Value;
        var corrected = issued + 3;
        await CorrectAsync(police, indicator, 2, february + 3, office);
        await Eventually.TrueAsync(async () => (await evaluation.GetQuarterReportAsync(new GetQuarterReportRequest { Year = Year, Quarter = Quarter }, await Suite.CallAsAsync(Roles.PlanningOffice)))
            .DistrictFigures.Single(f => f.IndicatorCode == indicator).QuarterOf() == corrected, TimeSpan.FromSeconds(60), "the correction did not reach the quarterly report");

        await OpenAsync(page, $"/bao-cao-quy?nam={Year}&quy={Quarter}");
        await Expect(page.Locator($"table.quarter-report tr[data-indicator='{indicator}'] > :nth-child(7)")).ToHaveTextAsync($"{corrected:0}");
        await OpenAsync(commune, $"/thong-bao/{Year}/{Quarter}/2");
        await Expect(commune.Locator($"table.quarter-report tr[data-indicator='{indicator}'] > :nth-child(7)")).ToHaveTextAsync($"{issued:0}");
        await KeepScreenshotAsync(commune, "announcement-unchanged-after-correction");
        var unchanged = await evaluation.GetAnnouncementAsync(new GetAnnouncementRequest { Year = Year, Quarter = Quarter, Version = 2 }, await Suite.CallAsAsync(Roles.PlanningOffice));
        Assert.Equal(issued, unchanged.Report.DistrictFigures.Single(f => f.IndicatorCode == indicator).QuarterOf());
    }

    /// <summary>The planning office reopens the unit's approved month, the unit sends the corrected value and the month again, and the office approves it.</summary>
    private async Task CorrectAsync(string unit, string indicator, int month, double value, Grpc.Core.CallOptions office)
    {
        var submissions = new Subs.Submissions.SubmissionsClient(Suite.Gateway);
        var reporter = await Suite.CallAsAsync(Roles.UnitReporter, unit);
        await submissions.ReopenReportAsync(new Subs.ReopenReportRequest
        {
            UnitCode = unit, Year = Year, Month = month, Reason = "Công an huyện điều chỉnh số vụ tai nạn giao thông tháng 2 sau khi đối chiếu", IdempotencyKey = Guid.NewGuid().ToString(),
        }, office);
        await submissions.SubmitActualAsync(new Subs.SubmitActualRequest
        {
            UnitCode = unit, IndicatorCode = indicator, Year = Year, Month = month, Value = value, Note = "Bổ sung 3 vụ sau đối chiếu", IdempotencyKey = Guid.NewGuid().ToString(),
        }, reporter);
        await submissions.SubmitReportAsync(new Subs.SubmitReportRequest { UnitCode = unit, Year = Year, Month = month, IdempotencyKey = Guid.NewGuid().ToString() }, reporter);
        await submissions.ApproveReportAsync(new Subs.ApproveReportRequest { UnitCode = unit, Year = Year, Month = month, IdempotencyKey = Guid.NewGuid().ToString() }, office);
    }

    /// <summary>The reader's notification linking to the page, once Notifications has taken the announcement in.</summary>
    private async Task<Notification> TellingAsync(string role, string? unit, string? block, string link)
    {
        var notes = new Notifications.NotificationsClient(Suite.Gateway);
        Notification? found = null;
        await Eventually.TrueAsync(async () =>
        {
            found = (await notes.ListNotificationsAsync(new ListNotificationsRequest { PageSize = 100 }, await Suite.CallAsAsync(role, unit, block)))
                .Notifications.FirstOrDefault(n => n.Link == link);
            return found is not null;
        }, TimeSpan.FromSeconds(60), $"no notification links to {link}");
        return found!;
    }
}

internal static class QuarterFigures
{
    /// <summary>The figure's actual of the quarter asked for (the quarterly report's "quarter" column).</summary>
    public static double QuarterOf(this IndicatorStatus figure) => figure.Quarters.Single(q => q.Quarter == figure.Quarter).Actual;
}
