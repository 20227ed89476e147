namespace TuyPhuoc.Submissions.Domain;

/// <param name="Block">The unit's sector block (economy, culture_society, internal_affairs); communes and towns have none.</param>
public sealed record UnitInfo(string Code, UnitKind Kind, string? Block = null);
