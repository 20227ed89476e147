using Microsoft.Playwright;
using TuyPhuoc.Contracts.Evaluation.V1;
using TuyPhuoc.Harness;
using TuyPhuoc.ServiceDefaults;

namespace TuyPhuoc.EndToEnd.Tests;

/// <summary>
/// The planning office announces a quarter's results in the browser and every unit reads them as issued.
/// Issued here and by no other test: the announcements of Q1 2024.
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
    }
}
