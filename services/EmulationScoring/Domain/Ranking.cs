namespace TuyPhuoc.EmulationScoring.Domain;

/// <param name="Deducted">Points taken off, as a positive number.</param>
/// <param name="Scored">False when the unit has nothing to score yet (see <see cref="ScoreBreakdown.Scored"/>).</param>
public sealed record UnitTotal(string UnitCode, string Block, decimal Total, decimal IndicatorPoints, decimal Deducted, bool Scored = true)
{
    public static UnitTotal From(string unitCode, string block, ScoreBreakdown score) =>
        new(unitCode, block, score.Total, score.IndicatorPoints, score.Deducted, score.Scored);
}

/// <param name="Rank">1-based, in the whole list; never shared, the tie-break settles every tie; 0 for a unit not scored.</param>
/// <param name="BlockRank">1-based, within the unit's sector block; 0 for a unit not scored.</param>
/// <param name="HeldBackByCap">Reached the outstanding level but fell beyond the cap.</param>
public sealed record RankedUnit(string UnitCode, string Block, decimal Total, int Rank, int BlockRank, ClassLevel Class, bool HeldBackByCap);

public static class Ranking
{
    public static ClassLevel Classify(IReadOnlyList<ClassLevel> classes, decimal total) =>
        classes.FirstOrDefault(c => total >= c.MinTotal) ?? classes[^1];

    /// <summary>The class of a unit with nothing to score yet: neither ranked nor failed.</summary>
    public static readonly ClassLevel NotScored = new("not_scored", "Chưa chấm điểm", 0m);

    /// <summary>
    /// Ranks and classifies the units, in rank order, applying the outstanding cap; units not scored follow, unranked,
    /// classed <see cref="NotScored"/>, and count towards no cap.
    /// </summary>
    public static IReadOnlyList<RankedUnit> RankAndClassify(ScoringScheme scheme, IReadOnlyList<UnitTotal> units)
    {
        if (units.GroupBy(u => u.UnitCode).FirstOrDefault(g => g.Count() > 1) is { } duplicate)
            throw new ArgumentException($"Unit {duplicate.Key} is given more than once.", nameof(units));

        var ordered = units.Where(u => u.Scored).Order(TieBreakComparer(scheme.TieBreak)).ToList();
        var classes = ordered.Select(u => Classify(scheme.Classes, u.Total)).ToList();

        var (outstanding, runnerUp) = (scheme.Classes[0], scheme.Classes[1]);
        var baseIndex = IndexOf(scheme.Classes, scheme.OutstandingCap.BaseLevelCode);
        var capBase = classes.Count(c => IndexOf(scheme.Classes, c.Code) <= baseIndex);
        var allowed = scheme.OutstandingCap.Allowed(capBase);

        var blockPositions = new Dictionary<string, int>();
        var kept = 0;
        var result = new List<RankedUnit>(ordered.Count);
        for (var i = 0; i < ordered.Count; i++)
        {
            var unit = ordered[i];
            var heldBack = classes[i].Code == outstanding.Code && ++kept > allowed;
            var blockRank = blockPositions[unit.Block] = blockPositions.GetValueOrDefault(unit.Block) + 1;
            result.Add(new RankedUnit(unit.UnitCode, unit.Block, unit.Total, i + 1, blockRank,
                heldBack ? runnerUp : classes[i], heldBack));
        }
        result.AddRange(units.Where(u => !u.Scored).OrderBy(u => u.UnitCode, StringComparer.Ordinal)
            .Select(u => new RankedUnit(u.UnitCode, u.Block, u.Total, 0, 0, NotScored, false)));
        return result;
    }

    /// <summary>The scheme's keys in order, then the unit code, so that no two units ever compare equal.</summary>
    public static IComparer<UnitTotal> TieBreakComparer(IReadOnlyList<string> keys)
    {
        var comparisons = keys.Append(TieBreakKeys.UnitCodeAsc).Select(Comparison).ToList();
        return Comparer<UnitTotal>.Create((a, b) =>
            comparisons.Select(compare => compare(a, b)).FirstOrDefault(c => c != 0));
    }

    private static Comparison<UnitTotal> Comparison(string key) => key switch
    {
        TieBreakKeys.TotalDesc => (a, b) => b.Total.CompareTo(a.Total),
        TieBreakKeys.IndicatorPointsDesc => (a, b) => b.IndicatorPoints.CompareTo(a.IndicatorPoints),
        TieBreakKeys.DeductedAsc => (a, b) => a.Deducted.CompareTo(b.Deducted),
        TieBreakKeys.UnitCodeAsc => (a, b) => string.CompareOrdinal(a.UnitCode, b.UnitCode),
        _ => throw new ArgumentException($"Unknown tie-break key '{key}'.", nameof(key)),
    };

    private static int IndexOf(IReadOnlyList<ClassLevel> classes, string code)
    {
        for (var i = 0; i < classes.Count; i++)
            if (classes[i].Code == code) return i;
        throw new ArgumentException($"Unknown class '{code}'.", nameof(code));
    }
}
