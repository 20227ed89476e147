namespace TuyPhuoc.IndicatorPlans.Domain;

/// <summary>The rules a plan must satisfy. Pure: everything it needs is passed in.</summary>
public static class PlanRules
{
    /// <summary>Quarter targets from month targets: sums for cumulative indicators, the quarter-end level otherwise.</summary>
    public static double[] Quarters(MeasureKind kind, IReadOnlyList<double> months) => PlanCalendar.QuarterTargets(kind.IsSummed(), months);

    public static bool SameAmount(double a, double b) => Math.Abs(a - b) <= 1e-6 * Math.Max(1, Math.Max(Math.Abs(a), Math.Abs(b)));

    /// <summary>
    /// Validates targets against the catalog and the units in existence on <paramref name="effectiveFrom"/>;
    /// returns the targets with their months filled in and the warnings to return with the plan.
    /// </summary>
    public static (List<PlanTarget> Targets, List<PlanWarning> Warnings) Validate(
        int year, int revision, IReadOnlyList<TargetInput> inputs, IReadOnlyDictionary<string, Indicator> catalog,
        IReadOnlyDictionary<string, OrgUnit> units, DateOnly effectiveFrom, Violations violations, string field = "targets")
    {
        var targets = new List<PlanTarget>();
        var warnings = new List<PlanWarning>();
        violations.Require(inputs.Count > 0, field, "at least one target is required");
        foreach (var duplicate in inputs.GroupBy(t => t.IndicatorCode).Where(g => g.Count() > 1))
        {
            violations.Add(field, $"indicator {duplicate.Key} appears more than once");
        }
        for (var i = 0; i < inputs.Count; i++)
        {
            var input = inputs[i];
            var at = $"{field}[{i}]";
            if (!catalog.TryGetValue(input.IndicatorCode ?? "", out var indicator))
            {
                violations.Add($"{at}.indicator_code", $"unknown indicator '{input.IndicatorCode}'");
                continue;
            }
            if (indicator.RetiredFromYear <= year) violations.Add($"{at}.indicator_code", $"{indicator.Code} is retired from {indicator.RetiredFromYear}");
            var months = Phase(indicator, input.DistrictTarget, input.Quarters, input.Months, violations, at);
            CheckValue(indicator, input.DistrictTarget, $"{at}.district_target", violations);
            if (input.Baseline is { } baseline)
            {
                violations.Require(indicator.MeasureKind is MeasureKind.Level or MeasureKind.YearEnd, $"{at}.baseline",
                    $"only a level has a baseline; {indicator.Code} is {indicator.MeasureKind.ToString().ToLowerInvariant()}");
                CheckValue(indicator, baseline, $"{at}.baseline", violations);
            }
            var aggregation = ValidateAggregation(indicator, input, violations, at);
            if (input.ProvinceTarget is { } province)
            {
                CheckValue(indicator, province, $"{at}.province_target", violations);
                if (double.IsFinite(province) && double.IsFinite(input.DistrictTarget) && LessAmbitious(indicator.Direction, input.DistrictTarget, province))
                {
                    warnings.Add(new(indicator.Code, "district_below_province",
                        $"The district target {input.DistrictTarget} is less ambitious than the province's {province}."));
                }
            }
            var allocations = ValidateAllocations(indicator, input, months, aggregation, units, effectiveFrom, violations, at, warnings);
            targets.Add(new PlanTarget
            {
                Year = year,
                Revision = revision,
                IndicatorCode = indicator.Code,
                DistrictTarget = input.DistrictTarget,
                ProvinceTarget = input.ProvinceTarget,
                Months = months,
                Baseline = input.Baseline,
                Aggregation = aggregation,
                Allocations = allocations,
            });
        }
        return (targets, warnings);
    }

    public static bool LessAmbitious(Direction direction, double district, double province) =>
        direction == Direction.HigherIsBetter ? district < province : district > province;

    private static void CheckValue(Indicator indicator, double value, string field, Violations violations)
    {
        if (!double.IsFinite(value))
        {
            violations.Add(field, "must be a finite number");
            return;
        }
        var min = indicator.RangeMin ?? (indicator.MeasureKind == MeasureKind.Growth ? double.MinValue : 0);
        var max = indicator.RangeMax ?? double.MaxValue;
        if (value < min || value > max)
        {
            violations.Add(field, max == double.MaxValue
                ? $"must not be below {min} for {indicator.Code}"
                : $"must lie between {min} and {max} {indicator.UnitOfMeasure} for {indicator.Code}");
        }
    }

    /// <summary>
    /// The twelve month targets from months or from quarters; without either, a cumulative target follows
    /// <paramref name="like"/> in proportion (an allocation, the district's phasing) or is spread evenly, and a level
    /// or rate stays not phased (empty): it is judged by progress of the year, not against the year target every quarter.
    /// </summary>
    private static double[] Phase(Indicator indicator, double yearTarget, IReadOnlyList<double> quarters, IReadOnlyList<double> months,
        Violations violations, string at, PlanTarget? like = null)
    {
        if (indicator.MeasureKind == MeasureKind.YearEnd)
        {
            violations.Require(quarters.Count == 0 && months.Count == 0, $"{at}.months", "a year-end indicator has no phasing");
            return [];
        }
        var before = violations.Items.Count;
        if (months.Count is not (0 or 12)) violations.Add($"{at}.months", "must have 12 values or none");
        if (quarters.Count is not (0 or 4)) violations.Add($"{at}.quarters", "must have 4 values or none");
        for (var m = 0; m < months.Count; m++) CheckValue(indicator, months[m], $"{at}.months[{m}]", violations);
        for (var q = 0; q < quarters.Count; q++) CheckValue(indicator, quarters[q], $"{at}.quarters[{q}]", violations);
        if (violations.Items.Count > before) return [];

        var summed = indicator.MeasureKind.IsSummed();
        if (!summed && months.Count == 0 && quarters.Count == 0) return [];
        var phased = months.Count == 12 ? months.ToArray()
            : quarters.Count == 4 ? quarters.SelectMany(q => Enumerable.Repeat(summed ? q / 3 : q, 3)).ToArray()
            : like is { Months.Length: 12 } && like.DistrictTarget > 0 ? like.Months.Select(m => m * yearTarget / like.DistrictTarget).ToArray()
            : Enumerable.Repeat(yearTarget / 12, 12).ToArray();
        if (months.Count == 12 && quarters.Count == 4)
        {
            var derived = Quarters(indicator.MeasureKind, months);
            for (var q = 0; q < 4; q++)
            {
                if (!SameAmount(derived[q], quarters[q])) violations.Add($"{at}.quarters[{q}]", $"is {quarters[q]} but the months give {derived[q]}");
            }
        }
        if (summed && !SameAmount(phased.Sum(), yearTarget))
        {
            violations.Add(months.Count == 12 ? $"{at}.months" : $"{at}.quarters",
                $"the phasing sums to {phased.Sum()} but the year target is {yearTarget}");
        }
        return phased;
    }

    /// <summary>How the district figure is formed: as asked, else the sum of a cumulative indicator's allocations and the mean of the others'.</summary>
    public static Aggregation AggregationOf(Indicator indicator, Aggregation asked) =>
        asked != Aggregation.Unspecified || !indicator.CommuneAllocated ? asked
        : indicator.MeasureKind.IsSummed() ? Aggregation.Sum : Aggregation.Mean;

    private static Aggregation ValidateAggregation(Indicator indicator, TargetInput input, Violations violations, string at)
    {
        var field = $"{at}.aggregation";
        switch (input.Aggregation)
        {
            case Aggregation.Unspecified:
                break;
            case var _ when !indicator.CommuneAllocated:
                violations.Add(field, $"{indicator.Code} is not allocated to communes: its responsible office reports the district figure");
                break;
            case Aggregation.Sum when !indicator.MeasureKind.IsSummed():
                violations.Add(field, $"a sum needs a cumulative indicator; {indicator.Code} is {indicator.MeasureKind.ToString().ToLowerInvariant()}");
                break;
            case Aggregation.Mean or Aggregation.WeightedMean when indicator.MeasureKind.IsSummed():
                violations.Add(field, $"the district figure of the cumulative {indicator.Code} is a sum, not a mean");
                break;
        }
        var aggregation = AggregationOf(indicator, input.Aggregation);
        for (var j = 0; j < input.Allocations.Count; j++)
        {
            var weight = input.Allocations[j].Weight;
            var weightField = $"{at}.allocations[{j}].weight";
            if (aggregation != Aggregation.WeightedMean)
                violations.Require(weight is null, weightField, "is used only by a weighted mean");
            else if (weight is not { } w || !double.IsFinite(w) || w <= 0)
                violations.Add(weightField, "a weighted mean needs a positive weight (the stated quantity) for every allocation");
        }
        return aggregation;
    }

    private static List<Allocation> ValidateAllocations(Indicator indicator, TargetInput input, double[] districtMonths, Aggregation aggregation,
        IReadOnlyDictionary<string, OrgUnit> units, DateOnly effectiveFrom, Violations violations, string at, List<PlanWarning> warnings)
    {
        var result = new List<Allocation>();
        if (input.Allocations.Count > 0 && !indicator.CommuneAllocated)
        {
            violations.Add($"{at}.allocations", $"{indicator.Code} is not allocated to communes");
            return result;
        }
        foreach (var duplicate in input.Allocations.GroupBy(a => a.UnitCode).Where(g => g.Count() > 1))
        {
            violations.Add($"{at}.allocations", $"unit {duplicate.Key} appears more than once");
        }
        for (var j = 0; j < input.Allocations.Count; j++)
        {
            var allocation = input.Allocations[j];
            var field = $"{at}.allocations[{j}]";
            if (!units.TryGetValue(allocation.UnitCode ?? "", out var unit) || !unit.ExistsOn(effectiveFrom) || !unit.IsCommuneLevel)
            {
                violations.Add($"{field}.unit_code", $"'{allocation.UnitCode}' is not a commune or town in existence on {effectiveFrom:yyyy-MM-dd}");
                continue;
            }
            CheckValue(indicator, allocation.YearTarget, $"{field}.year_target", violations);
            var district = new PlanTarget { IndicatorCode = indicator.Code, DistrictTarget = input.DistrictTarget, Months = districtMonths };
            var months = Phase(indicator, allocation.YearTarget, [], allocation.Months, violations, field, district);
            result.Add(new Allocation
            {
                UnitCode = unit.Code, YearTarget = allocation.YearTarget, Months = months,
                Weight = aggregation == Aggregation.WeightedMean ? allocation.Weight : null,
            });
        }
        if (indicator.MeasureKind.IsSummed() && result.Count > 0 && double.IsFinite(input.DistrictTarget)
            && !SameAmount(result.Sum(a => a.YearTarget), input.DistrictTarget))
        {
            warnings.Add(new(indicator.Code, "allocations_differ",
                $"The allocations sum to {result.Sum(a => a.YearTarget)} but the district target is {input.DistrictTarget}."));
        }
        return result;
    }

    /// <summary>
    /// The revisions in force on a date, oldest first: those effective by then, and those that apply from the start of the
    /// year whatever their date. Revisions are numbered in the order of their dates, so a later number overrides.
    /// </summary>
    public static List<PlanRevision> RevisionsInForce(IEnumerable<PlanRevision> revisions, DateOnly asOf) =>
        [.. revisions.Where(r => r.EffectiveFrom <= asOf || (r.AppliesFromStartOfYear && asOf >= new DateOnly(r.Year, 1, 1))).OrderBy(r => r.Number)];

    /// <summary>
    /// The day a year's plan is read on when the caller names none: today once the year has begun; before it, the day
    /// its first revision takes effect, so next year's plan serves every service and page as soon as it is adopted.
    /// </summary>
    public static DateOnly ReadOn(int year, DateOnly today, IEnumerable<PlanRevision> revisions)
    {
        if (today.Year >= year) return today;
        var first = revisions.Select(r => r.EffectiveFrom).DefaultIfEmpty(today).Min();
        return first > today ? first : today;
    }

    /// <summary>The targets in force on a date: for each indicator, the latest revision in force then.</summary>
    public static IReadOnlyList<PlanTarget> InForce(IEnumerable<PlanRevision> revisions, DateOnly asOf) =>
        RevisionsInForce(revisions, asOf)
            .SelectMany(r => r.Targets)
            .GroupBy(t => t.IndicatorCode)
            .Select(g => g.Last())
            .OrderBy(t => t.IndicatorCode, StringComparer.Ordinal)
            .ToList();

    /// <summary>Warnings of a plan as it stands (allocations against the district, district against the province).</summary>
    public static List<PlanWarning> Warnings(IEnumerable<PlanTarget> targets, IReadOnlyDictionary<string, Indicator> catalog)
    {
        var warnings = new List<PlanWarning>();
        foreach (var target in targets.Where(t => catalog.ContainsKey(t.IndicatorCode)))
        {
            var indicator = catalog[target.IndicatorCode];
            if (target.ProvinceTarget is { } province && LessAmbitious(indicator.Direction, target.DistrictTarget, province))
            {
                warnings.Add(new(indicator.Code, "district_below_province",
                    $"The district target {target.DistrictTarget} is less ambitious than the province's {province}."));
            }
            if (indicator.MeasureKind.IsSummed() && target.Allocations.Count > 0 && !SameAmount(target.Allocations.Sum(a => a.YearTarget), target.DistrictTarget))
            {
                warnings.Add(new(indicator.Code, "allocations_differ",
                    $"The allocations sum to {target.Allocations.Sum(a => a.YearTarget)} but the district target is {target.DistrictTarget}."));
            }
        }
        return warnings;
    }
}
