namespace TuyPhuoc.Submissions.Domain;

/// <summary>One submission waiting in a group commit: the value, the revision it corrects (0 for any) and its key.</summary>
public sealed record WriteCall(ActualInput Input, int ExpectedRevision, string? Key, byte[] RequestHash);
