using System.Text.RegularExpressions;

namespace TuyPhuoc.IndicatorPlans.Domain;

/// <summary>Rules of the organisation units and the indicator catalog. Pure.</summary>
public static partial class CatalogRules
{
    [GeneratedRegex("^[A-Z][A-Z0-9_]{1,39}$")]
    private static partial Regex CodePattern();

    public static void ValidateCode(string? code, string field, Violations violations)
    {
        if (string.IsNullOrWhiteSpace(code)) violations.Add(field, "is required");
        else if (!CodePattern().IsMatch(code)) violations.Add(field, "must be 2-40 characters: capital letters, digits and '_', starting with a letter");
    }

    public static void ValidateNewUnit(OrgUnit unit, IReadOnlyDictionary<string, OrgUnit> existing, Violations violations)
    {
        ValidateCode(unit.Code, "unit.code", violations);
        violations.RequireText(unit.Name, "unit.name", 200);
        violations.Require(Enum.IsDefined(unit.Kind), "unit.kind", "is required");
        if (unit.ValidTo is { } to && to <= unit.ValidFrom) violations.Add("unit.valid_to", "must be after valid_from");
        if (unit.Kind == UnitKind.District)
        {
            violations.Require(unit.ParentCode is null, "unit.parent_code", "a district has no parent");
        }
        else if (unit.ParentCode is null || !existing.TryGetValue(unit.ParentCode, out var parent) || !parent.ExistsOn(unit.ValidFrom))
        {
            violations.Add("unit.parent_code", $"'{unit.ParentCode}' is not a unit in existence on {unit.ValidFrom:yyyy-MM-dd}");
        }
        if (unit.Block is { } block) violations.Require(Enum.IsDefined(block), "unit.block", "is not a sector block");
        violations.ThrowIfAny();
        if (existing.ContainsKey(unit.Code)) throw new AlreadyExistsException($"Unit {unit.Code} already exists.");
    }

    /// <summary>Closes a unit from a date, optionally merged into another; the unit's history stays readable.</summary>
    public static void Close(OrgUnit unit, DateOnly closedFrom, string? mergedInto, IReadOnlyDictionary<string, OrgUnit> units)
    {
        var violations = new Violations();
        violations.Require(closedFrom > unit.ValidFrom, "closed_from", $"must be after the unit's start {unit.ValidFrom:yyyy-MM-dd}");
        if (mergedInto is not null)
        {
            if (mergedInto == unit.Code) violations.Add("merged_into_code", "a unit cannot merge into itself");
            else if (!units.TryGetValue(mergedInto, out var target) || !target.ExistsOn(closedFrom))
                violations.Add("merged_into_code", $"'{mergedInto}' is not a unit in existence on {closedFrom:yyyy-MM-dd}");
        }
        violations.ThrowIfAny();
        if (unit.ValidTo is not null) throw new FailedPreconditionException($"Unit {unit.Code} was already closed from {unit.ValidTo:yyyy-MM-dd}.");
        var openChildren = units.Values.Where(u => u.ParentCode == unit.Code && u.ExistsOn(closedFrom)).Select(u => u.Code).ToList();
        if (openChildren.Count > 0 && mergedInto is null)
        {
            throw new FailedPreconditionException($"Unit {unit.Code} still has units on {closedFrom:yyyy-MM-dd}: {string.Join(", ", openChildren)}.");
        }
        unit.ValidTo = closedFrom;
        unit.MergedIntoCode = mergedInto;
    }

    /// <summary>The units in existence on a date as a tree; a unit whose parent is gone hangs from the root.</summary>
    public static UnitNode? Tree(IEnumerable<OrgUnit> units, DateOnly asOf)
    {
        var alive = units.Where(u => u.ExistsOn(asOf)).OrderBy(u => u.Kind).ThenBy(u => u.Code, StringComparer.Ordinal).ToList();
        var root = alive.FirstOrDefault(u => u.ParentCode is null);
        if (root is null) return null;
        var codes = alive.Select(u => u.Code).ToHashSet();
        var children = alive.Where(u => u != root)
            .ToLookup(u => u.ParentCode is { } p && codes.Contains(p) ? p : root.Code);
        UnitNode Node(OrgUnit unit) => new(unit, children[unit.Code].Select(Node).ToList());
        return Node(root);
    }

    /// <summary>A unit's new name; a closed unit keeps the name it closed with.</summary>
    public static void Rename(OrgUnit unit, string name, DateOnly today)
    {
        new Violations().RequireText(name, "name", 200).ThrowIfAny();
        if (!unit.ExistsOn(today)) throw new FailedPreconditionException($"Unit {unit.Code} is closed; it keeps the name it closed with.");
        unit.Name = name.Trim();
    }

    /// <summary>
    /// The editable part of an indicator: its name, unit of measure, responsible office, range and baseline. What
    /// decides how it is judged and who reports it as what stays; a change there is a new indicator.
    /// </summary>
    public static void Update(Indicator indicator, Indicator edited, IReadOnlyDictionary<string, OrgUnit> units)
    {
        var violations = new Violations();
        ValidateEditable(edited, units, violations);
        void Same<T>(T before, T after, string field) => violations.Require(EqualityComparer<T>.Default.Equals(before, after), $"indicator.{field}", "cannot be changed: create a new indicator");
        Same(indicator.Source, edited.Source, "source");
        Same(indicator.Block, edited.Block, "block");
        Same(indicator.Direction, edited.Direction, "direction");
        Same(indicator.MeasureKind, edited.MeasureKind, "measure_kind");
        Same(indicator.CommuneAllocated, edited.CommuneAllocated, "commune_allocated");
        violations.ThrowIfAny();
        (indicator.Name, indicator.UnitOfMeasure, indicator.ResponsibleOfficeCode) = (edited.Name, edited.UnitOfMeasure, edited.ResponsibleOfficeCode);
        (indicator.RangeMin, indicator.RangeMax, indicator.Baseline) = (edited.RangeMin, edited.RangeMax, edited.Baseline);
    }

    /// <summary>From <paramref name="fromYear"/> on no plan may carry it: refused while a plan of such a year does (<paramref name="plannedIn"/>).</summary>
    public static void Retire(Indicator indicator, int fromYear, IEnumerable<int> plannedIn, DateOnly today)
    {
        new Violations().Require(fromYear >= PlanCalendar.FirstYear && fromYear <= today.Year + 1, "from_year",
            $"must be between {PlanCalendar.FirstYear} and {today.Year + 1}").ThrowIfAny();
        if (plannedIn.Where(y => y >= fromYear).Order().FirstOrDefault() is var year and > 0)
        {
            throw new FailedPreconditionException($"Indicator {indicator.Code} is in the plan of {year}; revise that plan first.");
        }
        indicator.RetiredFromYear = fromYear;
    }

    public static void ValidateNewIndicator(Indicator indicator, IReadOnlyDictionary<string, OrgUnit> units, bool exists, Violations violations)
    {
        ValidateCode(indicator.Code, "indicator.code", violations);
        ValidateEditable(indicator, units, violations);
        violations.Require(Enum.IsDefined(indicator.Source), "indicator.source", "is required");
        violations.Require(Enum.IsDefined(indicator.Block), "indicator.block", "is required");
        violations.Require(Enum.IsDefined(indicator.Direction), "indicator.direction", "is required");
        violations.Require(Enum.IsDefined(indicator.MeasureKind), "indicator.measure_kind", "is required");
        violations.Require(!(indicator.CommuneAllocated && indicator.MeasureKind == MeasureKind.YearEnd),
            "indicator.commune_allocated", "a year-end indicator is not allocated to communes");
        violations.ThrowIfAny();
        if (exists) throw new AlreadyExistsException($"Indicator {indicator.Code} already exists.");
    }

    private static void ValidateEditable(Indicator indicator, IReadOnlyDictionary<string, OrgUnit> units, Violations violations)
    {
        violations.RequireText(indicator.Name, "indicator.name", 300);
        violations.RequireText(indicator.UnitOfMeasure, "indicator.unit_of_measure", 50);
        if (!units.TryGetValue(indicator.ResponsibleOfficeCode ?? "", out var office) || office.Kind != UnitKind.Office)
        {
            violations.Add("indicator.responsible_office_code", $"'{indicator.ResponsibleOfficeCode}' is not an office");
        }
        if (indicator.Baseline is { } baseline) violations.RequireFinite(baseline, "indicator.baseline");
        if (indicator.RangeMin is { } min && indicator.RangeMax is { } max)
        {
            violations.RequireFinite(min, "indicator.range.min").RequireFinite(max, "indicator.range.max");
            violations.Require(!(min >= max), "indicator.range", "min must be below max");
        }
    }

    /// <summary>
    /// What a unit reports: the district figure of the indicators its office is responsible for (unless allocated
    /// to communes and formed from the communes' figures), and its allocations of the commune-allocated ones.
    /// </summary>
    public static List<Assignment> Assignments(string unitCode, IEnumerable<PlanTarget> targets, IReadOnlyDictionary<string, Indicator> catalog) =>
        Assignments(targets, catalog).GetValueOrDefault(unitCode) ?? [];

    /// <summary>What every unit reports (see the one-unit form), in one pass over the plan: units without assignments are absent.</summary>
    public static Dictionary<string, List<Assignment>> Assignments(IEnumerable<PlanTarget> targets, IReadOnlyDictionary<string, Indicator> catalog)
    {
        var result = new Dictionary<string, List<Assignment>>();
        void Add(string unit, Assignment assignment)
        {
            if (!result.TryGetValue(unit, out var list)) result[unit] = list = [];
            list.Add(assignment);
        }
        foreach (var target in targets)
        {
            if (!catalog.TryGetValue(target.IndicatorCode, out var indicator)) continue;
            if (indicator.CommuneAllocated)
            {
                foreach (var allocation in target.Allocations.DistinctBy(a => a.UnitCode))
                {
                    Add(allocation.UnitCode, new(indicator, allocation.YearTarget, PlanRules.Quarters(indicator.MeasureKind, allocation.Months), allocation.Months, false));
                }
            }
            if (!indicator.CommuneAllocated || PlanRules.AggregationOf(indicator, target.Aggregation) == Aggregation.ResponsibleOffice)
            {
                Add(indicator.ResponsibleOfficeCode, new(indicator, target.DistrictTarget, PlanRules.Quarters(indicator.MeasureKind, target.Months), target.Months, true));
            }
        }
        return result;
    }
}
