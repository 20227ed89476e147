using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Grpc.Core;
using TuyPhuoc.Contracts.Plans.V1;
using TuyPhuoc.Portal.Features;
using TuyPhuoc.Portal.Forms;
using TuyPhuoc.Portal.Tests.Forms;
using TuyPhuoc.ServiceDefaults;
using PlanReader = TuyPhuoc.Portal.Features.PlanReader;
using static TuyPhuoc.Portal.Tests.Features.FakeSuite;

namespace TuyPhuoc.Portal.Tests.Features;

/// <summary>
/// The plans of 2024 with the seeded decision and a revision from 1 July that raises grain (CT02) to 150.000 tonnes;
/// a plan read before July is the seeded one. A year without a plan answers NotFound.
/// </summary>
internal sealed class RevisedPlans(bool planned = true) : PlansClient(Seeded.Units.Values, Seeded.Catalog.Values)
{
    public static readonly PlanRevision July = new()
    {
        Year = 2024, Revision = 2, DecisionNumber = "1500/QĐ-UBND", DecisionDate = new DateOnly(2024, 6, 20).ToProto(), EffectiveFrom = new DateOnly(2024, 7, 1).ToProto(),
        Reason = "Tỉnh giao bổ sung", ChangedIndicatorCodes = { "CT02" },
    };

    public List<GetPlanRequest> Read { get; } = [];
    public List<RevisePlanRequest> Revised { get; } = [];
    public List<CreatePlanRequest> Created { get; } = [];
    public RpcException? Refusal { get; init; }
    public IReadOnlyList<PlanWarning> Warnings { get; init; } = [];

    public static Plan AsOf(DateOnly date)
    {
        var plan = Seeded.Plan;
        if (date < new DateOnly(2024, 7, 1)) return plan;
        var grain = plan.Targets.Single(t => t.IndicatorCode == "CT02");
        (grain.DistrictTarget, grain.Revision, plan.Revision) = (150_000, 2, July);
        return plan;
    }

    public override AsyncUnaryCall<ListPlanRevisionsResponse> ListPlanRevisionsAsync(ListPlanRevisionsRequest request, CallOptions options) =>
        planned ? Answer(new ListPlanRevisionsResponse { Revisions = { Seeded.Plan.Revision, July } }) : Refuse<ListPlanRevisionsResponse>(StatusCode.NotFound);

    public override AsyncUnaryCall<Plan> GetPlanAsync(GetPlanRequest request, CallOptions options)
    {
        Read.Add(request);
        var plan = AsOf(new DateOnly(request.AsOf.Year, request.AsOf.Month, request.AsOf.Day));
        plan.Warnings.Add(Warnings);
        return Answer(plan);
    }

    public override AsyncUnaryCall<Plan> RevisePlanAsync(RevisePlanRequest request, CallOptions options)
    {
        Revised.Add(request);
        return Refusal is { } e ? new(Task.FromException<Plan>(e), Task.FromResult(new Metadata()), () => e.Status, () => [], () => { })
            : Answer(new Plan { Year = request.Year, Revision = new PlanRevision { Revision = 3, DecisionNumber = request.DecisionNumber } });
    }

    public override AsyncUnaryCall<Plan> CreatePlanAsync(CreatePlanRequest request, CallOptions options)
    {
        Created.Add(request);
        return Answer(new Plan { Year = request.Year, Revision = new PlanRevision { Revision = 1, DecisionNumber = request.DecisionNumber } });
    }
}

public sealed class PlanReaderTests
{
    private static readonly CallOptions Call = new();

    private static PlanReader Reader(RevisedPlans plans) => new(plans, Plans([], client: plans), RevisedYear.L);

    private static byte[] Written(PlanView view)
    {
        using var stream = new MemoryStream();
        PlanWorkbook.Write(stream, view);
        return stream.ToArray();
    }

    private static UploadedWorkbook Upload(byte[] workbook, params (string Cell, object? Value)[] cells) =>
        new(Xlsx.Read(new MemoryStream(Filled.In(workbook, PlanWorkbook.TargetsSheet, cells))), "abc");

    [Fact]
    public async Task Read_APlanRevisedInJuly_ThePlanAtTheYearsEnd_BlockByBlockAndNumbered()
    {
        var plans = new RevisedPlans();

        var view = await Reader(plans).ReadAsync(2024, Call);

        Assert.Equal(new DateOnly(2024, 12, 31).ToProto(), Assert.Single(plans.Read).AsOf);
        Assert.Equal([1, 2], view.Revisions.Select(r => r.Revision));
        Assert.Equal([SectorBlock.Economy, SectorBlock.CultureSociety, SectorBlock.InternalAffairs], view.Blocks.Select(b => b.Block));
        Assert.Equal(Enumerable.Range(1, 34), view.Lines.Select(l => l.Number));
        var grain = view.Lines.Single(l => l.Target.IndicatorCode == "CT02");
        Assert.Equal((Seeded.Catalog["CT02"].Name, "tấn", 150_000d, 2), (grain.Name, grain.UnitOfMeasure, grain.Target.DistrictTarget, grain.Target.Revision));
    }

    [Fact]
    public async Task Read_AYearWithoutAPlan_NoTargets_ThePlanNotAskedFor()
    {
        var plans = new RevisedPlans(planned: false);

        var view = await Reader(plans).ReadAsync(2027, Call);

        Assert.Equal((0, 0, (Plan?)null), (view.Revisions.Count, view.Blocks.Count, view.Plan));
        Assert.Empty(plans.Read);
    }

    [Fact]
    public async Task Import_APlannedYear_OnlyWhatChangedAsARevision_ThenThePlanReadAgain()
    {
        var plans = new RevisedPlans();
        var reader = Reader(plans);
        var view = await reader.ReadAsync(2024, Call);
        var workbook = Written(view);
        var row = new Opened(workbook, PlanWorkbook.TargetsSheet).RowOf("C", "CT04");

        var import = await reader.ImportAsync(2024, Upload(workbook, ("C8", "1600/QĐ-UBND"), ("C11", "Điều chỉnh giữa năm"), ($"F{row}", 9_999d)), Call);

        Assert.Empty(import.Errors);
        var revision = Assert.Single(plans.Revised);
        Assert.Equal(("1600/QĐ-UBND", "portal-plan-2024-abc", 9_999d), (revision.DecisionNumber, revision.IdempotencyKey, Assert.Single(revision.Targets).DistrictTarget));
        Assert.Equal(("CT04", 3), (revision.Targets[0].IndicatorCode, import.Stored!.Revision.Revision));
        Assert.Empty(plans.Created);
        Assert.Equal(3, plans.Read.Count);
    }

    [Fact]
    public async Task Import_TheServiceRefusesAField_TheRefusalAtItsCell_NothingStored()
    {
        var refusal = new Google.Rpc.Status
        {
            Code = (int)Code.InvalidArgument, Message = "invalid",
            Details = { Any.Pack(new BadRequest { FieldViolations = { new BadRequest.Types.FieldViolation { Field = "targets[0].district_target", Description = "must not be negative" } } }) },
        }.ToRpcException();
        var plans = new RevisedPlans { Refusal = refusal };
        var reader = Reader(plans);
        var view = await reader.ReadAsync(2024, Call);
        var workbook = Written(view);
        var row = new Opened(workbook, PlanWorkbook.TargetsSheet).RowOf("C", "CT04");

        var import = await reader.ImportAsync(2024, Upload(workbook, ("C8", "1600/QĐ-UBND"), ($"F{row}", -5d)), Call);

        Assert.Equal([$"ChiTieu!F{row}: Không được là số âm."], import.Errors.Select(e => e.ToString()));
        Assert.Null(import.Stored);
    }

    [Fact]
    public async Task Import_AnotherYearsWorkbook_RefusedAtItsYearCell()
    {
        var plans = new RevisedPlans();
        var reader = Reader(plans);
        var view = await reader.ReadAsync(2024, Call);

        var workbook = Written(view);
        var row = new Opened(workbook, PlanWorkbook.TargetsSheet).RowOf("C", "CT04");

        var import = await reader.ImportAsync(2025, Upload(workbook, ("C8", "1600/QĐ-UBND"), ($"F{row}", 9_999d)), Call);

        Assert.Equal("ChiTieu!C7: Tệp là kế hoạch năm 2024, không phải năm 2025.", Assert.Single(import.Errors).ToString());
        Assert.Empty(plans.Revised);
    }
}
