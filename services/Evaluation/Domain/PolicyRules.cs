namespace TuyPhuoc.Evaluation.Domain;

/// <summary>What an evaluation policy must satisfy to be set. Pure.</summary>
public static class PolicyRules
{
    public static Violations Validate(EvaluationPolicy policy, string field = "policy")
    {
        var violations = new Violations();
        violations.Require(policy.AtRiskBand is >= 0 and <= 1, $"{field}.at_risk_band", "must be between 0 and 1 (0.9 is 90%)");
        for (var i = 0; i < policy.Checkpoints.Count; i++)
        {
            var checkpoint = policy.Checkpoints[i];
            violations.Require(checkpoint.Quarter is >= 1 and <= 4, $"{field}.checkpoints[{i}].quarter", "must be between 1 and 4");
            violations.Require(checkpoint.MinimumProgress is > 0 and <= 1, $"{field}.checkpoints[{i}].minimum_progress",
                "must be above 0 and at most 1 (0.5 is 50% of the year's plan)");
        }
        foreach (var twice in policy.Checkpoints.GroupBy(c => c.Quarter).Where(g => g.Count() > 1))
        {
            violations.Add($"{field}.checkpoints", $"quarter {twice.Key} has more than one checkpoint");
        }
        return violations;
    }
}
