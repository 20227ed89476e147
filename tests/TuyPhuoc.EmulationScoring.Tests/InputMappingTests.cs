using TuyPhuoc.EmulationScoring.Domain;
using TuyPhuoc.EmulationScoring.Processing;
using TuyPhuoc.ServiceDefaults;
using Eval = TuyPhuoc.Contracts.Evaluation.V1;
using Plans = TuyPhuoc.Contracts.Plans.V1;
using Subs = TuyPhuoc.Contracts.Submissions.V1;

namespace TuyPhuoc.EmulationScoring.Tests;

/// <summary>From the messages of the other services to what is scored.</summary>
public class InputMappingTests
{
    private static readonly AssignedIndicator Cumulative = new("CT08", MeasureKind.Cumulative, false);

    private static Eval.IndicatorStatus Status(params double?[] months)
    {
        var status = new Eval.IndicatorStatus { UnitCode = "PHUOC_AN", IndicatorCode = "CT08", Year = 2024, YearTarget = 100, QuarterTargets = { 20, 30, 25, 25 } };
        status.MonthlyActuals.AddRange(Enumerable.Range(0, 12).Select(m => m < months.Length && months[m] is { } v ? new Eval.OptionalValue { Value = v } : new Eval.OptionalValue()));
        var ytd = 0.0;
        for (var q = 1; q <= 2; q++)
        {
            ytd += months.Skip((q - 1) * 3).Take(3).Sum(m => m ?? 0);
            status.Quarters.Add(new Eval.QuarterExplanation { Quarter = q, YearToDate = ytd, CumulativePlan = q == 1 ? 20 : 50, Progress = ytd / 100 });
        }
        status.Progress = ytd / 100;
        return status;
    }

    [Fact]
    public void ToFacts_EvaluationStatus_AchievementIsYearToDateOverCumulativePlan()
    {
        var facts = Status(5, 5, 5, 10, 10, 10).ToFacts(Cumulative);

        Assert.Equal(0.75, Achievements.For(facts, 1).Achievement!.Value, 9);
        Assert.Equal(0.9, Achievements.For(facts, 2).Achievement!.Value, 9);
        Assert.Equal(0.45, Achievements.For(facts, 0).Achievement!.Value, 9);
    }

    [Fact]
    public void ToFacts_NoMonthSubmitted_NoDataAlthoughYearToDateIsZero()
    {
        var facts = Status().ToFacts(Cumulative);

        Assert.Null(facts.FirstMonthWithData);
        Assert.Null(Achievements.For(facts, 2).Achievement);
    }

    [Fact]
    public void ToFacts_FirstValueInQ2_Q1HasNoData()
    {
        var facts = Status(null, null, null, 60).ToFacts(Cumulative);

        Assert.Equal(4, facts.FirstMonthWithData);
        Assert.Null(Achievements.For(facts, 1).Achievement);
        Assert.Equal(1.2, Achievements.For(facts, 2).Achievement!.Value, 9);
    }

    [Fact]
    public void ScoredUnit_DistrictFigure_CountsForTheReportingOffice()
    {
        var change = new Eval.ResultChange { UnitCode = "TUY_PHUOC", IndicatorCode = "CT01", Status = new Eval.IndicatorStatus { ReportingUnitCode = "TCKH" } };

        Assert.Equal("TCKH", EvaluationFollower.ScoredUnit(change));
        Assert.Equal("PHUOC_AN", EvaluationFollower.ScoredUnit(new Eval.ResultChange { UnitCode = "PHUOC_AN", Status = new Eval.IndicatorStatus() }));
    }

    [Fact]
    public void Touched_SubmissionsChanges_ReportUnitEscalationOfficeDeadlinesWholeYear()
    {
        var report = new Subs.Change { Kind = "report.submitted", TraceParent = "t1", Report = new Subs.Report { UnitCode = "PHUOC_AN", Year = 2024, Month = 3 } };
        var escalation = new Subs.Change { Kind = "escalation.assigned", Escalation = new Subs.Escalation { UnitCode = "PHUOC_AN", AssignedOfficeCode = "TN_MT", Year = 2024 } };
        var deadlines = new Subs.Change { Kind = "deadlines.set", Deadlines = new Subs.Deadlines { Year = 2024, DayOfFollowingMonth = 5 } };
        var actual = new Subs.Change { Kind = "actual.revised", Actual = new Subs.ActualRevision { UnitCode = "PHUOC_AN", Year = 2024 } };

        Assert.Equal([(2024, "PHUOC_AN", "t1")], SubmissionsFollower.Touched(report));
        Assert.Equal([(2024, "TN_MT", "")], SubmissionsFollower.Touched(escalation));
        Assert.Equal([(2024, "*", "")], SubmissionsFollower.Touched(deadlines));
        Assert.Empty(SubmissionsFollower.Touched(actual));
    }

    private static readonly DistrictClock District = new(TimeProvider.System);

    [Fact]
    public void ToFact_AnsweredLateInTheUtcDay_AnsweredOnTheDistrictsNextDay()
    {
        var e = new Subs.Escalation
        {
            Id = "14", Title = "t", UnitCode = "PHUOC_AN", DueDate = new Google.Type.Date { Year = 2024, Month = 5, Day = 10 },
            Steps = { new Subs.EscalationStep { Status = Subs.EscalationStatus.Answered, At = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTime(new DateTime(2024, 5, 10, 18, 0, 0, DateTimeKind.Utc)) } },
        };

        Assert.Equal(new DateOnly(2024, 5, 11), e.ToFact(District).AnsweredOn);
    }

    [Fact]
    public void ToFact_EscalationAnsweredThenClosed_AnsweredOnTheFirstAnswer()
    {
        var e = new Subs.Escalation
        {
            Id = "12", Title = "t", UnitCode = "PHUOC_AN", DueDate = new Google.Type.Date { Year = 2024, Month = 5, Day = 10 },
            Steps =
            {
                new Subs.EscalationStep { Status = Subs.EscalationStatus.Answered, At = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTime(new DateTime(2024, 5, 12, 3, 0, 0, DateTimeKind.Utc)) },
                new Subs.EscalationStep { Status = Subs.EscalationStatus.Closed, At = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTime(new DateTime(2024, 5, 20, 3, 0, 0, DateTimeKind.Utc)) },
            },
        };

        Assert.Equal(new EscalationFact("12", "t", "PHUOC_AN", new DateOnly(2024, 5, 10), new DateOnly(2024, 5, 12)), e.ToFact(District));
    }

    [Fact]
    public void ToFact_EscalationClosedWithoutAnswer_UnansweredAndClosedOnThatDay()
    {
        var e = new Subs.Escalation
        {
            Id = "13", Title = "t", UnitCode = "PHUOC_AN", DueDate = new Google.Type.Date { Year = 2024, Month = 5, Day = 10 },
            Steps =
            {
                new Subs.EscalationStep { Status = Subs.EscalationStatus.Assigned, At = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTime(new DateTime(2024, 5, 1, 3, 0, 0, DateTimeKind.Utc)) },
                new Subs.EscalationStep { Status = Subs.EscalationStatus.Closed, At = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTime(new DateTime(2024, 5, 20, 3, 0, 0, DateTimeKind.Utc)), Text = "Không còn cần thiết" },
            },
        };

        Assert.Equal(new EscalationFact("13", "t", "PHUOC_AN", new DateOnly(2024, 5, 10), null, new DateOnly(2024, 5, 20)), e.ToFact(District));
    }

    [Fact]
    public void ToFact_EscalationReferredUpward_TheOfficesPartEndsOnTheReferralDay()
    {
        var e = new Subs.Escalation
        {
            Id = "14", Title = "t", UnitCode = "PHUOC_AN", DueDate = new Google.Type.Date { Year = 2024, Month = 5, Day = 10 },
            Steps =
            {
                new Subs.EscalationStep { Status = Subs.EscalationStatus.Assigned, At = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTime(new DateTime(2024, 5, 1, 3, 0, 0, DateTimeKind.Utc)) },
                new Subs.EscalationStep { Status = Subs.EscalationStatus.Referred, At = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTime(new DateTime(2024, 5, 8, 3, 0, 0, DateTimeKind.Utc)) },
                new Subs.EscalationStep { Status = Subs.EscalationStatus.Answered, At = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTime(new DateTime(2024, 6, 20, 3, 0, 0, DateTimeKind.Utc)) },
            },
        };

        Assert.Equal(new EscalationFact("14", "t", "PHUOC_AN", new DateOnly(2024, 5, 10), new DateOnly(2024, 5, 8)), e.ToFact(District));
    }

    [Fact]
    public void YearPlanFrom_PublishedPlan_EachUnitScoredOnWhatIsAssignedToIt()
    {
        var plan = new Plans.Plan { Year = 2024, Targets = { new Plans.Target { IndicatorCode = "ALLOC" }, new Plans.Target { IndicatorCode = "OFFICE" } } };
        var catalog = new Dictionary<string, Plans.Indicator>
        {
            ["ALLOC"] = new() { Code = "ALLOC", MeasureKind = Plans.MeasureKind.Cumulative, CommuneAllocated = true, ResponsibleOfficeCode = "TCKH" },
            ["OFFICE"] = new() { Code = "OFFICE", MeasureKind = Plans.MeasureKind.Level, Direction = Plans.Direction.LowerIsBetter, ResponsibleOfficeCode = "TCKH" },
        };
        var units = new Dictionary<string, Plans.Unit>
        {
            ["PHUOC_AN"] = new() { Code = "PHUOC_AN", Kind = Plans.UnitKind.Commune },
            ["PHUOC_HOA"] = new() { Code = "PHUOC_HOA", Kind = Plans.UnitKind.Commune },
            ["TCKH"] = new() { Code = "TCKH", Kind = Plans.UnitKind.Office, Block = Plans.SectorBlock.Economy },
        };
        var assignments = new Dictionary<string, IReadOnlyList<Plans.AssignedIndicator>>
        {
            ["PHUOC_AN"] = [new() { IndicatorCode = "ALLOC" }],
            ["PHUOC_HOA"] = [new() { IndicatorCode = "ALLOC" }],
            ["TCKH"] = [new() { IndicatorCode = "OFFICE", DistrictFigure = true }],
            ["GONE"] = [new() { IndicatorCode = "OFFICE" }],
        };

        var year = YearPlan.From(new PublishedPlan(plan, catalog, units, assignments, "TUY_PHUOC"));

        Assert.Equal(["ALLOC", "OFFICE"], year.IndicatorCodes);
        Assert.Equal(["PHUOC_AN", "PHUOC_HOA", "TCKH"], year.Units.Keys.Order());
        Assert.Equal(["ALLOC"], year.Units["PHUOC_AN"].Indicators.Select(i => i.Code));
        Assert.Equal(Blocks.Communes, year.Units["PHUOC_HOA"].Block);
        Assert.Equal("economy", year.Units["TCKH"].Block);
        Assert.Equal(new AssignedIndicator("OFFICE", MeasureKind.Level, true), Assert.Single(year.Units["TCKH"].Indicators));
    }
}
