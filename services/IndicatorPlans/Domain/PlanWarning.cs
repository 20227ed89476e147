namespace TuyPhuoc.IndicatorPlans.Domain;

public sealed record PlanWarning(string IndicatorCode, string Code, string Message);
