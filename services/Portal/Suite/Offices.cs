using TuyPhuoc.Contracts.Evaluation.V1;
using TuyPhuoc.Contracts.Plans.V1;
using TuyPhuoc.Contracts.Submissions.V1;
using Tasks = TuyPhuoc.Contracts.Tasks.V1;

namespace TuyPhuoc.Portal.Suite;

// What the district offices' pages show (planning office, block leaders, home affairs), as plain records built from
// the services' answers: the pages keep them between the first render and the live circuit.

/// <summary>Where each office role works, and the addresses of the forms the offices download.</summary>
public static class OfficePages
{
    public const string Approvals = "duyet-bao-cao", Timeliness = "dung-han", QuarterReport = "bao-cao-quy", Block = "khoi", Ranking = "xep-hang";

    /// <summary>The page a role starts on; null for the roles whose home is a unit's year.</summary>
    public static string? MainOf(string role) => role switch
    {
        Roles.PlanningOffice => Approvals,
        Roles.BlockLeader => Block,
        Roles.HomeAffairs => Ranking,
        _ => null,
    };

    public static string QuarterReportXlsx(int year, int quarter) => $"/bieu-mau/bao-cao-quy?year={year}&quarter={quarter}";

    /// <summary>The block's summary of the quarter; a block leader's own block, another role's the one named.</summary>
    public static string BlockXlsx(string block, int year, int quarter) => $"/bieu-mau/khoi?year={year}&quarter={quarter}&block={block}";

    /// <summary>The classification list for the emulation council: the year's, or a quarter's (provisional).</summary>
    public static string RankingXlsx(int year, int quarter) => $"/bieu-mau/xep-loai?year={year}" + (quarter == 0 ? "" : $"&quarter={quarter}");

    /// <summary>A block's words in the person's language; empty for none.</summary>
    public static string BlockLabel(IStringLocalizer<Strings> l, string block) => block.Length == 0 ? "" : l[FormText.BlockKey(block)];

    /// <summary>The order the offices read lists of units in: the towns and communes, then the offices, each by name.</summary>
    public static IReadOnlyDictionary<string, int> UnitOrder(IEnumerable<Unit> units) =>
        units.OrderBy(u => u.Kind == UnitKind.Office).ThenBy(u => u.Name, StringComparer.Create(VietNumber.Culture, ignoreCase: false))
            .Select((u, i) => (u.Code, i)).ToDictionary(x => x.Code, x => x.i);
}

public sealed record TaskCount(Tasks.TaskStatus Status, int Count);

public sealed record TaskCounts(int Total, int Overdue, IReadOnlyList<TaskCount> Counts)
{
    public static TaskCounts? From(Tasks.TaskSummary? s) => s is null ? null : new(s.Total, s.OverdueCount, [.. s.Counts.Select(c => new TaskCount(c.Status, c.Count))]);
}

/// <summary>The names and plans the office pages need beside Evaluation's results, read once per page.</summary>
public sealed record PlanFacts(IReadOnlyDictionary<string, Indicator> Indicators, IReadOnlyDictionary<string, string> UnitNames, IReadOnlyDictionary<string, Target> Targets)
{
    public string Name(string indicator) => Indicators.GetValueOrDefault(indicator)?.Name ?? indicator;
    public string UnitName(string unit) => UnitNames.GetValueOrDefault(unit, unit);
}

/// <summary>What the office pages read beside a service's main answer: the plan's names and targets, and the notes units gave with their figures.</summary>
public sealed class OfficeReads(PlanCache plans, IndicatorPlans.IndicatorPlansClient plansClient, Submissions.SubmissionsClient submissions)
{
    private const int Parallel = 8;

    public async Task<PlanFacts> FactsAsync(int year, CallOptions call)
    {
        var targets = Paging.AllAsync(
            token => plansClient.ListTargetsAsync(new ListTargetsRequest { Year = year, PageSize = Paging.MaxPageSize, PageToken = token }, call).ResponseAsync,
            page => (page.Targets, page.NextPageToken)).ToDictionaryAsync(t => t.IndicatorCode).AsTask();
        var indicators = await plans.IndicatorsAsync(call);
        var units = (await plans.UnitsAsync(call)).ToDictionary(u => u.Code, u => u.Name);
        return new PlanFacts(indicators, units, await targets);
    }

    /// <summary>
    /// Each unit's actuals of the year (with their notes), read page by page, a few units at a time. A unit the person
    /// may not read (a block leader and an office outside the block) or that reports nothing gives no notes.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, IReadOnlyList<ActualRevision>>> ActualsAsync(IEnumerable<string> units, int year, CallOptions call)
    {
        var read = new System.Collections.Concurrent.ConcurrentDictionary<string, IReadOnlyList<ActualRevision>>();
        await System.Threading.Tasks.Parallel.ForEachAsync(units.Distinct(), new ParallelOptions { MaxDegreeOfParallelism = Parallel }, async (unit, _) =>
        {
            try
            {
                read[unit] = await Paging.AllAsync(
                    token => submissions.ListActualsAsync(new ListActualsRequest { UnitCode = unit, Year = year, PageSize = Paging.MaxPageSize, PageToken = token }, call).ResponseAsync,
                    page => (page.Actuals, page.NextPageToken)).ToListAsync();
            }
            catch (RpcException e) when (e.StatusCode is StatusCode.PermissionDenied or StatusCode.NotFound)
            {
            }
        });
        return read;
    }
}
