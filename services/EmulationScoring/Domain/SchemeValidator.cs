namespace TuyPhuoc.EmulationScoring.Domain;

/// <summary>Refuses a scheme that does not make sense; field paths follow the proto field names.</summary>
public static class SchemeValidator
{
    public static IReadOnlyList<FieldViolation> Validate(ScoringScheme scheme, IReadOnlyCollection<string> assignedIndicatorCodes)
    {
        var v = new Violations()
            .Require(PlanCalendar.IsPlanYear(scheme.Year), "year", PlanCalendar.YearRange)
            .Require(scheme.Version >= 1, "version", "must be 1 or more");

        foreach (var (code, weight) in scheme.Weights.OrderBy(w => w.Key, StringComparer.Ordinal))
            v.Require(weight >= 0, $"weights[{code}]", "must not be negative");
        if (scheme.Weights.Count > 0)
        {
            foreach (var code in assignedIndicatorCodes.Where(c => !scheme.Weights.ContainsKey(c)).Order(StringComparer.Ordinal))
                v.Add($"weights[{code}]", "is missing: the indicator is assigned but has no weight");
            v.Require(assignedIndicatorCodes.Sum(c => Math.Max(0, scheme.Weights.GetValueOrDefault(c))) > 0,
                "weights", "the assigned indicators' weights must total more than 0");
        }

        var (bands, bonus, deductions) = (scheme.Bands, scheme.Bonus, scheme.Deductions);
        v.Require(bands.ProportionalFrom >= 0, "bands.proportional_from", "must not be negative")
            .Require(bands.FullFrom >= bands.ProportionalFrom, "bands.full_from", "must not be below bands.proportional_from")
            .Require(bonus.ExceedFrom >= bands.FullFrom, "bonus.exceed_from", "must not be below bands.full_from")
            .Require(bonus.FractionOfWeight >= 0, "bonus.fraction_of_weight", "must not be negative")
            .Require(bonus.Cap >= 0, "bonus.cap", "must not be negative")
            .Require(deductions.PerLateReport >= 0, "deductions.per_late_report", "must not be negative")
            .Require(deductions.PerMissingReport >= 0, "deductions.per_missing_report", "must not be negative")
            .Require(deductions.PerOverdueEscalation >= 0, "deductions.per_overdue_escalation", "must not be negative")
            .Require(deductions.PerOverdueKeyTask >= 0, "deductions.per_overdue_key_task", "must not be negative");

        ValidateClasses(scheme.Classes, v);
        v.Require(scheme.OutstandingCap.Fraction is >= 0 and <= 1, "outstanding_cap.fraction", "must be between 0 and 1")
            .Require(scheme.Classes.Any(c => c.Code == scheme.OutstandingCap.BaseLevelCode),
                "outstanding_cap.base_level_code", "must be the code of one of the classes");

        ValidateTieBreak(scheme.TieBreak, v);
        return v.Items;
    }

    private static void ValidateClasses(IReadOnlyList<ClassLevel> classes, Violations v)
    {
        // The cap moves units from the first level to the second, so there must be two.
        v.Require(classes.Count >= 2, "classes", "must list at least two levels, best first");
        for (var i = 0; i < classes.Count; i++)
        {
            v.RequireText(classes[i].Code, $"classes[{i}].code", 50)
                .RequireText(classes[i].Name, $"classes[{i}].name", 200);
            if (classes.Take(i).Any(c => c.Code == classes[i].Code))
                v.Add($"classes[{i}].code", $"repeats '{classes[i].Code}'");
            if (i > 0 && classes[i].MinTotal >= classes[i - 1].MinTotal)
                v.Add($"classes[{i}].min_total", $"must be below classes[{i - 1}].min_total ({classes[i - 1].MinTotal})");
        }
    }

    private static void ValidateTieBreak(IReadOnlyList<string> keys, Violations v)
    {
        if (keys.Count == 0 || keys[0] != TieBreakKeys.TotalDesc)
            v.Add("tie_break[0]", $"must be '{TieBreakKeys.TotalDesc}': units are ranked by their total first");
        for (var i = 0; i < keys.Count; i++)
        {
            if (!TieBreakKeys.All.Contains(keys[i]))
                v.Add($"tie_break[{i}]", $"unknown key '{keys[i]}'; known keys: {string.Join(", ", TieBreakKeys.All)}");
            else if (keys.Take(i).Contains(keys[i]))
                v.Add($"tie_break[{i}]", $"repeats '{keys[i]}'");
        }
    }
}
