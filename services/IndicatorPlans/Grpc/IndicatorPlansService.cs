using Google.Protobuf;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using SectorBlock = TuyPhuoc.Contracts.Plans.V1.SectorBlock;
using UnitKind = TuyPhuoc.Contracts.Plans.V1.UnitKind;

namespace TuyPhuoc.IndicatorPlans.Grpc;

using TuyPhuoc.Contracts.Plans.V1;

[Authorize(Policy = AccessPolicy.Name)]
public sealed class IndicatorPlansService(PlansStore store, PlansDbContext db, ChangeSignal signal) : Contracts.Plans.V1.IndicatorPlans.IndicatorPlansBase
{
    public override Task<Contracts.Audit.V1.ListAuditResponse> ListAudit(Contracts.Audit.V1.ListAuditRequest request, ServerCallContext context) =>
        db.ListAsync(request, context.CancellationToken);

    public override async Task<ListUnitsResponse> ListUnits(ListUnitsRequest request, ServerCallContext context)
    {
        var asOf = request.AsOf.ToDate("as_of") ?? store.Today;
        var units = (await store.UnitsAsync(context.CancellationToken)).Values
            .Where(u => u.ExistsOn(asOf) && (request.Kind == UnitKind.Unspecified || u.Kind.ToProto() == request.Kind))
            .OrderBy(u => u.Code, StringComparer.Ordinal);
        var (page, next) = Paging.Page(units, u => u.Code, request.PageSize, request.PageToken);
        return new ListUnitsResponse { Units = { page.Select(u => u.ToProto()) }, NextPageToken = next };
    }

    public override async Task<GetUnitTreeResponse> GetUnitTree(GetUnitTreeRequest request, ServerCallContext context)
    {
        var asOf = request.AsOf.ToDate("as_of") ?? store.Today;
        var tree = Domain.CatalogRules.Tree((await store.UnitsAsync(context.CancellationToken)).Values, asOf)
            ?? throw new NotFoundException($"No unit existed on {asOf:yyyy-MM-dd}.");
        return new GetUnitTreeResponse { Root = tree.ToProto() };
    }

    public override Task<Unit> CreateUnit(CreateUnitRequest request, ServerCallContext context) =>
        WriteAsync(nameof(CreateUnit), context, request.IdempotencyKey, request, Unit.Parser, async ct =>
            (await store.CreateUnitAsync(InvalidInputException.Required(request.Unit, "unit").ToDomain(), ct)).ToProto());

    public override Task<Unit> CloseUnit(CloseUnitRequest request, ServerCallContext context) =>
        WriteAsync(nameof(CloseUnit), context, request.IdempotencyKey, request, Unit.Parser, async ct =>
            (await store.CloseUnitAsync(request.Code.Trim(),
                InvalidInputException.Required(request.ClosedFrom.ToDate("closed_from"), "closed_from"),
                string.IsNullOrWhiteSpace(request.MergedIntoCode) ? null : request.MergedIntoCode.Trim(), ct)).ToProto());

    public override Task<Unit> RenameUnit(RenameUnitRequest request, ServerCallContext context) =>
        WriteAsync(nameof(RenameUnit), context, request.IdempotencyKey, request, Unit.Parser, async ct =>
            (await store.RenameUnitAsync(request.Code.Trim(), request.Name, ct)).ToProto());

    public override async Task<ListBlocksResponse> ListBlocks(ListBlocksRequest request, ServerCallContext context) =>
        new() { Blocks = { (await store.BlocksAsync(context.CancellationToken)).Select(b => b.ToProto()) } };

    public override async Task<ListIndicatorsResponse> ListIndicators(ListIndicatorsRequest request, ServerCallContext context)
    {
        var indicators = (await store.CatalogAsync(context.CancellationToken)).Values
            .Where(i => (request.Block == SectorBlock.Unspecified || i.Block.ToProto() == request.Block)
                && (request.Source == IndicatorSource.Unspecified || (int)i.Source == (int)request.Source))
            .OrderBy(i => i.Code, StringComparer.Ordinal);
        var (page, next) = Paging.Page(indicators, i => i.Code, request.PageSize, request.PageToken);
        return new ListIndicatorsResponse { Indicators = { page.Select(i => i.ToProto()) }, NextPageToken = next };
    }

    public override async Task<Indicator> GetIndicator(GetIndicatorRequest request, ServerCallContext context) =>
        (await store.IndicatorAsync(request.Code.Trim(), context.CancellationToken)).ToProto();

    public override Task<Indicator> CreateIndicator(CreateIndicatorRequest request, ServerCallContext context) =>
        WriteAsync(nameof(CreateIndicator), context, request.IdempotencyKey, request, Indicator.Parser, async ct =>
            (await store.CreateIndicatorAsync(InvalidInputException.Required(request.Indicator, "indicator").ToDomain(), ct)).ToProto());

    public override Task<Indicator> UpdateIndicator(UpdateIndicatorRequest request, ServerCallContext context) =>
        WriteAsync(nameof(UpdateIndicator), context, request.IdempotencyKey, request, Indicator.Parser, async ct =>
            (await store.UpdateIndicatorAsync(InvalidInputException.Required(request.Indicator, "indicator").ToDomain(), ct)).ToProto());

    public override Task<Indicator> RetireIndicator(RetireIndicatorRequest request, ServerCallContext context) =>
        WriteAsync(nameof(RetireIndicator), context, request.IdempotencyKey, request, Indicator.Parser, async ct =>
            (await store.RetireIndicatorAsync(request.Code.Trim(), request.FromYear, ct)).ToProto());

    public override async Task<Plan> GetPlan(GetPlanRequest request, ServerCallContext context)
    {
        var ct = context.CancellationToken;
        var (revision, targets) = await store.PlanAsync(request.Year, request.AsOf.ToDate("as_of"), ct);
        var catalog = await store.CatalogAsync(ct);
        return Mapping.ToProto(revision, targets, Domain.PlanRules.Warnings(targets, catalog), catalog);
    }

    public override async Task<ListPlanRevisionsResponse> ListPlanRevisions(ListPlanRevisionsRequest request, ServerCallContext context)
    {
        var revisions = await store.RevisionsAsync(request.Year, context.CancellationToken);
        if (revisions.Count == 0) throw new NotFoundException($"There is no plan for {request.Year}.");
        return new ListPlanRevisionsResponse { Revisions = { revisions.Select(r => r.ToProto()) } };
    }

    public override Task<Plan> CreatePlan(CreatePlanRequest request, ServerCallContext context) =>
        WriteAsync(nameof(CreatePlan), context, request.IdempotencyKey, request, Plan.Parser, async ct =>
        {
            var header = Mapping.Header(request.Year, request.DecisionNumber, request.DecisionDate, request.EffectiveFrom);
            var (revision, warnings) = await store.CreatePlanAsync(header, request.Targets.Select(t => t.ToDomain()).ToList(), Caller(context), ct);
            return Mapping.ToProto(revision, revision.Targets, warnings, await store.CatalogAsync(ct));
        });

    public override Task<Plan> RevisePlan(RevisePlanRequest request, ServerCallContext context) =>
        WriteAsync(nameof(RevisePlan), context, request.IdempotencyKey, request, Plan.Parser, async ct =>
        {
            var header = Mapping.Header(request.Year, request.DecisionNumber, request.DecisionDate, request.EffectiveFrom, request.Reason, request.AppliesFromStartOfYear);
            var (revision, warnings) = await store.RevisePlanAsync(header, request.Targets.Select(t => t.ToDomain()).ToList(), Caller(context), ct);
            return Mapping.ToProto(revision, revision.Targets, warnings, await store.CatalogAsync(ct));
        });

    public override async Task<ListTargetsResponse> ListTargets(ListTargetsRequest request, ServerCallContext context)
    {
        var ct = context.CancellationToken;
        var (_, targets) = await store.PlanAsync(request.Year, request.AsOf.ToDate("as_of"), ct);
        var catalog = await store.CatalogAsync(ct);
        var inBlock = targets.Where(t => request.Block == SectorBlock.Unspecified || catalog[t.IndicatorCode].Block.ToProto() == request.Block);
        var (page, next) = Paging.Page(inBlock, t => t.IndicatorCode, request.PageSize, request.PageToken);
        return new ListTargetsResponse { Targets = { page.Select(t => t.ToProto(catalog[t.IndicatorCode])) }, NextPageToken = next };
    }

    public override async Task<GetUnitAssignmentsResponse> GetUnitAssignments(GetUnitAssignmentsRequest request, ServerCallContext context)
    {
        var ct = context.CancellationToken;
        var unitCode = request.UnitCode.Trim();
        if (!(await store.UnitsAsync(ct)).ContainsKey(unitCode)) throw new NotFoundException($"Unit {unitCode} does not exist.");
        var (_, targets) = await store.PlanAsync(request.Year, request.AsOf.ToDate("as_of"), ct);
        var assignments = Domain.CatalogRules.Assignments(unitCode, targets, await store.CatalogAsync(ct));
        var (page, next) = Paging.Page(assignments, a => a.Indicator.Code, request.PageSize, request.PageToken);
        return new GetUnitAssignmentsResponse
        {
            UnitCode = unitCode,
            Year = request.Year,
            NextPageToken = next,
            Assignments =
            {
                page.Select(a => new Assignment
                {
                    Indicator = a.Indicator.ToProto(),
                    YearTarget = a.YearTarget,
                    Quarters = { a.Quarters },
                    Months = { a.Months },
                    DistrictFigure = a.DistrictFigure,
                }),
            },
        };
    }

    public override async Task<ListAssignmentsResponse> ListAssignments(ListAssignmentsRequest request, ServerCallContext context)
    {
        var ct = context.CancellationToken;
        var (_, targets) = await store.PlanAsync(request.Year, request.AsOf.ToDate("as_of"), ct);
        var assigned = Domain.CatalogRules.Assignments(targets, await store.CatalogAsync(ct));
        var (first, last) = (new DateOnly(request.Year, 1, 1), new DateOnly(request.Year, 12, 31));
        var units = (await store.UnitsAsync(ct)).Values
            .Where(u => u.ValidFrom <= last && (u.ValidTo is null || u.ValidTo > first))
            .OrderBy(u => u.Code, StringComparer.Ordinal);
        var (page, next) = Paging.Page(units, u => u.Code, request.PageSize, request.PageToken);
        return new ListAssignmentsResponse
        {
            Year = request.Year,
            NextPageToken = next,
            Units =
            {
                page.Select(u => new UnitAssignments
                {
                    UnitCode = u.Code,
                    Assignments =
                    {
                        assigned.GetValueOrDefault(u.Code, []).Select(a => new AssignedIndicator
                        {
                            IndicatorCode = a.Indicator.Code, YearTarget = a.YearTarget, Quarters = { a.Quarters }, Months = { a.Months }, DistrictFigure = a.DistrictFigure,
                        }),
                    },
                }),
            },
        };
    }

    public override Task WatchChanges(WatchChangesRequest request, IServerStreamWriter<Change> responseStream, ServerCallContext context)
    {
        if (request.AfterSequence < 0) throw new InvalidInputException("after_sequence", "must not be negative");
        return ChangeFeedStreaming.StreamAsync(store.ChangesAfterAsync, e => e.ToProto(), request.AfterSequence, responseStream, signal, context.CancellationToken);
    }

    private static string Caller(ServerCallContext context) => context.GetHttpContext().User.SubjectOf();

    private static string? Key(ServerCallContext context, string key) => CallerScope.Of(context).Key(key);

    /// <summary>Runs an RPC's write once per the caller's idempotency key.</summary>
    private Task<TResponse> WriteAsync<TResponse>(string operation, ServerCallContext context, string idempotencyKey, IMessage request,
        MessageParser<TResponse> parser, Func<CancellationToken, Task<TResponse>> write) where TResponse : class, IMessage<TResponse> =>
        store.WriteAsync(operation, Key(context, idempotencyKey), request, parser, write, context.CancellationToken);
}
