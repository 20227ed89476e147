using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Plans = TuyPhuoc.Contracts.Plans.V1;
using TuyPhuoc.ChangeFeeds;
using TuyPhuoc.ServiceDefaults;

namespace TuyPhuoc.PlanModel;

/// <summary>
/// The one reader of plans for the suite's services. A year is read from IndicatorPlans once and kept, with each
/// service's own view of it, until the plans' change feed says the year changed. The staleness rule: a load that began
/// before a change is not kept, and a caller that finds the plan lacking what it was just told of (a unit, an
/// assignment) may have it read again, once a load is <see cref="RereadAfter"/> old. <see cref="PlanFeedWatcher"/>
/// drops what a change touches, and everything when the feed breaks, since changes missed meanwhile cannot be told apart.
/// </summary>
/// <param name="readsRevisions">Whether a load also reads the year's revisions and the plan in force at each quarter's end
/// (<see cref="PublishedPlan.Revisions"/>, <see cref="PublishedPlan.AtQuarterEnds"/>): only the Evaluation judges by them.</param>
/// <param name="calls">The options of each call, where the client carries no credentials of its own (the portal calls as itself).</param>
public sealed class PlanReader(Plans.IndicatorPlans.IndicatorPlansClient plans, DistrictClock clock, ILogger<PlanReader> logger,
    bool readsRevisions = false, PlanReaderCalls? calls = null)
{
    private const int PageSize = 1000;
    /// <summary>The key today's directory is kept under beside the years; a year's directory under minus the year.</summary>
    private const int DirectoryKey = 0;
    public static readonly TimeSpan RereadAfter = TimeSpan.FromSeconds(2);
    private readonly ConcurrentDictionary<int, Lazy<Task<Entry>>> _years = new();
    private long _generation;

    private sealed record Entry(PublishedPlan? Plan, long Generation, DateTimeOffset LoadedAt, PlanDirectory? Directory = null)
    {
        public ConcurrentDictionary<Type, object> Views { get; } = new();
    }

    /// <summary>The year's plan, or null when the year has none.</summary>
    public async Task<PublishedPlan?> GetAsync(int year, CancellationToken ct) => (await LoadAsync(year, ct)).Plan;

    /// <summary>
    /// The whole catalog and the units in existence today, or with <paramref name="year"/> at any time of that year (a year
    /// of history, without a plan of its own); kept until a unit or an indicator changes.
    /// </summary>
    public async Task<PlanDirectory> DirectoryAsync(CancellationToken ct, int? year = null) => (await LoadAsync(DirectoryKey - (year ?? 0), ct)).Directory!;

    /// <summary>A service's own view of the year's plan, made once per load; null when the year has no plan.</summary>
    public async Task<TView?> GetAsync<TView>(int year, Func<PublishedPlan, TView> view, CancellationToken ct) where TView : class
    {
        var entry = await LoadAsync(year, ct);
        return entry.Plan is { } plan ? (TView)entry.Views.GetOrAdd(typeof(TView), _ => view(plan)) : null;
    }

    /// <summary>As the other form, reading the year again once when <paramref name="knows"/> is false of a load <see cref="RereadAfter"/> old.</summary>
    public async Task<TView?> GetAsync<TView>(int year, Func<PublishedPlan, TView> view, Func<TView, bool> knows, CancellationToken ct) where TView : class
    {
        var found = await GetAsync(year, view, ct);
        if (found is not null && knows(found)) return found;
        if (_years.TryGetValue(year, out var lazy) && lazy.IsValueCreated && lazy.Value.IsCompletedSuccessfully
            && clock.Now - lazy.Value.Result.LoadedAt > RereadAfter)
        {
            _years.TryRemove(new(year, lazy));
            found = await GetAsync(year, view, ct);
        }
        return found;
    }

    /// <summary>Drops a year (or everything): the next read asks IndicatorPlans again.</summary>
    public void Invalidate(int? year = null)
    {
        Interlocked.Increment(ref _generation);
        if (year is { } y) _years.TryRemove(y, out _);
        else _years.Clear();
    }

    /// <summary>Drops what a change of the plans' feed touches: a plan change its year, a unit or indicator change everything.</summary>
    public void Invalidate(Plans.Change change) =>
        Invalidate(change.Kind.StartsWith(ChangeKinds.PlanPrefix, StringComparison.Ordinal) && change.Year != 0 ? change.Year : null);

    private async Task<Entry> LoadAsync(int year, CancellationToken ct)
    {
        var lazy = _years.GetOrAdd(year, y => new Lazy<Task<Entry>>(() => y <= DirectoryKey ? FetchDirectoryAsync(-y) : FetchAsync(y)));
        try
        {
            var entry = await lazy.Value.WaitAsync(ct);
            // A change arrived while this was loading: the next reader loads again.
            if (entry.Generation != Interlocked.Read(ref _generation)) _years.TryRemove(new(year, lazy));
            return entry;
        }
        catch (Exception) when (!ct.IsCancellationRequested)
        {
            _years.TryRemove(new(year, lazy));
            throw;
        }
    }

    /// <summary>The options the reader calls IndicatorPlans with: the process's own credentials where its client carries none.</summary>
    public async Task<CallOptions> OptionsAsync(CancellationToken ct) =>
        calls is null ? new CallOptions(cancellationToken: ct) : (await calls(ct)).WithCancellationToken(ct);

    /// <param name="year">0 for today's units, else the year whose units are read.</param>
    private async Task<Entry> FetchDirectoryAsync(int year)
    {
        var generation = Interlocked.Read(ref _generation);
        var loadedAt = clock.Now;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var call = await OptionsAsync(timeout.Token);
        var units = year == 0
            ? await Paging.AllAsync(t => plans.ListUnitsAsync(new Plans.ListUnitsRequest { PageSize = PageSize, PageToken = t }, call).ResponseAsync,
                r => (r.Units, r.NextPageToken)).ToListAsync(timeout.Token)
            : [.. (await UnitsOfYearAsync(year, clock.DayOf(loadedAt), call, timeout.Token)).Values];
        var catalog = await Paging.AllAsync(t => plans.ListIndicatorsAsync(new Plans.ListIndicatorsRequest { PageSize = PageSize, PageToken = t }, call).ResponseAsync,
            r => (r.Indicators, r.NextPageToken)).ToDictionaryAsync(i => i.Code, cancellationToken: timeout.Token);
        return new Entry(null, generation, loadedAt, new PlanDirectory(units, units.ToDictionary(u => u.Code), catalog));
    }

    /// <summary>Units in existence at any time of the year: those of its first day and those of its last (or today).</summary>
    private async Task<Dictionary<string, Plans.Unit>> UnitsOfYearAsync(int year, DateOnly today, CallOptions call, CancellationToken ct)
    {
        var units = new Dictionary<string, Plans.Unit>();
        var last = new DateOnly(year, 12, 31) is var end && today < end ? today : end;
        foreach (var date in new[] { new DateOnly(year, 1, 1), last }.Distinct())
        {
            await foreach (var u in Paging.AllAsync(t => plans.ListUnitsAsync(new Plans.ListUnitsRequest { AsOf = date.ToProto(), PageSize = PageSize, PageToken = t }, call).ResponseAsync,
                r => (r.Units, r.NextPageToken)).WithCancellation(ct)) units[u.Code] = u;
        }
        return units;
    }

    private async Task<Entry> FetchAsync(int year)
    {
        var generation = Interlocked.Read(ref _generation);
        var loadedAt = clock.Now;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var ct = timeout.Token;
        var call = await OptionsAsync(ct);
        Plans.Plan plan;
        try
        {
            plan = await plans.GetPlanAsync(new Plans.GetPlanRequest { Year = year }, call);
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.NotFound)
        {
            logger.LogInformation("No plan for {Year}", year);
            return new Entry(null, generation, loadedAt);
        }
        // A quarter that ended before the first revision took effect is judged against today's plan.
        async Task<Plans.Plan?> PlanOnAsync(DateOnly date)
        {
            try
            {
                return await plans.GetPlanAsync(new Plans.GetPlanRequest { Year = year, AsOf = date.ToProto() }, call);
            }
            catch (RpcException e) when (e.StatusCode == StatusCode.NotFound)
            {
                return null;
            }
        }
        var catalog = new Dictionary<string, Plans.Indicator>();
        await foreach (var i in Paging.AllAsync(t => plans.ListIndicatorsAsync(new Plans.ListIndicatorsRequest { PageSize = PageSize, PageToken = t }, call).ResponseAsync,
            r => (r.Indicators, r.NextPageToken))) catalog[i.Code] = i;
        var units = await UnitsOfYearAsync(year, clock.DayOf(loadedAt), call, ct);
        var assignments = new Dictionary<string, IReadOnlyList<Plans.AssignedIndicator>>();
        await foreach (var u in Paging.AllAsync(t => plans.ListAssignmentsAsync(new Plans.ListAssignmentsRequest { Year = year, PageSize = PageSize, PageToken = t }, call).ResponseAsync,
            r => (r.Units, r.NextPageToken)))
        {
            if (u.Assignments.Count > 0) assignments[u.UnitCode] = u.Assignments;
        }
        var district = units.Values.FirstOrDefault(u => u.Kind == Plans.UnitKind.District)?.Code ?? "";
        IReadOnlyList<Plans.PlanRevision> revisions = [];
        Plans.Plan[] atQuarterEnds = [plan, plan, plan, plan];
        if (readsRevisions)
        {
            revisions = (await plans.ListPlanRevisionsAsync(new Plans.ListPlanRevisionsRequest { Year = year }, call)).Revisions;
            for (var q = 1; q <= 4 && revisions.Count > 1; q++) atQuarterEnds[q - 1] = await PlanOnAsync(PlanCalendar.QuarterEnd(year, q)) ?? plan;
        }
        logger.LogInformation("Plan of {Year} read: {Indicators} indicators, {Units} units, {Assigned} units with assignments",
            year, catalog.Count, units.Count, assignments.Count);
        return new Entry(new PublishedPlan(plan, catalog, units, assignments, district) { AtQuarterEnds = atQuarterEnds, Revisions = revisions }, generation, loadedAt);
    }
}

/// <summary>
/// Follows the plans' change feed from the cursor kept in the service's own database (<typeparamref name="TContext"/>)
/// and drops from <see cref="PlanReader"/> what each change touches: a start reads on from where the last run stopped
/// instead of the whole plans log. Every (re)connection drops everything first, since changes missed meanwhile (or
/// taken by another replica of the service, which shares the cursor) cannot be told apart; at start nothing is kept yet.
/// </summary>
public sealed class PlanFeedWatcher<TContext>(Plans.IndicatorPlans.IndicatorPlansClient plans, PlanReader reader, IServiceScopeFactory scopes,
    FollowerHealth health, ILogger<PlanFeedWatcher<TContext>> logger) : ChangeStreamFollower<Plans.Change>(health, logger) where TContext : DbContext
{
    /// <summary>The cursor's name in feed_cursors.</summary>
    public const string Name = "plans.reader";

    protected override string Feed => Name;

    protected override async Task ReadyAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        if (scope.ServiceProvider.GetService<Migrated<TContext>>() is { } migrated) await migrated.WaitAsync(ct);
    }

    protected override async IAsyncEnumerable<Plans.Change> WatchAsync(long after, [EnumeratorCancellation] CancellationToken ct)
    {
        reader.Invalidate();
        using var call = plans.WatchChanges(new Plans.WatchChangesRequest { AfterSequence = after }, cancellationToken: ct);
        await foreach (var change in call.ResponseStream.ReadAllAsync(ct)) yield return change;
    }

    protected override long SequenceOf(Plans.Change change) => change.Sequence;

    protected override DateTimeOffset OccurredAtOf(Plans.Change change) => change.OccurredAt?.ToDateTimeOffset() ?? DateTimeOffset.UtcNow;

    protected override async Task ApplyAsync(IReadOnlyList<Plans.Change> batch, CancellationToken ct)
    {
        foreach (var change in batch) reader.Invalidate(change);
        await WithDatabaseAsync(async db => { await FeedCursors.AdvanceAsync(db, Feed, batch[^1].Sequence, ct); return 0; }, ct);
    }

    protected override async Task<T> WithDatabaseAsync<T>(Func<DbContext, Task<T>> work, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<TContext>());
    }
}

/// <summary>
/// The watcher of a process without a database of its own (the portal): follows the plans' change feed with its cursor in
/// memory and drops from <see cref="PlanReader"/> what each change touches, everything at each (re)connection. A start
/// reads the feed from its beginning: one entry per unit, indicator or plan revision, so a short read.
/// </summary>
public sealed class PlanMemoryWatcher(Plans.IndicatorPlans.IndicatorPlansClient plans, PlanReader reader, FollowerHealth health,
    ILogger<PlanMemoryWatcher> logger) : BackgroundService
{
    public const string Name = "plans.memory";

    protected override async Task ExecuteAsync(CancellationToken ct)
    {
        health.Register(Name);
        var (after, backoff) = (0L, ChangeStreamFollower<Plans.Change>.MinBackoff);
        while (!ct.IsCancellationRequested)
        {
            try
            {
                reader.Invalidate();
                using var call = plans.WatchChanges(new Plans.WatchChangesRequest { AfterSequence = after }, await reader.OptionsAsync(ct));
                await foreach (var change in call.ResponseStream.ReadAllAsync(ct))
                {
                    reader.Invalidate(change);
                    after = change.Sequence;
                    health.Applied(Name, after, [change.OccurredAt?.ToDateTimeOffset() ?? DateTimeOffset.UtcNow]);
                    backoff = ChangeStreamFollower<Plans.Change>.MinBackoff;
                }
            }
            catch (Exception e) when (!ct.IsCancellationRequested)
            {
                health.Failed(Name, e);
                logger.LogWarning(e, "Following the plans feed failed; resuming after {Sequence} in {Delay}", after, backoff);
            }
            await Task.Delay(backoff, ct).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            backoff = TimeSpan.FromTicks(Math.Min(ChangeStreamFollower<Plans.Change>.MaxBackoff.Ticks, backoff.Ticks * 2));
        }
    }
}

/// <summary>The options of each call of <see cref="PlanReader"/>, for a process whose IndicatorPlans client carries no credentials.</summary>
public delegate Task<CallOptions> PlanReaderCalls(CancellationToken ct);

/// <summary>The units in existence today and the whole catalog, each by code: what screens name things by.</summary>
public sealed record PlanDirectory(IReadOnlyList<Plans.Unit> Units, IReadOnlyDictionary<string, Plans.Unit> UnitsByCode,
    IReadOnlyDictionary<string, Plans.Indicator> Indicators);

public static class PlanReaderExtensions
{
    /// <summary>
    /// The plan reader alone, for a service that follows the plans feed itself and invalidates what a change touches
    /// (the Evaluation); the service registers its IndicatorPlans client.
    /// </summary>
    public static IServiceCollection AddPlanReader(this IServiceCollection services, bool readsRevisions = false)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(sp => ActivatorUtilities.CreateInstance<PlanReader>(sp, readsRevisions));
        return services;
    }

    /// <summary>The plan reader and its watcher, whose cursor (and set-aside entries) the service keeps in <typeparamref name="TContext"/>.</summary>
    public static IServiceCollection AddPlanReader<TContext>(this IServiceCollection services) where TContext : DbContext =>
        services.AddPlanReader().AddFollower<PlanFeedWatcher<TContext>>();

    /// <summary>The plan reader and its watcher for a process without a database, calling with <paramref name="calls"/>' options.</summary>
    public static IServiceCollection AddPlanReader(this IServiceCollection services, Func<IServiceProvider, PlanReaderCalls> calls) =>
        services.AddSingleton(calls).AddPlanReader().AddFollowerHealth().AddHostedService<PlanMemoryWatcher>();
}
