using System.Text.RegularExpressions;
using TuyPhuoc.Contracts.Tasks.V1;
using TuyPhuoc.ServiceDefaults;
using Date = Google.Type.Date;

namespace TuyPhuoc.EndToEnd.Tests;

/// <summary>
/// A key task's page in the browser, each role its part: a coordinating commune comments, the lead office asks for a
/// later deadline, the planning office grants it. The task is this test's own (a decision made through the API), due
/// after 2024, so no score and no other test sees it.
/// </summary>
public sealed class PortalKeyTaskTests(SuiteFixture suite) : PortalBrowser(suite)
{
    [Fact]
    public async Task KeyTask_CommentedByACoordinatorExtendedAtTheLeadsRequest_TheNewDeadlineInForce()
    {
        var tasks = new KeyTasks.KeyTasksClient(Suite.Gateway);
        var decision = await tasks.CreateDecisionAsync(new CreateDecisionRequest
        {
            Number = $"{Random.Shared.Next(2000, 99999)}/QĐ-UBND-portal", DecisionDate = new Date { Year = 2024, Month = 3, Day = 1 },
            Title = "Nhiệm vụ bổ sung (kiểm thử cổng thông tin)", Year = 2024, IdempotencyKey = Guid.NewGuid().ToString("N"),
            Tasks =
            {
                new TaskInput
                {
                    Number = "1", Content = "Lập quy hoạch chi tiết khu dân cư Phước An", LeadUnitCode = "KT_HT", CoordinatingUnitCodes = { "PHUOC_AN" },
                    Deadline = new Deadline { Kind = DeadlineKind.Date, DueDate = new Date { Year = 2025, Month = 6, Day = 30 } }, Product = "Quyết định", Block = "economy",
                },
            },
        }, await Suite.CallAsAsync(Roles.PlanningOffice));
        var task = (await tasks.ListTasksAsync(new ListTasksRequest { Year = 2024, DecisionId = decision.Id, PageSize = 10 }, await Suite.CallAsAsync(Roles.PlanningOffice))).Tasks.Single();
        var path = $"/nhiem-vu/{Uri.EscapeDataString(task.Id)}";

        var commune = await SignedInAsync("PHUOC_AN", "Lê Văn Bình", path);
        // Units by their names, as an annex writes them, and the block whose leader follows the task.
        await Expect(commune.Locator(".task-line .lead-unit")).ToHaveTextAsync("Phòng Kinh tế - Hạ tầng");
        await Expect(commune.Locator(".task-line")).ToContainTextAsync("Xã Phước An");
        await commune.FillAsync("#comment", "Xã đã bố trí mặt bằng hội trường để lấy ý kiến nhân dân");
        await commune.ClickAsync("form.comment-form button[type=submit]");
        await Expect(commune.Locator(".task-comments li")).ToContainTextAsync("Xã đã bố trí mặt bằng hội trường");

        var office = await SignedInAsync("KT_HT", "Phạm Minh Đức", path);
        // No reason: refused beside the field, nothing asked.
        await office.FillAsync("#due", "2025-09-30");
        await office.ClickAsync("form.extension-form button[type=submit]");
        await Expect(office.Locator("form.extension-form .field-error")).ToBeVisibleAsync();
        Assert.Empty((await tasks.GetTaskAsync(new GetTaskRequest { Id = task.Id }, await Suite.CallAsAsync(Roles.PlanningOffice))).Extensions);
        await office.FillAsync("#why", "Chờ ý kiến thẩm định của Sở Xây dựng");
        await office.ClickAsync("form.extension-form button[type=submit]");
        await Expect(office.Locator(".task-extensions li")).ToContainTextAsync("30/06/2025 đến 30/09/2025");
        await Expect(office.Locator(".task-extensions li")).ToContainTextAsync("chờ quyết định");

        var planning = await SignedInAsAsync(Roles.PlanningOffice, path, name: "Nguyễn Thu Hà");
        await planning.FillAsync(".decide-form input", "Đồng ý do phụ thuộc ý kiến thẩm định của Sở");
        await planning.ClickAsync(".decide-form button:has-text('Đồng ý gia hạn')");
        await Expect(planning.Locator(".task-extensions li")).ToContainTextAsync("đã đồng ý");
        await KeepScreenshotAsync(planning, "key-task-extended");

        var after = await tasks.GetTaskAsync(new GetTaskRequest { Id = task.Id }, await Suite.CallAsAsync(Roles.Partner));
        Assert.Equal((2025, 9, 30), (after.Deadline.DueDate.Year, after.Deadline.DueDate.Month, after.Deadline.DueDate.Day));
        Assert.Equal("PHUOC_AN", after.Comments.Single().UnitCode);
        Assert.Equal(ExtensionDecision.Granted, after.Extensions.Single().Decision);
        await Expect(planning.Locator(".task-line")).ToContainTextAsync("30/09/2025");
        await Expect(planning.Locator(".task-line")).ToContainTextAsync("Khối Kinh tế");
        Assert.Matches(new Regex("nhiem-vu/"), planning.Url);
    }

    [Fact]
    public async Task KeyTask_ReportedDoneAfterItsDeadline_ThePlanningOfficeConfirmsTheDay_DoneOnTime()
    {
        var tasks = new KeyTasks.KeyTasksClient(Suite.Gateway);
        var planningCall = await Suite.CallAsAsync(Roles.PlanningOffice);
        var decision = await tasks.CreateDecisionAsync(new CreateDecisionRequest
        {
            Number = $"{Random.Shared.Next(2000, 99999)}/QĐ-UBND-confirm", DecisionDate = new Date { Year = 2024, Month = 3, Day = 1 },
            Title = "Nhiệm vụ bổ sung (kiểm thử xác nhận)", Year = 2024, IdempotencyKey = Guid.NewGuid().ToString("N"),
            Tasks =
            {
                new TaskInput
                {
                    Number = "1", Content = "Nghiệm thu kênh mương nội đồng Phước Hòa", LeadUnitCode = "NONG_NGHIEP",
                    Deadline = new Deadline { Kind = DeadlineKind.Date, DueDate = new Date { Year = 2025, Month = 6, Day = 30 } }, Product = "Biên bản", Block = "economy",
                },
            },
        }, planningCall);
        var task = (await tasks.ListTasksAsync(new ListTasksRequest { Year = 2024, DecisionId = decision.Id, PageSize = 10 }, planningCall)).Tasks.Single();
        await tasks.ReportProgressAsync(new ReportProgressRequest
        {
            TaskId = task.Id, State = ProgressState.Done, WorkDone = "Đã nghiệm thu", ProductReference = "12/BB-NT", CompletedOn = new Date { Year = 2025, Month = 6, Day = 28 },
        }, await Suite.CallAsAsync(Roles.UnitReporter, unit: "NONG_NGHIEP"));
        var path = $"/nhiem-vu/{Uri.EscapeDataString(task.Id)}";

        var office = await SignedInAsync("NONG_NGHIEP", "Trần Văn Lâm", path);
        await Expect(office.Locator("#awaits-confirmation")).ToContainTextAsync("28/06/2025");
        await Expect(office.Locator("#confirm-completion")).ToHaveCountAsync(0);

        var planning = await SignedInAsAsync(Roles.PlanningOffice, path, name: "Nguyễn Thu Hà");
        await planning.ClickAsync("#confirm-completion");
        await Expect(planning.Locator("form.confirm-form .field-error")).ToBeVisibleAsync();
        Assert.True((await tasks.GetTaskAsync(new GetTaskRequest { Id = task.Id }, planningCall)).AwaitsConfirmation);
        await planning.FillAsync("#confirm-reason", "Biên bản nghiệm thu số 12/BB ngày 28/6/2025");
        await planning.ClickAsync("#confirm-completion");
        await Expect(planning.Locator(".task-history li")).ToContainTextAsync("Biên bản nghiệm thu số 12/BB");
        await Expect(planning.Locator("#awaits-confirmation")).ToHaveCountAsync(0);
        await KeepScreenshotAsync(planning, "key-task-confirmed");

        var after = await tasks.GetTaskAsync(new GetTaskRequest { Id = task.Id }, await Suite.CallAsAsync(Roles.Partner));
        Assert.Equal((Contracts.Tasks.V1.TaskStatus.DoneOnTime, false), (after.Status, after.AwaitsConfirmation));
        Assert.NotEmpty(after.LatestProgress.ConfirmedBy);
    }
}
