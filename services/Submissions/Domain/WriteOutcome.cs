
namespace TuyPhuoc.Submissions.Domain;

/// <summary>What one call of a group commit gets.</summary>
public abstract record WriteOutcome
{
    private WriteOutcome() { }

    /// <summary>The answer stored under the call's key by an earlier transaction.</summary>
    public sealed record Replay(byte[] Response) : WriteOutcome;

    /// <summary>The answer of an earlier call of the same group, sent with the same key and content.</summary>
    public sealed record Twin(int Call) : WriteOutcome;

    public sealed record Refuse(DomainException Error) : WriteOutcome;

    /// <summary>Stored as the cell's revision with this number.</summary>
    public sealed record Store(int Revision) : WriteOutcome;
}
