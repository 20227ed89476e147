using TuyPhuoc.EmulationScoring.Domain;
using TuyPhuoc.ServiceDefaults;
using Eval = TuyPhuoc.Contracts.Evaluation.V1;
using Plans = TuyPhuoc.Contracts.Plans.V1;
using Subs = TuyPhuoc.Contracts.Submissions.V1;

namespace TuyPhuoc.EmulationScoring.Scoring;

public sealed record AssignedIndicator(string Code, MeasureKind Kind, bool LowerIsBetter);

/// <param name="Block">The unit's sector block (economy, culture_society, internal_affairs), or <see cref="YearPlan.CommunesBlock"/> for communes and towns.</param>
public sealed record ScoredUnit(string Code, string Block, IReadOnlyList<AssignedIndicator> Indicators);

/// <summary>Who is scored in a year and on which indicators: every unit with an assignment in the year's plan.</summary>
public sealed record YearPlan(int Year, IReadOnlyList<string> IndicatorCodes, IReadOnlyDictionary<string, ScoredUnit> Units)
{
    /// <summary>Communes and towns belong to no sector block; they are ranked among themselves under this name.</summary>
    public const string CommunesBlock = "communes";

    public static IReadOnlyList<string> Blocks { get; } = ["economy", "culture_society", "internal_affairs", CommunesBlock];

    /// <summary>Every unit of the year with what IndicatorPlans assigns it, and the plan's indicators.</summary>
    public static YearPlan From(PublishedPlan plan)
    {
        var scored = plan.Assignments
            .Where(a => plan.Units.ContainsKey(a.Key))
            .ToDictionary(a => a.Key, a => new ScoredUnit(a.Key, BlockOf(plan.Units[a.Key]), a.Value
                .Select(i => plan.Catalog.GetValueOrDefault(i.IndicatorCode)).OfType<Plans.Indicator>()
                .Select(i => new AssignedIndicator(i.Code, Kind(i.MeasureKind), i.Direction == Plans.Direction.LowerIsBetter))
                .DistinctBy(i => i.Code).OrderBy(i => i.Code, StringComparer.Ordinal).ToList()));
        return new YearPlan(plan.Year, plan.Plan.Targets.Select(t => t.IndicatorCode).Distinct().Order(StringComparer.Ordinal).ToList(), scored);
    }

    public static string BlockOf(Plans.Unit unit) => PublishedPlan.BlockName(unit.Block) is { Length: > 0 } block ? block : CommunesBlock;

    public static MeasureKind Kind(Plans.MeasureKind kind) => kind switch
    {
        Plans.MeasureKind.Cumulative => MeasureKind.Cumulative,
        Plans.MeasureKind.Level => MeasureKind.Level,
        Plans.MeasureKind.Growth => MeasureKind.Growth,
        Plans.MeasureKind.YearEnd => MeasureKind.YearEnd,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown measure kind."),
    };
}

/// <summary>What scoring reads from the other services; the gRPC implementation is <see cref="SuiteInputs"/>.</summary>
public interface IScoringInputs
{
    /// <summary>The year's plan, or null when there is none.</summary>
    Task<YearPlan?> PlanAsync(int year, CancellationToken ct);

    /// <summary>The unit's monthly reports against their deadlines.</summary>
    Task<IReadOnlyList<ReportFact>> ReportsAsync(string unitCode, int year, CancellationToken ct);

    /// <summary>The escalations of the year assigned to the office with a deadline.</summary>
    Task<IReadOnlyList<EscalationFact>> EscalationsAssignedToAsync(string officeCode, int year, CancellationToken ct);
}

/// <summary>From the messages of Evaluation and Submissions to the plain facts the domain scores.</summary>
public static class InputMapping
{
    public static IndicatorFacts ToFacts(this Eval.IndicatorStatus status, AssignedIndicator assigned) => new(
        assigned.Code,
        assigned.Kind,
        assigned.LowerIsBetter,
        status.YearTarget,
        status.QuarterTargets.ToList(),
        status.HasProgress ? status.Progress : null,
        status.Quarters.Select(q => new QuarterFacts(
            q.Quarter,
            q.HasYearToDate ? q.YearToDate : null,
            q.HasCumulativePlan ? q.CumulativePlan : null,
            q.HasProgress ? q.Progress : null,
            q.HasPercentOfRequirement ? q.PercentOfRequirement : null)).ToList(),
        FirstMonthWithData(status));

    private static int? FirstMonthWithData(Eval.IndicatorStatus status)
    {
        if (status.MonthlyActuals.Count == 0)
            return status.Quarters.Where(q => q.HasYearToDate).Select(q => (int?)(q.Quarter * 3 - 2)).Min();
        var first = status.MonthlyActuals.Select((m, i) => (m, i)).FirstOrDefault(x => x.m?.HasValue == true);
        return first.m is null ? null : first.i + 1;
    }

    public static ReportFact ToFact(this Subs.UnitTimeliness t) => new(
        t.Year, t.Month,
        t.Timeliness switch
        {
            Subs.Timeliness.OnTime => ReportTimeliness.OnTime,
            Subs.Timeliness.Late => ReportTimeliness.Late,
            Subs.Timeliness.Missing => ReportTimeliness.Missing,
            _ => ReportTimeliness.NotDue,
        },
        t.DaysLate,
        ToDate(t.Deadline));

    public static EscalationFact ToFact(this Subs.Escalation e) => new(
        e.Id, e.Title, e.UnitCode, ToDate(e.DueDate),
        e.Steps.Where(s => s.Status is Subs.EscalationStatus.Answered or Subs.EscalationStatus.Closed && s.At is not null)
            .Select(s => (DateOnly?)DateOnly.FromDateTime(s.At.ToDateTime())).Min());

    private static DateOnly? ToDate(Google.Type.Date? d) =>
        d is { Year: > 0, Month: >= 1 and <= 12, Day: >= 1 } && d.Day <= DateTime.DaysInMonth(d.Year, d.Month) ? new DateOnly(d.Year, d.Month, d.Day) : null;
}
