namespace TuyPhuoc.KeyTasks.Domain;

/// <summary>A unit of the year's plan as the task rules see it; <paramref name="Block"/> is null for communes and towns.</summary>
public sealed record UnitInfo(string Code, string Name, UnitKind Kind, string? Block);
