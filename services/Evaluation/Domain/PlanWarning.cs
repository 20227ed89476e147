namespace TuyPhuoc.Evaluation.Domain;

/// <param name="Expected">The figure the plan should match or beat.</param>
/// <param name="Found">The figure the plan has.</param>
public sealed record PlanWarning(PlanWarningKind Kind, decimal Expected, decimal Found);
