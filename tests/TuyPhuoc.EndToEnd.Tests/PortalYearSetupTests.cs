using TuyPhuoc.Contracts.Evaluation.V1;
using TuyPhuoc.Contracts.Submissions.V1;
using TuyPhuoc.ServiceDefaults;

namespace TuyPhuoc.EndToEnd.Tests;

/// <summary>
/// The planning office sets up next year in the browser: the reports' deadline and a version of the evaluation policy.
/// Written here and by no other test: the deadline and the policy of next year.
/// </summary>
public sealed class PortalYearSetupTests(SuiteFixture suite) : PortalBrowser(suite)
{
    private static readonly int Year = DateTime.UtcNow.AddHours(7).Year + 1;

    [Fact]
    public async Task PlanningOffice_SetsTheDeadlineAndAPolicyVersion_RefusalsBesideTheirFields()
    {
        // Years ahead cannot be set up yet: said beside the year.
        var page = await SignedInAsAsync(Roles.PlanningOffice, $"/thiet-lap-nam?nam={Year + 8}", name: "Kiểm tra thiết lập");
        await page.ClickAsync(".setup-deadline button");
        await Expect(page.Locator(".period .field-error")).ToHaveTextAsync($"Phải nằm trong khoảng từ 2000 đến {Year}.");

        await OpenAsync(page, $"/thiet-lap-nam?nam={Year}");
        await Expect(page.Locator("h1")).ToHaveTextAsync($"Thiết lập năm {Year}");

        await page.FillAsync("#deadline-day", "30");
        await page.ClickAsync(".setup-deadline button");
        await Expect(page.Locator(".setup-deadline .field-error")).ToHaveTextAsync("Phải nằm trong khoảng từ 1 đến 28.");
        await page.FillAsync("#deadline-day", "10");
        await page.ClickAsync(".setup-deadline button");
        await Expect(page.Locator(".notice")).ToHaveTextAsync("Đã lưu: báo cáo tháng nộp chậm nhất ngày 10 tháng sau.");

        await page.FillAsync("#at-risk", "85");
        await page.FillAsync("#checkpoint-2", "sáu mươi");
        await page.ClickAsync(".setup-policy button[type=submit]");
        await Expect(page.Locator(".checkpoints .field-error")).ToHaveTextAsync("Nhập một tỷ lệ phần trăm, ví dụ 90 hoặc 92,5.");
        await page.FillAsync("#checkpoint-2", "60");
        await page.FillAsync("#policy-reason", "");
        await page.ClickAsync(".setup-policy button[type=submit]");
        await Expect(page.Locator(".setup-policy .field-error")).ToHaveTextAsync("Bắt buộc nhập.");
        await page.FillAsync("#policy-reason", "Theo kết luận của UBND huyện");
        await page.ClickAsync(".setup-policy button[type=submit]");
        await Expect(page.Locator(".notice")).ToContainTextAsync("Đã lưu phiên bản mới của chính sách đánh giá");
        var newest = page.Locator("table.policy-versions tbody tr").First;
        await Expect(newest.Locator("td").Nth(1)).ToHaveTextAsync("Ngưỡng nguy cơ 85%; mốc II: 60%; phần vượt không được trừ");
        await KeepScreenshotAsync(page, "year-setup");

        var office = await Suite.CallAsAsync(Roles.PlanningOffice);
        var deadline = await new Submissions.SubmissionsClient(Suite.Gateway).GetDeadlinesAsync(new GetDeadlinesRequest { Year = Year }, office);
        var policy = await new Evaluation.EvaluationClient(Suite.Gateway).GetPolicyAsync(new GetPolicyRequest { Year = Year }, office);
        Assert.Equal(10, deadline.DayOfFollowingMonth);
        Assert.Equal((0.85, "Theo kết luận của UBND huyện"), (Math.Round(policy.AtRiskBand, 6), policy.Reason));
        Assert.Equal((2, 0.6), (Assert.Single(policy.Checkpoints).Quarter, Math.Round(policy.Checkpoints[0].MinimumProgress, 6)));
    }
}
