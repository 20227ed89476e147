namespace TuyPhuoc.KeyTasks.Domain;

/// <summary>What a year's plan tells the task rules: its units and its catalog's indicators.</summary>
public sealed record PlanUnits(int Year, IReadOnlyDictionary<string, UnitInfo> Units, IReadOnlySet<string> Indicators)
{
    public string? BlockOf(string unitCode) => Units.GetValueOrDefault(unitCode)?.Block;
}
