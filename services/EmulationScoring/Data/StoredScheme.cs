namespace TuyPhuoc.EmulationScoring.Data;

public sealed record StoredScheme(ScoringScheme Scheme, DateTimeOffset RecordedAt, string RecordedBy)
{
    public Proto.Scheme ToProto() => Scheme.ToProto(RecordedAt, RecordedBy);
}
