namespace TuyPhuoc.Evaluation.Domain;

/// <summary>One month's actual as kept by the evaluation: the latest revision, with the source sequence that set it.</summary>
public readonly record struct MonthlyActual(decimal Value, long Sequence);
