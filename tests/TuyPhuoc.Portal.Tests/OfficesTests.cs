using System.Globalization;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using TuyPhuoc.Contracts.Evaluation.V1;
using TuyPhuoc.Contracts.Plans.V1;
using TuyPhuoc.Contracts.Submissions.V1;
using TuyPhuoc.Portal.Components.Shared;
using TuyPhuoc.Portal.Features;
using TuyPhuoc.Portal.Suite;
using TuyPhuoc.ServiceDefaults;
using Status = TuyPhuoc.Contracts.Evaluation.V1.Status;

namespace TuyPhuoc.Portal.Tests;

/// <summary>The approvals page's table: the reason a return needs, what can be chosen, and what a bulk action did.</summary>
public sealed class ReportsTableTests : BunitContext
{
    public ReportsTableTests()
    {
        Services.AddLocalization(o => o.ResourcesPath = "Resources").AddSingleton(new DistrictClock(TimeProvider.System));
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("vi-VN");
    }

    private static ReportLine Line(string unit, ReportStatus status) =>
        new(new ReportRow(unit, $"Xã {unit}", status, status == ReportStatus.Draft ? null : new DateTimeOffset(2024, 11, 5, 8, 0, 0, TimeSpan.Zero), 0, "", 0));

    private static List<ReportLine> November() =>
        [Line("PHUOC_AN", ReportStatus.Submitted), Line("PHUOC_SON", ReportStatus.Submitted), Line("PHUOC_HOA", ReportStatus.Approved), Line("PHUOC_LOC", ReportStatus.Draft)];

    private IRenderedComponent<ReportsTable> Table(List<ReportLine> lines, BulkOutcome? outcome = null, Action<ReportLine>? returned = null,
        Action<(IReadOnlyList<ReportLine>, string)>? bulkReturned = null, Action<IReadOnlyList<ReportLine>>? bulkApproved = null) =>
        Render<ReportsTable>(p => p
            .Add(t => t.Lines, lines)
            .Add(t => t.Outcome, outcome)
            .Add(t => t.NameOf, unit => $"Xã {unit}")
            .Add(t => t.OnReturn, returned ?? (_ => { }))
            .Add(t => t.OnReopen, returned ?? (_ => { }))
            .Add(t => t.OnBulkReturn, bulkReturned ?? (_ => { }))
            .Add(t => t.OnBulkApprove, bulkApproved ?? (_ => { })));

    [Fact]
    public void Return_WithoutAReason_VietnameseErrorBesideTheFieldAndNothingSent()
    {
        var sent = false;
        var table = Table(November(), returned: _ => sent = true);

        table.Find("tr[data-unit=PHUOC_AN] button.return").Click();

        Assert.False(sent);
        var field = table.Find("#reason-PHUOC_AN");
        Assert.Equal("true", field.GetAttribute("aria-invalid"));
        Assert.Equal("Vui lòng nhập lý do.", table.Find($"#{field.GetAttribute("aria-describedby")}").TextContent);
        Assert.Equal("Lý do trả lại", table.Find("label[for=reason-PHUOC_AN]").TextContent);
    }

    [Fact]
    public void Return_WithAReason_SentWithIt()
    {
        ReportLine? sent = null;
        var table = Table(November(), returned: l => sent = l);

        table.Find("#reason-PHUOC_AN").Change("Thiếu số liệu thu ngân sách");
        table.Find("tr[data-unit=PHUOC_AN] button.return").Click();

        Assert.Equal(("PHUOC_AN", "Thiếu số liệu thu ngân sách"), (sent?.Row.Unit, sent?.Reason));
        Assert.Empty(table.FindAll(".field-error"));
    }

    [Fact]
    public void Render_OnlySentReportsCanBeChosen_AnApprovedOneCanBeReopened()
    {
        var table = Table(November());

        Assert.Equal(["PHUOC_AN", "PHUOC_SON"], table.FindAll("input.pick").Select(i => i.Id!["pick-".Length..]));
        Assert.Single(table.FindAll("tr[data-unit=PHUOC_HOA] button.reopen"));
        Assert.Equal("Lý do mở lại", table.Find("label[for=reason-PHUOC_HOA]").TextContent);
        Assert.Empty(table.FindAll("tr[data-unit=PHUOC_LOC] button"));
        Assert.Equal(["Đã gửi", "Đã gửi", "Đã duyệt", "Nháp"], table.FindAll(".report-status").Select(s => s.TextContent));
    }

    [Fact]
    public void BulkReturn_ChosenWithoutAReason_ErrorAndNothingSent_ThenWithOne_TheChosenOnly()
    {
        (IReadOnlyList<ReportLine> Lines, string Reason)? sent = null;
        var table = Table(November(), bulkReturned: b => sent = b);

        table.Find("#pick-PHUOC_SON").Change(true);
        table.Find("button.bulk-return").Click();
        Assert.Null(sent);
        Assert.Equal("Vui lòng nhập lý do.", table.Find("#bulk-reason-error").TextContent);

        table.Find("#bulk-reason").Change("Chưa có chữ ký lãnh đạo");
        table.Find("button.bulk-return").Click();
        Assert.Equal(["PHUOC_SON"], sent!.Value.Lines.Select(l => l.Row.Unit));
        Assert.Equal("Chưa có chữ ký lãnh đạo", sent.Value.Reason);
    }

    [Fact]
    public void BulkApprove_ChooseAllSent_EverySentReportOfThePage()
    {
        IReadOnlyList<ReportLine>? approved = null;
        var table = Table(November(), bulkApproved: l => approved = l);

        table.Find("button.pick-all").Click();
        table.Find("button.bulk-approve").Click();

        Assert.Equal(["PHUOC_AN", "PHUOC_SON"], approved!.Select(l => l.Row.Unit));
    }

    [Fact]
    public void Outcome_PartlyRefused_SaysHowManyWereDoneAndWhichWereNotAndWhy()
    {
        var refused = new Dictionary<string, Problem>
        {
            ["PHUOC_SON"] = new("Không thực hiện được: the report is approved.", new Dictionary<string, string>()),
            ["PHUOC_AN"] = new("Dữ liệu chưa hợp lệ.", new Dictionary<string, string> { ["reason"] = "Dài quá 4000 ký tự." }),
        };
        var table = Table(November(), new BulkOutcome(["PHUOC_HOA"], refused));

        Assert.Equal("Đã thực hiện 1 báo cáo.", table.Find(".bulk-outcome p").TextContent);
        Assert.Equal(["PHUOC_AN", "PHUOC_SON"], table.FindAll(".refused li").Select(li => li.GetAttribute("data-unit")));
        Assert.Contains("Xã PHUOC_SON", table.Find(".refused li[data-unit=PHUOC_SON]").TextContent);
        Assert.Contains("the report is approved", table.Find(".refused li[data-unit=PHUOC_SON]").TextContent);
        // The service's refusal of the reason is also said beside the reason's field.
        Assert.Equal("Dài quá 4000 ký tự.", table.Find("#bulk-reason-error").TextContent);
    }
}

public sealed class BulkOutcomeTests
{
    private static readonly IStringLocalizer<Strings> L = new ServiceCollection().AddLogging().AddLocalization(o => o.ResourcesPath = "Resources")
        .BuildServiceProvider().GetRequiredService<IStringLocalizer<Strings>>();

    [Fact]
    public async Task RunAsync_OneRefused_TheOthersDoneAndTheRefusalSaidInVietnamese()
    {
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("vi-VN");

        var outcome = await BulkOutcome.RunAsync(["PHUOC_AN", "PHUOC_SON", "PHUOC_HOA"], unit => unit == "PHUOC_SON"
            ? throw new RpcException(new Grpc.Core.Status(StatusCode.PermissionDenied, "no"))
            : Task.CompletedTask, L);

        Assert.Equal(["PHUOC_AN", "PHUOC_HOA"], outcome.Done);
        Assert.Equal("Bạn không có quyền xem hoặc sửa nội dung này.", Assert.Single(outcome.Refused, r => r.Key == "PHUOC_SON").Value.Message);
    }

    [Fact]
    public async Task RunAsync_TheSessionEnded_EndsTheWholeAction() =>
        Assert.Equal(StatusCode.Unauthenticated, (await Assert.ThrowsAsync<RpcException>(() => BulkOutcome.RunAsync(["PHUOC_AN"],
            _ => throw new RpcException(new Grpc.Core.Status(StatusCode.Unauthenticated, "expired")), L))).StatusCode);
}

public sealed class TimelinessTests : BunitContext
{
    public TimelinessTests()
    {
        Services.AddLocalization(o => o.ResourcesPath = "Resources").AddSingleton(new DistrictClock(TimeProvider.System));
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("vi-VN");
    }

    [Theory]
    [InlineData(Timeliness.OnTime, 0, "Đúng hạn", "on-time")]
    [InlineData(Timeliness.Late, 4, "Trễ 4 ngày", "late")]
    [InlineData(Timeliness.Missing, 0, "Chưa nộp", "missing")]
    [InlineData(Timeliness.NotDue, 0, "Chưa đến hạn", "not-due")]
    public void Cell_EachState_ItsVietnameseWords(Timeliness timeliness, int daysLate, string words, string css)
    {
        var cell = Render<TimelinessCell>(p => p.Add(c => c.Mark, new TimelinessMark(timeliness, daysLate))).Find("span.timeliness");

        Assert.Equal(words, cell.TextContent);
        Assert.Contains(css, cell.ClassList);
    }

    [Fact]
    public void Cell_EnglishChosen_EnglishWords()
    {
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("en");

        Assert.Equal("2 days late", Render<TimelinessCell>(p => p.Add(c => c.Mark, new TimelinessMark(Timeliness.Late, 2))).Find("span").TextContent);
    }

    [Fact]
    public void From_Entries_OneRowPerUnitInThePlansOrder_AMonthNotListedIsEmpty()
    {
        Unit[] units = [new() { Code = "TCKH", Name = "Phòng Tài chính - Kế hoạch", Kind = UnitKind.Office }, new() { Code = "PHUOC_AN", Name = "Xã Phước An", Kind = UnitKind.Commune },
            new() { Code = "TT_TUY_PHUOC", Name = "Thị trấn Tuy Phước", Kind = UnitKind.Town }];
        UnitTimeliness Entry(string unit, int month, Timeliness t, int late = 0) => new() { UnitCode = unit, Year = 2024, Month = month, Timeliness = t, DaysLate = late };

        var view = TimelinessView.From(2024, [Entry("TCKH", 1, Timeliness.OnTime), Entry("PHUOC_AN", 1, Timeliness.Late, 3), Entry("TT_TUY_PHUOC", 2, Timeliness.OnTime),
            Entry("PHUOC_AN", 2, Timeliness.Missing)], units);

        // The towns and communes by name, then the offices.
        Assert.Equal(["Thị trấn Tuy Phước", "Xã Phước An", "Phòng Tài chính - Kế hoạch"], view.Rows.Select(r => r.UnitName));
        Assert.Equal(new TimelinessMark(Timeliness.Late, 3), view.Rows[1].Months[0]);
        Assert.Null(view.Rows[0].Months[0]);
        Assert.Equal(12, view.Rows[0].Months.Count);
    }
}

public sealed class OfficePagesTests
{
    [Fact]
    public void Forms_TheAddressesTheFormsEndpointServes()
    {
        Assert.Equal("/bieu-mau/bao-cao-quy?year=2024&quarter=2", OfficePages.QuarterReportXlsx(2024, 2));
        Assert.Equal("/bieu-mau/xep-loai?year=2024", OfficePages.RankingXlsx(2024, 0));
        Assert.Equal("/bieu-mau/xep-loai?year=2024&quarter=3", OfficePages.RankingXlsx(2024, 3));
    }

    [Theory]
    [InlineData(Roles.PlanningOffice, "duyet-bao-cao")]
    [InlineData(Roles.BlockLeader, "khoi")]
    [InlineData(Roles.HomeAffairs, "xep-hang")]
    [InlineData(Roles.UnitReporter, null)]
    [InlineData(Roles.Partner, null)]
    public void MainOf_EachRole_TheirFirstPage(string role, string? page) => Assert.Equal(page, OfficePages.MainOf(role));
}
