namespace TuyPhuoc.Evaluation.Domain;

/// <summary>The units a district figure sums or averages, and a fingerprint of them.</summary>
public sealed record AggregateSet(HashSet<string> Units, byte[] Fingerprint);
