using TuyPhuoc.EmulationScoring.Domain;
using TuyPhuoc.EmulationScoring.Grpc;
using TuyPhuoc.ServiceDefaults;
using Proto = TuyPhuoc.Contracts.Scoring.V1;

namespace TuyPhuoc.EmulationScoring.Data;

public sealed record StoredScheme(ScoringScheme Scheme, DateTimeOffset RecordedAt, string RecordedBy)
{
    public Proto.Scheme ToProto() => Scheme.ToProto(RecordedAt, RecordedBy);
}
