namespace TuyPhuoc.Submissions.Data;

/// <summary>What an import did: every row stored under the batch id, or nothing and the errors.</summary>
public sealed record ImportOutcome(long RowsReceived, long RowsStored, IReadOnlyList<ImportRowError> Errors, Guid? BatchId, bool Replayed = false);
