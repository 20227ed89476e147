using Microsoft.AspNetCore.Authorization;
using TuyPhuoc.Contracts.Scoring.V1;
using Ranking = TuyPhuoc.Contracts.Scoring.V1.Ranking;

namespace TuyPhuoc.EmulationScoring.Grpc;

[Authorize(Policy = AccessPolicy.Name)]
public sealed class EmulationScoringService(ScoringStore store, RankingReader rankings, IScoringInputs inputs, Data.EmulationScoringDbContext db)
    : Contracts.Scoring.V1.EmulationScoring.EmulationScoringBase
{
    public override Task<Contracts.Audit.V1.ListAuditResponse> ListAudit(Contracts.Audit.V1.ListAuditRequest request, ServerCallContext context) =>
        db.ListAsync(request, context.CancellationToken);

    public override async Task<Scheme> GetScheme(GetSchemeRequest request, ServerCallContext context)
    {
        RequireYear(request.Year);
        if (request.Version < 0) throw new InvalidInputException("version", "must be 0 (the latest) or a version number");
        var scheme = await store.SchemeAsync(request.Year, request.Version, context.CancellationToken)
            ?? throw new NotFoundException(request.Version == 0 ? $"There is no scheme for {request.Year}." : $"The {request.Year} scheme has no version {request.Version}.");
        return scheme.ToProto();
    }

    public override async Task<ListSchemeVersionsResponse> ListSchemeVersions(ListSchemeVersionsRequest request, ServerCallContext context)
    {
        RequireYear(request.Year);
        return new ListSchemeVersionsResponse { Versions = { (await store.SchemeVersionsAsync(request.Year, context.CancellationToken)).Select(s => s.ToProto()) } };
    }

    public override Task<Scheme> SetScheme(SetSchemeRequest request, ServerCallContext context)
    {
        var scheme = InvalidInputException.Required(request.Scheme, "scheme");
        return store.WriteAsync(nameof(SetScheme), CallerScope.Of(context).Key(request.IdempotencyKey), request, Scheme.Parser, async ct =>
        {
            // The weights must cover the indicators the year's plan assigns.
            var plan = PlanCalendar.IsPlanYear(scheme.Year) ? await inputs.PlanAsync(scheme.Year, ct) : null;
            return (await store.AddSchemeAsync(scheme, plan?.IndicatorCodes ?? [], Caller(context), ct)).ToProto();
        }, context.CancellationToken);
    }

    public override async Task<Score> GetScore(GetScoreRequest request, ServerCallContext context)
    {
        var ct = context.CancellationToken;
        RequireYear(request.Year);
        RequireQuarter(request.Quarter);
        var unitCode = request.UnitCode.Trim();
        new Violations().RequireText(unitCode, "unit_code", 100).ThrowIfAny();
        var caller = CallerScope.Of(context);
        // A unit reporter is refused another unit before the lookup; a block leader by the unit's block, after it.
        caller.NarrowUnit(unitCode);
        var row = await store.ScoreAsync(unitCode, request.Year, request.Quarter, ct);
        if (row is null)
        {
            // Whether the unit is the caller's to see decides between "not yet" and a refusal.
            var plan = caller.Grant == Grant.OwnBlock ? await inputs.PlanAsync(request.Year, ct) : null;
            caller.DemandUnit(unitCode, plan?.Units.GetValueOrDefault(unitCode)?.Block);
            throw new NotFoundException($"There is no score of {unitCode} for {request.Year}{(request.Quarter == 0 ? "" : $" Q{request.Quarter}")} (yet).");
        }
        caller.DemandUnit(row.UnitCode, row.Block);
        var score = Score.Parser.ParseFrom(row.Breakdown);
        (score.Rank, score.BlockRank, score.ClassificationCode, score.ClassificationName, score.HeldBackByCap) =
            (row.Rank, row.BlockRank, row.ClassCode, row.ClassName, row.HeldBackByCap);
        score.Final = (await store.YearAsync(request.Year, ct)).Final;
        return score;
    }

    public override async Task<Ranking> ListRanking(ListRankingRequest request, ServerCallContext context)
    {
        var ct = context.CancellationToken;
        RequireYear(request.Year);
        RequireQuarter(request.Quarter);
        var requested = string.IsNullOrWhiteSpace(request.Block) ? null : request.Block.Trim();
        if (requested is not null && !Blocks.Ranked.Contains(requested))
            throw new InvalidInputException("block", $"must be one of {string.Join(", ", Blocks.Ranked)}");
        var caller = CallerScope.Of(context);
        var block = caller.NarrowBlock(requested, $"A block leader of {caller.Block} sees the ranking of that block only.");
        var (entries, next) = await rankings.PageAsync(request.Year, request.Quarter, block, request.PageSize, request.PageToken, ct);
        return new Ranking
        {
            Year = request.Year,
            Quarter = request.Quarter,
            Block = block ?? "",
            Entries = { entries },
            NextPageToken = next,
            Final = (await store.YearAsync(request.Year, ct)).Final,
        };
    }

    public override Task<YearState> FinalizeYear(FinalizeYearRequest request, ServerCallContext context)
    {
        RequireYear(request.Year);
        return store.WriteAsync(nameof(FinalizeYear), CallerScope.Of(context).Key(request.IdempotencyKey), request, YearState.Parser, async ct =>
            (await store.FinalizeAsync(request.Year, Caller(context), request.Reason, ct)).ToProto(), context.CancellationToken);
    }

    public override Task<YearState> ReopenYear(ReopenYearRequest request, ServerCallContext context)
    {
        RequireYear(request.Year);
        return store.WriteAsync(nameof(ReopenYear), CallerScope.Of(context).Key(request.IdempotencyKey), request, YearState.Parser, async ct =>
            (await store.ReopenAsync(request.Year, Caller(context), request.Reason, ct)).ToProto(), context.CancellationToken);
    }

    public override async Task<YearState> GetYearState(GetYearStateRequest request, ServerCallContext context)
    {
        RequireYear(request.Year);
        return (await store.YearAsync(request.Year, context.CancellationToken)).ToProto();
    }

    private static void RequireYear(int year) =>
        new Violations().Require(PlanCalendar.IsPlanYear(year), "year", PlanCalendar.YearRange).ThrowIfAny();

    private static void RequireQuarter(int quarter) =>
        new Violations().Require(quarter is >= 0 and <= 4, "quarter", "must be 1..4 for a provisional score, or 0 for the whole year").ThrowIfAny();

    private static string Caller(ServerCallContext context) => context.GetHttpContext().User.SubjectOf();
}
