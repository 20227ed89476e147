using TuyPhuoc.ServiceDefaults;
using TuyPhuoc.Submissions.Domain;

namespace TuyPhuoc.Submissions.Tests;

public sealed class ReviewAndDirectionRulesTests
{
    private static readonly DateTimeOffset At = new(2024, 7, 3, 3, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly Today = new(2024, 7, 3);
    private static readonly Caller Tckh = new("tckh", Roles.UnitReporter, "TCKH");
    private static readonly Caller Commune = new("commune", Roles.UnitReporter, "PHUOC_THANG");

    private static OfficeReview File(Caller caller, string office = "TCKH", int quarter = 2, string summary = "Quý II đạt 4/5 chỉ tiêu",
        IReadOnlyList<ReviewItem>? items = null, OfficeReview? filed = null, DateTimeOffset? at = null) =>
        ReviewRules.File(caller, office, 2024, quarter, summary, items ?? [new() { IndicatorCode = "REV", Difficulties = "Thu ngân sách chậm" }],
            Plans.Small(), filed, at ?? At, Today);

    [Fact]
    public void File_AgainLater_TextReplacedFirstFilingKept()
    {
        var first = File(Tckh);
        var again = File(Tckh, summary: "Bổ sung", items: [new() { IndicatorCode = "GRO", Solutions = "Đẩy nhanh giải ngân" }], filed: first, at: At.AddDays(2));

        Assert.Same(first, again);
        Assert.Equal(("Bổ sung", At, At.AddDays(2)), (again.Summary, again.FirstFiledAt, again.FiledAt));
        Assert.Equal(["GRO"], again.Items.Select(i => i.IndicatorCode));
    }

    [Fact]
    public void File_ForeignIndicatorRepeatedAndEmptyItem_EachNamedByItsField()
    {
        var e = Assert.Throws<InvalidInputException>(() => File(Tckh, summary: " ", items:
        [
            new() { IndicatorCode = "INC", Difficulties = "x" },
            new() { IndicatorCode = "REV", Difficulties = "x" },
            new() { IndicatorCode = "REV" },
        ]));

        Assert.Equal(["summary", "items[0].indicator_code", "items[2].indicator_code", "items[2]"], e.Violations.Select(v => v.Field));
        Assert.Contains(e.Violations, v => v.Description == "INC is not an indicator TCKH answers for");
    }

    [Fact]
    public void File_ByACommuneOrForAUnitThatIsNoOffice_Refused()
    {
        Assert.Throws<PermissionDeniedException>(() => File(Commune));
        var e = Assert.Throws<InvalidInputException>(() => File(Commune, office: "PHUOC_THANG"));
        Assert.Equal("PHUOC_THANG is not an office", Assert.Single(e.Violations).Description);
    }

    [Fact]
    public void File_BeforeTheQuartersLastMonth_FailedPrecondition() =>
        Assert.Throws<FailedPreconditionException>(() => File(Tckh, quarter: 3));

    [Fact]
    public void Deadline_WithTheQuartersLastReport() =>
        Assert.Equal(new DateOnly(2024, 7, 10), ReviewRules.Deadline(2024, 2, 10));

    private static LeaderDirection Give(string block = "economy", string unit = "PHUOC_THANG", string? indicator = "REV", bool onReview = false,
        bool filed = false, int quarter = 2, string text = "Tập trung thu ngân sách quý III") =>
        DirectionRules.Give("leader", block, 2024, quarter, unit, indicator, onReview, text, Plans.Small(), filed, At, Today);

    [Fact]
    public void Give_OnACommunesIndicatorOfTheBlock_OpenUntilTheCommuneAnswersOnce()
    {
        var direction = Give();
        Assert.Equal((DirectionStatus.Open, "economy", "REV"), (direction.Status, direction.Block, direction.IndicatorCode));

        DirectionRules.Answer(direction, Commune, "Đã triển khai", At.AddDays(1));

        Assert.Equal((DirectionStatus.Answered, "Đã triển khai", "commune"), (direction.Status, direction.Answer, direction.AnsweredBy));
        Assert.Throws<FailedPreconditionException>(() => DirectionRules.Answer(direction, Commune, "Lần hai", At.AddDays(2)));
        Assert.Throws<PermissionDeniedException>(() => DirectionRules.Answer(Give(), Tckh, "Không phải đơn vị nhận", At));
    }

    [Fact]
    public void Give_AnotherBlocksIndicatorOrOneTheUnitDoesNotReport_Violations()
    {
        Assert.Equal("INC is not of the economy block", Assert.Single(Assert.Throws<InvalidInputException>(() => Give(indicator: "INC")).Violations).Description);
        Assert.Equal("PHUOC_THANG neither reports nor answers for GRO",
            Assert.Single(Assert.Throws<InvalidInputException>(() => Give(indicator: "GRO")).Violations).Description);
        // The office that answers for an indicator is directed on it, though it reports none of the communes' figures.
        Assert.Equal("TCKH", Give(unit: "TCKH", indicator: "REV").UnitCode);
    }

    [Fact]
    public void Give_ToAnOfficeOfAnotherBlock_PermissionDenied() =>
        Assert.Throws<PermissionDeniedException>(() => Give(unit: "VHTT", indicator: null));

    [Fact]
    public void Give_OnAReviewNotFiledOrOfACommune_Refused()
    {
        Assert.Throws<FailedPreconditionException>(() => Give(unit: "TCKH", indicator: null, onReview: true));
        Assert.True(Give(unit: "TCKH", indicator: null, onReview: true, filed: true).OnReview);
        var e = Assert.Throws<InvalidInputException>(() => Give(onReview: true, quarter: 0, text: ""));
        Assert.Equal(["text", "on_review", "quarter"], e.Violations.Select(v => v.Field));
    }
}
