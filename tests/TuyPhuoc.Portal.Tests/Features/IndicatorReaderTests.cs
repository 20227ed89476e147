using Grpc.Core;
using TuyPhuoc.Contracts.Evaluation.V1;
using TuyPhuoc.Contracts.Plans.V1;
using TuyPhuoc.Contracts.Submissions.V1;
using TuyPhuoc.Portal.Features;
using static TuyPhuoc.Portal.Tests.Features.FakeSuite;
using Status = TuyPhuoc.Contracts.Evaluation.V1.Status;

namespace TuyPhuoc.Portal.Tests.Features;

public sealed class IndicatorReaderTests
{
    private static readonly Indicator Grain = new() { Code = "CT02", Name = "Tổng sản lượng lương thực có hạt", UnitOfMeasure = "tấn", MeasureKind = MeasureKind.Cumulative };
    private static readonly Indicator Insurance = new() { Code = "CT10", Name = "Tỷ lệ dân số tham gia bảo hiểm y tế", UnitOfMeasure = "%", MeasureKind = MeasureKind.Level };

    private sealed class Statuses(IndicatorStatus status) : Evaluation.EvaluationClient
    {
        public GetIndicatorStatusRequest? Asked { get; private set; }

        public override AsyncUnaryCall<IndicatorStatus> GetIndicatorStatusAsync(GetIndicatorStatusRequest request, CallOptions options)
        {
            Asked = request;
            return Answer(status);
        }
    }

    /// <summary>The unit's months of the indicator: January with only its value, May with its causes and solutions; or refused.</summary>
    private sealed class Months(StatusCode? refused = null) : Submissions.SubmissionsClient
    {
        public ListActualsRequest? Asked { get; private set; }

        public override AsyncUnaryCall<ListActualsResponse> ListActualsAsync(ListActualsRequest request, CallOptions options)
        {
            Asked = request;
            return refused is { } code ? Refuse<ListActualsResponse>(code) : Answer(new ListActualsResponse
            {
                Actuals =
                {
                    new ActualRevision { UnitCode = request.UnitCode, IndicatorCode = request.IndicatorCode, Year = request.Year, Month = 5, Value = 800,
                        Note = "Hạn hán kéo dài", Solutions = "Chuyển đổi sang giống lúa chịu hạn" },
                    new ActualRevision { UnitCode = request.UnitCode, IndicatorCode = request.IndicatorCode, Year = request.Year, Month = 1, Value = 900 },
                },
            });
        }
    }

    /// <summary>The unit reports the grain, phased by its plan.</summary>
    private sealed class Assigning() : PlansClient(District, [Grain, Insurance],
        _ => [new AssignedIndicator { IndicatorCode = Grain.Code, YearTarget = 12_000, Quarters = { 3_000, 3_000, 3_000, 3_000 }, Months = { 1_000, 1_000, 1_000 } }]);

    /// <summary>Revised in May: Q1 judged against the first plan, Q2 against the revision.</summary>
    private static IndicatorStatus Revised(string code) => new()
    {
        IndicatorCode = code, Status = Status.AtRisk, Progress = 0.4, YearTarget = 13_000, MonthlyActuals = { new OptionalValue { Value = 900 }, new OptionalValue() },
        Plans = { new JudgedPlan { Revision = 1, DecisionNumber = "12/QĐ-UBND" }, new JudgedPlan { Revision = 2, DecisionNumber = "85/QĐ-UBND" } },
        Quarters =
        {
            new QuarterExplanation { Quarter = 1, Status = Status.Achieved, PhasedTarget = 3_000, Actual = 3_100, PlanRevision = 1 },
            new QuarterExplanation { Quarter = 2, Status = Status.AtRisk, PhasedTarget = 3_500, CarryIn = 0, Requirement = 3_500, PlanRevision = 2,
                Checkpoints = { new CheckpointResult { Quarter = 2, Minimum = 0.5, Progress = 0.4, Passed = false } } },
        },
    };

    [Fact]
    public async Task Read_AReportedIndicator_ItsPhasingWithTheYearTargetJudged_EachQuartersPlan_AndItsMonthsCausesAndSolutions()
    {
        var evaluation = new Statuses(Revised("CT02"));
        var months = new Months();

        var view = await new IndicatorReader(evaluation, months, Plans(District, [Grain, Insurance], new Assigning())).ReadAsync("PHUOC_AN", "CT02", 2024, 2, new CallOptions());

        Assert.Equal(("PHUOC_AN", "CT02", 2024, 2), (evaluation.Asked!.UnitCode, evaluation.Asked.IndicatorCode, evaluation.Asked.Year, evaluation.Asked.Quarter));
        Assert.Equal(("Tổng sản lượng lương thực có hạt", 13_000d, 1_000d), (view.Indicator.Name, view.Indicator.YearTarget, view.Indicator.MonthTarget(1)!.Value));
        Assert.Equal([900, null], view.MonthlyActuals);
        Assert.Equal(["12/QĐ-UBND", "85/QĐ-UBND"], view.Quarters.Select(q => q.PlanDecision));
        Assert.Equal(new CheckpointLine(2, 0.5, 0.4, false), Assert.Single(view.Quarters[1].Checkpoints));
        Assert.Equal((Status.AtRisk, 0.4), (view.Status, view.Progress!.Value));
        Assert.Equal(("PHUOC_AN", "CT02", 2024), (months.Asked!.UnitCode, months.Asked.IndicatorCode, months.Asked.Year));
        Assert.Empty(view.NotesOf(1));
        Assert.Equal(new MonthNote(5, "Hạn hán kéo dài", "Chuyển đổi sang giống lúa chịu hạn"), Assert.Single(view.NotesOf(2)));
    }

    [Fact]
    public async Task Read_AnIndicatorTheUnitOnlyReads_NamedFromTheCatalogWithoutPhasing_NoNotesWhereTheyMayNotBeRead()
    {
        var view = await new IndicatorReader(new Statuses(Revised("CT10")), new Months(StatusCode.PermissionDenied), Plans(District, [Grain, Insurance], new Assigning()))
            .ReadAsync("TUY_PHUOC", "CT10", 2024, 2, new CallOptions());

        Assert.Equal(("Tỷ lệ dân số tham gia bảo hiểm y tế", "%", 13_000d), (view.Indicator.Name, view.Indicator.UnitOfMeasure, view.Indicator.YearTarget));
        Assert.Empty(view.Indicator.Months);
        Assert.True(view.Indicator.DistrictFigure);
        Assert.Empty(view.Notes);
    }
}
