using TuyPhuoc.Evaluation.Domain;

namespace TuyPhuoc.Evaluation.Tests;

public sealed class PolicyRulesTests
{
    [Fact]
    public void Validate_DomainDefaultsAndSeventyByQ3_AreAccepted()
    {
        Assert.False(PolicyRules.Validate(EvaluationPolicy.Default).Any);
        Assert.False(PolicyRules.Validate(new EvaluationPolicy { Checkpoints = [new(2, 0.5m), new(3, 0.7m)] }).Any);
        Assert.False(PolicyRules.Validate(new EvaluationPolicy { Checkpoints = [] }).Any);
    }

    [Fact]
    public void Validate_NonsensePolicy_EveryFieldNamed()
    {
        var violations = PolicyRules.Validate(new EvaluationPolicy { AtRiskBand = 1.5m, Checkpoints = [new(5, 0.5m), new(2, 0m), new(2, 1.2m)] });

        Assert.Equal(
            ["policy.at_risk_band", "policy.checkpoints", "policy.checkpoints[0].quarter", "policy.checkpoints[1].minimum_progress", "policy.checkpoints[2].minimum_progress"],
            violations.Items.Select(v => v.Field).Order(StringComparer.Ordinal));
    }
}
