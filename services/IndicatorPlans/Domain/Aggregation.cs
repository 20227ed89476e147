namespace TuyPhuoc.IndicatorPlans.Domain;

/// <summary>How the district figure of a commune-allocated indicator is formed; unspecified resolves to <see cref="PlanRules.AggregationOf"/>'s default.</summary>
public enum Aggregation { Unspecified = 0, Sum = 1, Mean = 2, WeightedMean = 3, ResponsibleOffice = 4 }
