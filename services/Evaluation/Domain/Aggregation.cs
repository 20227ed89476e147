namespace TuyPhuoc.Evaluation.Domain;

/// <summary>How the district figure of a commune-allocated indicator is formed, as the plan says.</summary>
public enum Aggregation { Sum, Mean, WeightedMean, ResponsibleOffice }
