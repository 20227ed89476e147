namespace TuyPhuoc.IndicatorPlans.Domain;

public sealed record UnitNode(OrgUnit Unit, IReadOnlyList<UnitNode> Children);
