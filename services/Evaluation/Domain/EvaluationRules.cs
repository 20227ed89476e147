using static TuyPhuoc.Evaluation.Domain.Direction;

namespace TuyPhuoc.Evaluation.Domain;

/// <summary>The evaluation rules of docs/rules.md (Evaluation): pure and deterministic.</summary>
public static class EvaluationRules
{
    /// <summary>Cap of the lower-is-better score clamp(2 − A/T, 0, 1.2).</summary>
    public const decimal LowerIsBetterCap = 1.2m;

    public static EvaluationResult Evaluate(EvaluationInput input)
    {
        Validate(input);
        var quarters = new List<QuarterResult>(input.AsOfQuarter);
        for (var q = 1; q <= input.AsOfQuarter; q++)
        {
            quarters.Add(input.Indicator.Kind == MeasureKind.Cumulative
                ? CumulativeQuarter(input, q, quarters.LastOrDefault())
                : ValueQuarter(input, q));
        }
        return new(input, quarters);
    }

    /// <summary>
    /// Each quarter judged against its own plan (<paramref name="plans"/>, one per quarter), its targets and baseline: a
    /// revision effective from July leaves Q1 and Q2 as they were judged. The result's input carries the last quarter's targets.
    /// </summary>
    public static EvaluationResult Evaluate(EvaluationInput input, IReadOnlyList<QuarterPlan> plans)
    {
        if (plans.Count < input.AsOfQuarter || plans.All(p => p.Judges(input))) return Evaluate(input);
        var evaluated = new List<EvaluationResult>();
        var quarters = new List<QuarterResult>(input.AsOfQuarter);
        EvaluationResult? result = null;
        for (var q = 1; q <= input.AsOfQuarter; q++)
        {
            var plan = plans[q - 1];
            result = evaluated.FirstOrDefault(r => plan.Judges(r.Input));
            if (result is null)
            {
                result = Evaluate(input with
                {
                    YearTarget = plan.YearTarget, QuarterTargets = plan.QuarterTargets, Indicator = input.Indicator with { Baseline = plan.Baseline },
                });
                evaluated.Add(result);
            }
            quarters.Add(result.Quarter(q));
        }
        return new(result!.Input, quarters);
    }

    /// <summary>Progress of a value towards a target: A/T when higher is better, clamp(2 − A/T, 0, 1.2) when lower is better.</summary>
    public static decimal Progress(decimal value, decimal target, Direction direction) =>
        direction == HigherIsBetter ? Reach(value, target) : StayUnder(value, target);

    /// <summary>Level progress: from the baseline B when present, (A − B)/(T − B) or (B − A)/(B − T); else as <see cref="Progress"/>.</summary>
    public static decimal LevelProgress(decimal value, decimal target, decimal? baseline, Direction direction) => baseline switch
    {
        { } b when direction == HigherIsBetter => Reach(value - b, target - b),
        { } b => Reach(b - value, b - target),
        null => Progress(value, target, direction),
    };

    /// <summary>Counts per status and checkpoint outcomes of many results (each evaluated at least up to the quarter), with the keys below a checkpoint.</summary>
    public static QuarterSummary<TKey> Summarize<TKey>(int quarter, IEnumerable<(TKey Key, EvaluationResult Result)> results) =>
        Summarize(quarter, results.Select(r => (r.Key, r.Result.Headline(quarter))));

    /// <summary>The summary of results as of a quarter from their headlines: what the services' reports are made of.</summary>
    public static QuarterSummary<TKey> Summarize<TKey>(int quarter, IEnumerable<(TKey Key, Headline Headline)> results)
    {
        var list = results.ToList();
        return new(
            quarter,
            Enum.GetValues<Status>().ToDictionary(s => s, s => list.Count(r => r.Headline.Status == s)),
            list.Count(r => r.Headline.PassesCheckpoints == true),
            list.Count(r => r.Headline.PassesCheckpoints == false),
            list.Count(r => r.Headline.JudgedAtYearEnd),
            [.. list.Where(r => r.Headline.PassesCheckpoints == false).Select(r => r.Key)],
            [.. list.Where(r => IsLaggard(r.Headline)).Select(r => r.Key)]);
    }

    /// <summary>A laggard: not achieved in the quarter, or below a checkpoint due by then.</summary>
    public static bool IsLaggard(Headline headline) => headline.Status == Status.NotAchieved || headline.PassesCheckpoints == false;

    static QuarterResult CumulativeQuarter(EvaluationInput input, int q, QuarterResult? previous)
    {
        var phased = input.QuarterTargets ?? [.. Enumerable.Repeat(input.YearTarget / 4, 4)];
        var target = phased[q - 1];
        var plan = 0m;
        for (var k = 0; k < q; k++) plan += phased[k];
        var actual = Sum(input.MonthlyActuals, 3 * (q - 1), 3);
        var yearToDate = PlanCalendar.YearToDate(summed: true, input.MonthlyActuals, PlanCalendar.LastMonthOf(q)) ?? 0;
        var progress = Progress(yearToDate, input.YearTarget, input.Indicator.Direction);
        var checkpoints = Checkpoints(input, q, progress);

        if (input.Indicator.Direction == LowerIsBetter)
        {
            var share = StayUnder(yearToDate, plan);
            return new(q, Judge(actual is not null, yearToDate <= plan, share, input.Policy), StatusBasis.YearToDateCeiling,
                target, 0, 0, plan, actual, yearToDate, plan, 0, progress, share, checkpoints);
        }

        // With surplus offsets the signed gap CP_{q-1} − A_{q-1} carries over, which makes a_q ≥ R_q the same as A_q ≥ CP_q.
        var gap = previous is null ? 0 : previous.CumulativePlan!.Value - previous.YearToDate!.Value;
        var (carryIn, surplusIn) = input.Policy.SurplusOffsets
            ? (Math.Max(0, gap), Math.Max(0, -gap))
            : (previous?.CarryOut ?? 0, 0m);
        var requirement = target + carryIn - surplusIn;
        var done = actual ?? 0; // a quarter without a report achieves nothing: its whole requirement carries over
        var shareDone = Reach(done, requirement);
        return new(q, Judge(actual is not null, done >= requirement, shareDone, input.Policy), StatusBasis.PeriodRequirement,
            target, carryIn, surplusIn, requirement, actual, yearToDate, plan, Math.Max(0, requirement - done),
            progress, shareDone, checkpoints);
    }

    static QuarterResult ValueQuarter(EvaluationInput input, int q)
    {
        var (indicator, yearTarget, direction) = (input.Indicator, input.YearTarget, input.Indicator.Direction);
        var baseline = indicator.Kind == MeasureKind.Growth ? null : indicator.Baseline; // a growth rate is already relative to last year
        var actual = Latest(input.MonthlyActuals, 3 * (q - 1), 3);
        var yearToDate = PlanCalendar.YearToDate(summed: false, input.MonthlyActuals, PlanCalendar.LastMonthOf(q));
        var progress = Towards(yearToDate, yearTarget);
        var phased = input.QuarterTargets?[q - 1];

        if (indicator.Kind == MeasureKind.YearEnd && q < 4)
        {
            return new(q, Status.JudgedAtYearEnd, StatusBasis.None, null, 0, 0, null, actual, yearToDate, null, 0, progress, null, []);
        }

        var (basis, requirement, value, share) = indicator.Kind switch
        {
            MeasureKind.YearEnd => (StatusBasis.YearTarget, yearTarget, yearToDate, progress),
            _ when phased is { } level => (StatusBasis.QuarterTarget, level, actual, Towards(actual, level)),
            MeasureKind.Level => (StatusBasis.OnTrackProgress, q / 4m, progress, progress / (q / 4m)),
            _ => (StatusBasis.YearTarget, yearTarget, actual, Towards(actual, yearTarget)),
        };
        var met = value is { } v && ((basis == StatusBasis.OnTrackProgress || direction == HigherIsBetter) ? v >= requirement : v <= requirement);
        var hasData = (indicator.Kind == MeasureKind.YearEnd ? yearToDate : actual) is not null; // a year-end's period is the year
        var status = Judge(hasData, met, share ?? 0, input.Policy);
        return new(q, status, basis, phased, 0, 0, requirement, actual, yearToDate, null, 0, progress, share, Checkpoints(input, q, progress), baseline);

        decimal? Towards(decimal? v, decimal target) => v is { } x ? LevelProgress(x, target, baseline, direction) : null;
    }

    static Status Judge(bool hasData, bool met, decimal share, EvaluationPolicy policy) =>
        !hasData ? Status.NoData
        : met ? Status.Achieved
        : share >= policy.AtRiskBand ? Status.AtRisk
        : Status.NotAchieved;

    static IReadOnlyList<CheckpointResult> Checkpoints(EvaluationInput input, int q, decimal? progress)
    {
        if (input.Indicator.Kind == MeasureKind.YearEnd) return [];
        List<CheckpointResult>? due = null;
        foreach (var c in input.Policy.Checkpoints)
        {
            if (c.Quarter == q) (due ??= []).Add(new(q, c.MinimumProgress, progress, progress >= c.MinimumProgress));
        }
        return due ?? [];
    }

    /// <summary>Beyond ±10⁹ (10¹¹ %) no rule tells ratios apart; saturating there keeps every sum of them representable.</summary>
    public const decimal MaxRatio = 1_000_000_000m;

    /// <summary>n / d for any d ≠ 0, saturated at ±<see cref="MaxRatio"/>: figures within the inputs' bounds never overflow.</summary>
    public static decimal Ratio(decimal n, decimal d) =>
        Math.Abs(n) >= MaxRatio * Math.Abs(d) ? Math.Sign(n) * Math.Sign(d) * MaxRatio : n / d;

    // A target of zero or less cannot divide: reaching it counts as 100%, missing it as 0%.
    static decimal Reach(decimal value, decimal target) => target > 0 ? Ratio(value, target) : value >= target ? 1 : 0;

    // Same choice for a ceiling of zero or less: staying within it counts as 100% (so T = 0 is achieved only when A ≤ 0).
    static decimal StayUnder(decimal value, decimal ceiling) =>
        ceiling > 0 ? Math.Clamp(2 - Ratio(value, ceiling), 0, LowerIsBetterCap) : value <= ceiling ? 1 : 0;

    // Plain loops over the months: a full recompute evaluates every result of the year, and enumerators cost more than the sums.
    static decimal? Sum(IReadOnlyList<decimal?> months, int from, int count)
    {
        decimal? sum = null;
        for (var m = from; m < from + count; m++)
        {
            if (months[m] is { } x) sum = (sum ?? 0) + x;
        }
        return sum;
    }

    static decimal? Latest(IReadOnlyList<decimal?> months, int from, int count)
    {
        for (var m = from + count - 1; m >= from; m--)
        {
            if (months[m] is { } x) return x;
        }
        return null;
    }

    static void Validate(EvaluationInput input)
    {
        if (input.MonthlyActuals.Count != 12)
            throw new ArgumentException("Twelve monthly actuals are expected.", nameof(input));
        if (input.QuarterTargets is { Count: not 4 })
            throw new ArgumentException("Four quarter targets are expected.", nameof(input));
        if (input.AsOfQuarter is < 1 or > 4)
            throw new ArgumentOutOfRangeException(nameof(input), input.AsOfQuarter, "The as-of quarter is 1 to 4.");
    }
}
