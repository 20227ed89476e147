namespace TuyPhuoc.Submissions.Domain;

public sealed record ImportRowError(long Row, string Field, string Reason);
