namespace TuyPhuoc.Submissions.Data;

/// <summary>An import as it arrives: the batch key (from the first message), the rows in chunks, and once they are read the hash of the content.</summary>
public sealed record ImportStream(string? Key, IAsyncEnumerable<IReadOnlyList<ActualInput>> Chunks, Func<byte[]> ContentHash);
