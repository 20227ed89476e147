using Google.Protobuf.WellKnownTypes;

namespace TuyPhuoc.Evaluation.Grpc;

/// <summary>Between the evaluation policy of tuyphuoc.evaluation.v1 and the domain's.</summary>
internal static class PolicyMapping
{
    /// <summary>A policy as a caller asked for it, refused with every bad field named.</summary>
    public static (int Year, EvaluationPolicy Policy, string Reason) ToDomain(Proto.Policy? requested)
    {
        var violations = new Violations();
        if (requested is null) throw new InvalidInputException("policy", "is required");
        violations.Require(PlanCalendar.IsPlanYear(requested.Year), "policy.year", PlanCalendar.YearRange);
        violations.RequireText(requested.Reason, "policy.reason", 1000);
        violations.RequireFinite(requested.AtRiskBand, "policy.at_risk_band");
        for (var i = 0; i < requested.Checkpoints.Count; i++) violations.RequireFinite(requested.Checkpoints[i].MinimumProgress, $"policy.checkpoints[{i}].minimum_progress");
        static decimal D(double value) => double.IsFinite(value) ? (decimal)value : 0m;
        var policy = new EvaluationPolicy
        {
            SurplusOffsets = requested.SurplusOffsets,
            AtRiskBand = D(requested.AtRiskBand),
            Checkpoints = [.. requested.Checkpoints.Select(c => new Checkpoint(c.Quarter, D(c.MinimumProgress)))],
        };
        foreach (var v in PolicyRules.Validate(policy).Items) violations.Add(v.Field, v.Description);
        violations.ThrowIfAny();
        return (requested.Year, policy, requested.Reason.Trim());
    }

    public static Proto.Policy ToProto(this StoredPolicy stored) => new()
    {
        Year = stored.Year,
        Version = stored.Policy.Version,
        SurplusOffsets = stored.Policy.SurplusOffsets,
        Checkpoints = { stored.Policy.Checkpoints.Select(c => new Proto.Checkpoint { Quarter = c.Quarter, MinimumProgress = (double)c.MinimumProgress }) },
        AtRiskBand = (double)stored.Policy.AtRiskBand,
        Reason = stored.Reason,
        RecordedAt = stored.RecordedAt.ToProto(),
        RecordedBy = stored.RecordedBy,
    };
}
