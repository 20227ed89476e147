using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;
using TuyPhuoc.Contracts.Evaluation.V1;
using TuyPhuoc.Contracts.Plans.V1;
using TuyPhuoc.Contracts.Submissions.V1;
using TuyPhuoc.Portal.Features;
using TuyPhuoc.Portal.Suite;
using TuyPhuoc.Portal.Tests.Forms;
using TuyPhuoc.PlanModel;
using TuyPhuoc.ServiceDefaults;
using static TuyPhuoc.Portal.Tests.Features.FakeSuite;
using PlansService = TuyPhuoc.Contracts.Plans.V1.IndicatorPlans;

namespace TuyPhuoc.Portal.Tests.Features;

/// <summary>
/// The seeded district's Q2 with its plan revised in July (the province raised CT04's target): the quarter was judged
/// against the plan at its end, and the responsible office explained CT04 in May.
/// </summary>
internal sealed class RevisedInJuly
{
    public const double RaisedProvinceTarget = 99_999;
    public static readonly string Office = Seeded.Catalog["CT04"].ResponsibleOfficeCode;
    public const string Cause = "Thị trường bất động sản trầm lắng", Solution = "Đẩy nhanh giải phóng mặt bằng các khu dân cư";

    public List<DateOnly?> PlansAsked { get; } = [];

    /// <summary>Xã Phước Cũ, closed since, merged into Xã Phước An last year: CT02's same period includes it.</summary>
    public bool MergedLastYear { get; init; }

    public QuarterReport Report()
    {
        var report = Seeded.Q2.Clone();
        if (MergedLastYear) report.DistrictFigures.Single(f => f.IndicatorCode == "CT02").SamePeriodFormerUnits.Add("PHUOC_CU");
        return report;
    }

    public Plan PlanAsOf(DateOnly? day)
    {
        PlansAsked.Add(day);
        var plan = Seeded.Plan;
        if (day is null || day >= new DateOnly(2024, 7, 1)) plan.Targets.Single(t => t.IndicatorCode == "CT04").ProvinceTarget = RaisedProvinceTarget;
        return plan;
    }

    public sealed class EvaluationClient(RevisedInJuly suite) : Evaluation.EvaluationClient
    {
        public override AsyncUnaryCall<QuarterReport> GetQuarterReportAsync(GetQuarterReportRequest request, CallOptions options) =>
            request is { Year: 2024, Quarter: 2 } ? Answer(suite.Report()) : Refuse<QuarterReport>(StatusCode.NotFound);

        public override AsyncUnaryCall<ListAnnouncementsResponse> ListAnnouncementsAsync(ListAnnouncementsRequest request, CallOptions options) =>
            Answer(new ListAnnouncementsResponse());
    }

    public sealed class PlansClient(RevisedInJuly suite) : FakeSuite.PlansClient(Seeded.Units.Values, Seeded.Catalog.Values)
    {
        public override AsyncUnaryCall<Plan> GetPlanAsync(GetPlanRequest request, CallOptions options) => Answer(suite.PlanAsOf(request.AsOf.ToDate("as_of")));

        public override AsyncUnaryCall<ListUnitsResponse> ListUnitsAsync(ListUnitsRequest request, CallOptions options) =>
            Answer(new ListUnitsResponse { Units = { Seeded.Units.Values, suite.MergedLastYear && request.AsOf?.Year == 2023 ? [Unit("PHUOC_CU", "Xã Phước Cũ", Contracts.Plans.V1.UnitKind.Commune)] : [] } });
    }

    /// <summary>Only the responsible office's notes can be read; every other unit is refused, as a block leader would be outside the block.</summary>
    public sealed class SubmissionsClient : Submissions.SubmissionsClient
    {
        public override AsyncUnaryCall<ListActualsResponse> ListActualsAsync(ListActualsRequest request, CallOptions options) => request.UnitCode == Office
            ? Answer(new ListActualsResponse { Actuals = { Seeded.Note(Office, "CT04", 5, Cause, Solution), Seeded.Note(Office, "CT04", 7, "Quý III", "Quý III") } })
            : Refuse<ListActualsResponse>(StatusCode.PermissionDenied);
    }

    public void AddTo(IServiceCollection services)
    {
        var plans = new PlansClient(this);
        services.AddSingleton<PlansService.IndicatorPlansClient>(plans);
        services.AddSingleton<Evaluation.EvaluationClient>(new EvaluationClient(this));
        services.AddSingleton<Submissions.SubmissionsClient>(new SubmissionsClient());
    }

    public QuarterReportReader Reader()
    {
        var services = new ServiceCollection().AddLogging().AddSingleton(new DistrictClock(TimeProvider.System)).AddPlanReader().AddSingleton<PlanCache>().AddSingleton<OfficeReads>().AddFeatureReaders();
        AddTo(services);
        return services.BuildServiceProvider().GetRequiredService<QuarterReportReader>();
    }
}

public sealed class QuarterReportReaderTests
{
    [Fact]
    public async Task Read_APlanRevisedAfterTheQuarter_TheProvinceTargetsInForceAtTheQuarterEnd()
    {
        var suite = new RevisedInJuly();

        var view = await suite.Reader().ReadAsync(2024, 2, new CallOptions());

        Assert.Equal([new DateOnly(2024, 6, 30)], suite.PlansAsked);
        var ct04 = view.Figures.Single(f => f.Code == "CT04");
        Assert.Equal(Seeded.Plan.Targets.Single(t => t.IndicatorCode == "CT04").ProvinceTarget, ct04.ProvinceTarget);
        Assert.Equal("UBND huyện Tuy Phước", view.Issuer);
    }

    [Fact]
    public async Task Read_ASamePeriodWithFormerUnits_NamesThemAsTheyWereLastYear_OnScreenAndInTheWorkbook()
    {
        var view = await new RevisedInJuly { MergedLastYear = true }.Reader().ReadAsync(2024, 2, new CallOptions());

        Assert.Equal(["Xã Phước Cũ"], view.Figures.Single(f => f.Code == "CT02").SamePeriodFormer);
        Assert.All(view.Figures.Where(f => f.Code != "CT02"), f => Assert.Empty(f.SamePeriodFormer!));
        var sheet = QuarterReportFormTests.Produce(view);
        Assert.Contains("Cùng kỳ gồm cả: Xã Phước Cũ", sheet.Text($"M{sheet.RowOf("B", Seeded.Catalog["CT02"].Name)}"));
    }

    [Fact]
    public async Task Read_TheCausesAndSolutionsOfTheQuartersMonths_AndNoneSaidWhereTheUnitsWereNotRead()
    {
        var view = await new RevisedInJuly().Reader().ReadAsync(2024, 2, new CallOptions());

        var ct04 = view.Figures.Single(f => f.Code == "CT04");
        Assert.Equal([RevisedInJuly.Cause], ct04.Causes);
        Assert.Equal([RevisedInJuly.Solution], ct04.Solutions);
        Assert.Contains(view.Figures, f => f.Causes is null && f.Solutions is null);
        Assert.Equal(Seeded.Units[RevisedInJuly.Office].Name, view.Figures.Single(f => f.Code == "CT04").Office);
    }

    [Fact]
    public async Task Read_TheBlocksInTheirOrder_EachByCode()
    {
        var view = await new RevisedInJuly().Reader().ReadAsync(2024, 2, new CallOptions());

        Assert.Equal(PublishedPlan.BlockNames, view.Figures.Select(f => f.Block).Distinct());
        Assert.All(view.Figures.GroupBy(f => f.Block), g => Assert.Equal(g.Select(f => f.Code).Order(StringComparer.Ordinal), g.Select(f => f.Code)));
    }
}
