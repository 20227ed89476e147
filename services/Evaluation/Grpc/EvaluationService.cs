using Microsoft.AspNetCore.Authorization;

namespace TuyPhuoc.Evaluation.Grpc;

using TuyPhuoc.Contracts.Evaluation.V1;

[Authorize(Policy = AccessPolicy.Name)]
public sealed class EvaluationService(Reports reports, FullRecompute recompute, EvaluationStore store, PolicyStore policies, IPlanSource plans,
    ChangeSignal signal, IEnumerable<ISetAsideRetry> followers, Announcements announcements, AnnouncementContent content, DistrictClock clock, Data.EvaluationDbContext db)
    : Contracts.Evaluation.V1.Evaluation.EvaluationBase
{
    public override Task<Contracts.Audit.V1.ListAuditResponse> ListAudit(Contracts.Audit.V1.ListAuditRequest request, ServerCallContext context) =>
        db.ListAsync(request, context.CancellationToken, ChangeKinds.ResultChanged);

    public override Task<IndicatorStatus> GetIndicatorStatus(GetIndicatorStatusRequest request, ServerCallContext context)
    {
        var (year, quarter) = Mapping.Period(request.Year, request.Quarter, Mapping.Required(request.UnitCode, "unit_code"), Mapping.Required(request.IndicatorCode, "indicator_code"));
        return reports.StatusAsync(Caller(context), request.UnitCode.Trim(), request.IndicatorCode.Trim(), year, quarter, context.CancellationToken);
    }

    public override async Task<Scorecard> GetScorecard(GetScorecardRequest request, ServerCallContext context)
    {
        var (year, quarter) = Mapping.Period(request.Year, request.Quarter, Mapping.Required(request.UnitCode, "unit_code"));
        var full = await reports.ScorecardAsync(Caller(context), request.UnitCode.Trim(), year, quarter, context.CancellationToken);
        var (page, next) = Paging.Page(full.Statuses, s => $"{s.IndicatorCode}/{s.UnitCode}", request.PageSize, request.PageToken);
        return new Scorecard { UnitCode = full.UnitCode, Year = year, Quarter = quarter, Statuses = { page }, Counts = { full.Counts }, NextPageToken = next,
            Preliminary = full.Preliminary };
    }

    public override Task<BlockSummary> GetBlockSummary(GetBlockSummaryRequest request, ServerCallContext context)
    {
        var (year, quarter) = Mapping.Period(request.Year, request.Quarter, Mapping.Block(request.Block, required: true));
        return reports.BlockSummaryAsync(Caller(context), request.Block.Trim(), year, quarter, context.CancellationToken);
    }

    public override Task<QuarterReport> GetQuarterReport(GetQuarterReportRequest request, ServerCallContext context)
    {
        var (year, quarter) = Mapping.Period(request.Year, request.Quarter);
        return reports.QuarterReportAsync(Caller(context), year, quarter, context.CancellationToken);
    }

    public override async Task<ListLaggardsResponse> ListLaggards(ListLaggardsRequest request, ServerCallContext context)
    {
        var (year, quarter) = Mapping.Period(request.Year, request.Quarter, Mapping.Block(request.Block, required: false));
        var laggards = await reports.LaggardsAsync(Caller(context), year, quarter, Text.Optional(request.UnitCode), Text.Optional(request.Block),
            context.CancellationToken);
        var (page, next) = Paging.Page(laggards, l => l.Key, request.PageSize, request.PageToken);
        return new ListLaggardsResponse { Laggards = { page.Select(l => l.Laggard) }, NextPageToken = next };
    }

    public override async Task<RecomputeResponse> Recompute(RecomputeRequest request, ServerCallContext context)
    {
        var (year, _) = Mapping.Period(request.Year, 1);
        // Entries set aside as unappliable are tried again first: a recompute is how an operator says the cause is fixed.
        foreach (var follower in followers) await follower.RetrySetAsideAsync(context.CancellationToken);
        var outcome = await recompute.RunAsync(year, context.CancellationToken);
        // Kept in the audit: who recomputed which year, and what it changed.
        db.Add(ChangeLogEntry.For(ChangeKinds.Recomputed, year.ToString(System.Globalization.CultureInfo.InvariantCulture),
            System.Text.Json.JsonSerializer.Serialize(new { Year = year, outcome.Results, outcome.Changed })));
        await db.SaveChangesAsync(context.CancellationToken);
        signal.Pulse();
        return new RecomputeResponse { Year = year, Results = outcome.Results, Changed = outcome.Changed, Seconds = outcome.Elapsed.TotalSeconds };
    }

    public override async Task WatchResults(WatchResultsRequest request, IServerStreamWriter<ResultChange> responseStream, ServerCallContext context)
    {
        if (request.AfterSequence < 0) throw new InvalidInputException("after_sequence", "must not be negative");
        var feed = new ResultFeed(store, Caller(context));
        await ChangeFeedStreaming.StreamAsync(feed.ReadAfterAsync, feed.Map, request.AfterSequence, responseStream, signal, context.CancellationToken);
    }

    public override async Task<Policy> GetPolicy(GetPolicyRequest request, ServerCallContext context)
    {
        var (year, _) = Mapping.Period(request.Year, 1, new Violations().Require(request.Version >= 0, "version", "must not be negative"));
        return (await policies.GetAsync(year, request.Version, context.CancellationToken)
            ?? throw new NotFoundException($"The evaluation policy of {year} has no version {request.Version}.")).ToProto();
    }

    public override async Task<ListPolicyVersionsResponse> ListPolicyVersions(ListPolicyVersionsRequest request, ServerCallContext context)
    {
        var (year, _) = Mapping.Period(request.Year, 1);
        return new ListPolicyVersionsResponse { Versions = { (await policies.VersionsAsync(year, context.CancellationToken)).Select(p => p.ToProto()) } };
    }

    public override async Task<Policy> SetPolicy(SetPolicyRequest request, ServerCallContext context)
    {
        var (year, policy, reason) = PolicyMapping.ToDomain(request.Policy);
        var caller = CallerScope.Of(context);
        var ct = context.CancellationToken;
        var set = await policies.WriteOnceAsync(nameof(SetPolicy), caller.Key(request.IdempotencyKey), request, Policy.Parser,
            async token => (await policies.AddAsync(year, policy, reason, caller.Subject, token)).ToProto(), ct);
        // The year's results are judged by it before the answer; should this not finish, PolicyCatchUp applies it at start.
        if (await plans.GetAsync(year, ct) is not null) await recompute.RunAsync(year, ct);
        return set;
    }

    public override async Task<Announcement> IssueAnnouncement(IssueAnnouncementRequest request, ServerCallContext context)
    {
        var (year, quarter) = Mapping.Period(request.Year, request.Quarter);
        var date = request.Date.ToDate("date");
        AnnouncementRules.Check(year, quarter, request.Number, date, clock.Today);
        var caller = Caller(context);
        var ct = context.CancellationToken;
        // Taken before the write's transaction: reading the other services holds no connection of this one.
        var frozen = await content.TakeAsync(caller, year, quarter, ct);
        return await announcements.WriteOnceAsync(nameof(IssueAnnouncement), caller.Key(request.IdempotencyKey), request, Announcement.Parser,
            token => announcements.AddAsync(frozen, request.Number, date!.Value, caller.Subject, token), ct);
    }

    public override async Task<ListAnnouncementsResponse> ListAnnouncements(ListAnnouncementsRequest request, ServerCallContext context)
    {
        var (year, _) = Mapping.Period(request.Year, 1);
        return new ListAnnouncementsResponse { Announcements = { await announcements.ListAsync(year, context.CancellationToken) } };
    }

    public override async Task<Announcement> GetAnnouncement(GetAnnouncementRequest request, ServerCallContext context)
    {
        var (year, quarter) = Mapping.Period(request.Year, request.Quarter, new Violations().Require(request.Version >= 0, "version", "must not be negative"));
        return await announcements.GetAsync(year, quarter, request.Version, context.CancellationToken)
            ?? throw new NotFoundException($"Quarter {quarter} of {year} has no announcement{(request.Version > 0 ? $" version {request.Version}" : "")}.");
    }

    public override async Task WatchAnnouncements(WatchAnnouncementsRequest request, IServerStreamWriter<AnnouncementChange> responseStream, ServerCallContext context)
    {
        if (request.AfterSequence < 0) throw new InvalidInputException("after_sequence", "must not be negative");
        Dictionary<string, Announcement> issued = [];
        await ChangeFeedStreaming.StreamAsync(async (after, ct) =>
            {
                var entries = await announcements.IssuesAfterAsync(after, ct);
                issued = await announcements.IssuedAsync(entries, ct);
                return entries;
            },
            entry => issued.TryGetValue(entry.Key, out var announcement) ? Mapping.ToChange(entry, announcement) : null,
            request.AfterSequence, responseStream, signal, context.CancellationToken);
    }

    private static CallerScope Caller(ServerCallContext context)
    {
        var caller = CallerScope.Of(context);
        return caller.Usable ? caller : throw new PermissionDeniedException($"The role {caller.Role} may not read evaluation results.");
    }

    /// <summary>Change-log entries with the results as they stand now; entries the caller may not see map to nothing.</summary>
    private sealed class ResultFeed(EvaluationStore store, CallerScope caller)
    {
        private Dictionary<string, StoredResult> _current = [];
        private readonly Dictionary<int, string> _districts = [];

        public async Task<List<ChangeLogEntry>> ReadAfterAsync(long after, CancellationToken ct)
        {
            var entries = await store.ChangesAfterAsync(after, ct);
            _current = await store.ResultsOfChangesAsync(entries.Where(e => e.Kind == ChangeKinds.ResultChanged), ct);
            foreach (var year in _current.Values.Select(r => r.Key.Year).Distinct().Where(y => !_districts.ContainsKey(y)))
            {
                _districts[year] = (await store.ResultsAsync(year, ct, districtOnly: true, limit: 1)).Select(r => r.Key.UnitCode).FirstOrDefault() ?? "";
            }
            return entries;
        }

        public ResultChange? Map(ChangeLogEntry entry) =>
            _current.TryGetValue(entry.Key, out var row) && caller.SeesResult(row, _districts[row.Key.Year]) ? Mapping.ToChange(entry, row) : null;
    }
}
