using TuyPhuoc.EmulationScoring.Domain;

namespace TuyPhuoc.EmulationScoring.Tests;

public class DeductionsTests
{
    private static readonly DateOnly Today = new(2025, 3, 1);

    private static ReportFact Report(int month, ReportTimeliness t, int daysLate = 0) =>
        new(2024, month, t, daysLate, new DateOnly(2024, month, 1).AddMonths(1).AddDays(4));

    [Fact]
    public void For_LateAndMissingReports_OneEventEachWithTheMonthAndDeadline()
    {
        ReportFact[] reports = [Report(1, ReportTimeliness.OnTime), Report(2, ReportTimeliness.Late, 4), Report(3, ReportTimeliness.Missing), Report(4, ReportTimeliness.NotDue)];

        var events = Deductions.For(2024, 0, reports, [], Today);

        Assert.Equal(
        [
            new DeductionEvent(DeductionKind.LateReport, "report 2024-02 late by 4 days (due 2024-03-05)"),
            new DeductionEvent(DeductionKind.MissingReport, "report 2024-03 missing (due 2024-04-05)"),
        ], events);
    }

    [Fact]
    public void For_Quarter_OnlyTheMonthsUpToItsEnd()
    {
        ReportFact[] reports = [Report(3, ReportTimeliness.Late, 1), Report(4, ReportTimeliness.Missing), Report(12, ReportTimeliness.Missing)];

        Assert.Equal(["report 2024-03 late by 1 day (due 2024-04-05)"], Deductions.For(2024, 1, reports, [], Today).Select(e => e.Cause));
        Assert.Equal(2, Deductions.For(2024, 2, reports, [], Today).Count);
        Assert.Equal(3, Deductions.For(2024, 0, reports, [], Today).Count);
    }

    [Fact]
    public void For_ReportOfAnotherYear_Ignored()
    {
        Assert.Empty(Deductions.For(2024, 0, [new ReportFact(2023, 12, ReportTimeliness.Missing, 0, null)], [], Today));
    }

    [Fact]
    public void For_EscalationUnansweredPastDeadline_DeductedWithWhoRaisedItAndSinceWhen()
    {
        var e = new EscalationFact("E-7", "Giải phóng mặt bằng", "PHUOC_AN", new DateOnly(2024, 5, 10), null);

        var events = Deductions.For(2024, 0, [], [e], Today);

        Assert.Equal(new DeductionEvent(DeductionKind.OverdueEscalation,
            "escalation E-7 \"Giải phóng mặt bằng\" from PHUOC_AN overdue since 2024-05-11 (due 2024-05-10, still unanswered)"), Assert.Single(events));
    }

    [Theory]
    [InlineData(2024, 5, 10, false)] // answered on the deadline
    [InlineData(2024, 5, 11, true)]  // a day late
    public void For_EscalationAnswered_DeductedOnlyWhenAnsweredAfterTheDeadline(int y, int m, int d, bool deducted)
    {
        var e = new EscalationFact("E-1", "t", "PHUOC_AN", new DateOnly(2024, 5, 10), new DateOnly(y, m, d));

        Assert.Equal(deducted, Deductions.For(2024, 0, [], [e], Today).Count == 1);
    }

    [Theory]
    [InlineData(2024, 5, 10, false)] // closed unanswered by the raising unit on the deadline: the office was not late
    [InlineData(2024, 6, 3, true)]   // closed unanswered after the deadline: a close is no answer
    public void For_EscalationClosedUnanswered_DeductedWhenClosedAfterTheDeadline(int y, int m, int d, bool deducted)
    {
        var e = new EscalationFact("E-3", "t", "PHUOC_AN", new DateOnly(2024, 5, 10), null, new DateOnly(y, m, d));

        var events = Deductions.For(2024, 0, [], [e], Today);

        if (deducted)
            Assert.Equal(new DeductionEvent(DeductionKind.OverdueEscalation,
                $"escalation E-3 \"t\" from PHUOC_AN overdue since 2024-05-11 (due 2024-05-10, closed unanswered {y:D4}-{m:D2}-{d:D2})"), Assert.Single(events));
        else
            Assert.Empty(events);
    }

    [Fact]
    public void For_EscalationNotYetDueOrWithoutDeadline_NoDeduction()
    {
        EscalationFact[] escalations =
        [
            new("E-1", "t", "U", new DateOnly(2025, 3, 1), null),
            new("E-2", "t", "U", null, null),
        ];

        Assert.Empty(Deductions.For(2025, 0, [], escalations, Today));
    }

    [Fact]
    public void For_EscalationOverdueAfterTheQuarter_NotInThatQuartersScore()
    {
        var e = new EscalationFact("E-1", "t", "U", new DateOnly(2024, 6, 30), null);

        Assert.Empty(Deductions.For(2024, 2, [], [e], Today));
        Assert.Single(Deductions.For(2024, 3, [], [e], Today));
    }

    [Fact]
    public void Score_DeductionsFromEvents_EachLineTakesItsPointsAndTotalAddsUp()
    {
        ReportFact[] reports = [Report(1, ReportTimeliness.Late, 2), Report(2, ReportTimeliness.Missing)];
        var events = Deductions.For(2024, 0, reports, [new EscalationFact("E-1", "t", "U", new DateOnly(2024, 1, 5), null)], Today);

        var score = ScoreCalculator.Score(DefaultSchemes.Year2024, ScoreBasis.Year, [new IndicatorAchievement("A", 1.0)], events);

        Assert.Equal([-0.5m, -1m, -1m], score.Deductions.Select(d => d.Points));
        Assert.Equal(97.5m, score.Total);
    }
}
