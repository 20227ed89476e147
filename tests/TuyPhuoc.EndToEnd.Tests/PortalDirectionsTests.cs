using Microsoft.Playwright;
using Grpc.Core;
using TuyPhuoc.Contracts.Submissions.V1;
using TuyPhuoc.ServiceDefaults;

namespace TuyPhuoc.EndToEnd.Tests;

/// <summary>
/// An office files its quarterly review in the browser, its block leader reads it and directs on it and on a commune's
/// indicator, and the commune answers. Reviews of Q3 2024 and directions of 2024 are this class's alone.
/// </summary>
public sealed class PortalDirectionsTests(SuiteFixture suite) : PortalBrowser(suite)
{
    private const int Year = 2024, Quarter = 3;
    private const string Office = "NONG_NGHIEP", Commune = "PHUOC_LOC";

    [Fact]
    public async Task OfficeFilesItsReview_LeaderDirectsOnItAndOnACommune_TheCommuneAnswers_RefusalsBesideTheFields()
    {
        await Suite.DemoLoadedAsync();
        var submissions = new Submissions.SubmissionsClient(Suite.Gateway);
        var planning = await Suite.CallAsAsync(Roles.PlanningOffice);
        var path = $"/chi-dao?nam={Year}&quy={Quarter}";
        var noQuarter = await Assert.ThrowsAsync<RpcException>(() => submissions.ListReviewsAsync(new ListReviewsRequest { Year = Year, Quarter = 0 }, planning).ResponseAsync);
        Assert.Equal((StatusCode.InvalidArgument, "quarter"), (noQuarter.StatusCode, noQuarter.GetRpcStatus()!.GetDetail<Google.Rpc.BadRequest>().FieldViolations.Single().Field));

        // The office: a review without its summary is refused beside the field and stores nothing.
        var office = await SignedInAsync(Office, "Phạm Văn Nông", path);
        var form = office.Locator("form.review");
        await Expect(form.Locator("tr[data-indicator='CT02']")).ToHaveCountAsync(1);
        await office.FillAsync("#d-CT02", "Hạn hán kéo dài cuối vụ Hè Thu");
        await form.Locator("button").ClickAsync();
        await Expect(form.Locator(".field-error")).ToHaveTextAsync(["Bắt buộc nhập."]);
        Assert.Null((await submissions.GetReviewAsync(new GetReviewRequest { OfficeCode = Office, Year = Year, Quarter = Quarter }, planning)).FiledAt);

        await office.FillAsync("#review-summary", "Quý III: sản lượng lương thực đạt thấp do hạn hán.");
        await office.FillAsync("#s-CT02", "Chuyển đổi cây trồng cạn, tăng cường thủy lợi");
        await form.Locator("button").ClickAsync();
        await Expect(office.Locator(".notice")).ToHaveTextAsync("Đã gửi báo cáo đánh giá quý.");
        // Filed long after 10/10/2024: late, by as many days as the service counts.
        var filed = await submissions.GetReviewAsync(new GetReviewRequest { OfficeCode = Office, Year = Year, Quarter = Quarter }, planning);
        Assert.Equal((Timeliness.Late, "CT02", "Chuyển đổi cây trồng cạn, tăng cường thủy lợi"), (filed.Timeliness, filed.Items.Single().IndicatorCode, filed.Items.Single().Solutions));
        await Expect(office.Locator(".own-review .timeliness")).ToHaveTextAsync($"Trễ {filed.DaysLate} ngày");
        await KeepScreenshotAsync(office, "review-filed");

        // The economy block's leader reads it, directs on it, and on a commune's indicator of the block.
        var leader = await SignedInAsAsync(Roles.BlockLeader, path, block: "economy", name: "Nguyễn Văn Thành");
        var card = leader.Locator($"article.review-card[data-office='{Office}']");
        await Expect(card.Locator(".summary")).ToHaveTextAsync("Quý III: sản lượng lương thực đạt thấp do hạn hán.");
        await Expect(card.Locator("li[data-indicator='CT02'] .solutions")).ToContainTextAsync("Chuyển đổi cây trồng cạn");
        await Expect(leader.Locator("article.review-card[data-office='Y_TE']")).ToHaveCountAsync(0);
        await leader.FillAsync($"#on-review-{Office}", "Phối hợp các xã chuẩn bị giống cho vụ Đông Xuân.");
        await card.Locator("button").ClickAsync();
        await Expect(card.Locator("article.direction .text")).ToHaveTextAsync("Phối hợp các xã chuẩn bị giống cho vụ Đông Xuân.");

        var give = leader.Locator("form.give");
        await leader.SelectOptionAsync("#dir-unit", Commune);
        await leader.SelectOptionAsync("#dir-indicator", "CT02");
        await give.Locator("button").ClickAsync();
        await Expect(give.Locator(".field-error")).ToHaveTextAsync(["Bắt buộc nhập."]);
        await leader.FillAsync("#dir-text", "Rà soát diện tích bị hạn, báo cáo trước ngày 15/10.");
        await give.Locator("button").ClickAsync();
        await Expect(leader.Locator(".notice")).ToHaveTextAsync("Đã gửi ý kiến chỉ đạo.");
        await KeepScreenshotAsync(leader, "directions-leader");
        var phone = await SignedInAsAsync(Roles.BlockLeader, path, block: "economy", viewport: new ViewportSize { Width = 390, Height = 844 });
        Assert.True(await phone.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), "the page scrolls sideways at 390 px");
        await KeepScreenshotAsync(phone, "directions-leader-phone");

        // The commune is told in its inbox, with a link to the directions of the quarter.
        var notes = new Contracts.Notifications.V1.Notifications.NotificationsClient(Suite.Gateway);
        var communeCall = await Suite.CallAsAsync(Roles.UnitReporter, Commune);
        Contracts.Notifications.V1.Notification? told = null;
        for (var until = DateTime.UtcNow.AddSeconds(60); told is null && DateTime.UtcNow < until; await Task.Delay(500, TestContext.Current.CancellationToken))
        {
            told = (await notes.ListNotificationsAsync(new Contracts.Notifications.V1.ListNotificationsRequest { PageSize = 200 }, communeCall)).Notifications
                .FirstOrDefault(n => n.Kind == Contracts.Notifications.V1.NotificationKind.DirectionGiven);
        }
        Assert.Equal(("Ý kiến chỉ đạo về chỉ tiêu CT02", $"/chi-dao?nam={Year}&quy={Quarter}"), (told?.Title, told?.Link));

        // The commune sees the direction to it, not the office's, and answers it once.
        var commune = await SignedInAsync(Commune, "Võ Thị Lộc", $"/chi-dao?nam={Year}");
        var direction = commune.Locator($"section.directions article.direction[data-unit='{Commune}']");
        await Expect(commune.Locator("section.directions article.direction")).ToHaveCountAsync(1);
        await Expect(direction.Locator(".about")).ToContainTextAsync("Tổng sản lượng lương thực có hạt");
        await direction.Locator("button").ClickAsync();
        await Expect(direction.Locator(".field-error")).ToHaveTextAsync("Bắt buộc nhập.");
        await direction.Locator("textarea").FillAsync("Đã rà soát 120 ha bị hạn, gửi báo cáo ngày 14/10.");
        await direction.Locator("button").ClickAsync();
        await Expect(direction.Locator(".answer")).ToContainTextAsync("Đã rà soát 120 ha bị hạn");
        await KeepScreenshotAsync(commune, "direction-answered");

        var directions = (await submissions.ListDirectionsAsync(new ListDirectionsRequest { Year = Year }, planning)).Directions;
        Assert.Equal([(Office, true, DirectionStatus.Open), (Commune, false, DirectionStatus.Answered)],
            directions.OrderBy(d => d.GivenAt).Select(d => (d.UnitCode, d.OnReview, d.Status)));
    }
}
