using Microsoft.Playwright;
using TuyPhuoc.Contracts.Tasks.V1;
using TuyPhuoc.Harness;
using TuyPhuoc.ServiceDefaults;

namespace TuyPhuoc.EndToEnd.Tests;

/// <summary>
/// The planning office sets up a list of key tasks in the browser from its annex workbook: the wrong cells named,
/// nothing stored, then the corrected annex stored. Its one task is a regular one ("Thường xuyên") of an office that
/// KeyTasksTests already gives tasks, so it falls overdue for nobody.
/// </summary>
public sealed class PortalDecisionImportTests(SuiteFixture suite) : PortalBrowser(suite)
{
    [Fact]
    public async Task PlanningOffice_ImportsAnAnnex_WrongCellsNamedNothingStored_ThenStored()
    {
        await Suite.DemoLoadedAsync();
        var number = $"{Random.Shared.Next(1000, 9999)}/QĐ-E2E";
        var tasks = new KeyTasks.KeyTasksClient(Suite.Gateway);
        var office = await Suite.CallAsAsync(Roles.PlanningOffice);
        async Task<Decision?> StoredAsync() =>
            (await tasks.ListDecisionsAsync(new ListDecisionsRequest { Year = 2024, PageSize = 1000 }, office)).Decisions.SingleOrDefault(d => d.Number == number);
        object?[] task = ["1", "Rà soát quỹ đất đấu giá", "Phòng Đất đai", "", "Thường xuyên", "Báo cáo", ""];
        FilePayload Annex(object?[] row) => new() { Name = "phu-luc.xlsx", MimeType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", Buffer = AnnexWorkbookWriter.Annex("PL01", [row]) };

        var page = await SignedInAsAsync(Roles.PlanningOffice, "/nhiem-vu?nam=2024", name: "Kiểm tra nhiệm vụ");
        var form = page.Locator(".decision-import form");
        await page.FillAsync("#dec-number", number);
        await page.FillAsync("#dec-date", "31/02/2024");
        await page.FillAsync("#dec-title", "Nhiệm vụ trọng tâm bổ sung");
        await page.SelectOptionAsync("#dec-block", "economy");
        await page.SetInputFilesAsync("#dec-file", Annex(task));
        await Expect(form.Locator("button[type=submit]")).ToBeEnabledAsync();
        await form.Locator("button[type=submit]").ClickAsync();
        await Expect(form.Locator(".field-error")).ToHaveTextAsync(["Ghi ngày theo dạng dd/mm/yyyy, ví dụ 15/08/2024."]);

        await page.FillAsync("#dec-date", "14/03/2024");
        await form.Locator("button[type=submit]").ClickAsync();
        await Expect(form.Locator(".cell-errors li")).ToHaveTextAsync(["PL01!C4 Không có đơn vị nào như vậy trong kế hoạch: \"phòng đất đai\""]);
        await KeepScreenshotAsync(page, "decision-import-refused", fullPage: false);
        Assert.Null(await StoredAsync());

        task[2] = "Phòng Tài nguyên và Môi trường";
        await page.SetInputFilesAsync("#dec-file", Annex(task));
        await form.Locator("button[type=submit]").ClickAsync();
        await Expect(page.Locator(".decision-import .notice")).ToHaveTextAsync($"Đã nhập Quyết định số {number} với 1 nhiệm vụ.");
        await Expect(page.Locator(".decisions li").Filter(new() { HasText = number })).ToContainTextAsync("ngày 14/03/2024: Nhiệm vụ trọng tâm bổ sung (1 nhiệm vụ)");
        var stored = (await StoredAsync())!;
        var listed = await tasks.ListTasksAsync(new ListTasksRequest { Year = 2024, DecisionId = stored.Id }, office);
        Assert.Equal(["TN_MT"], listed.Tasks.Select(t => t.LeadUnitCode));
    }
}
