namespace TuyPhuoc.EmulationScoring.Data;

/// <summary>Opens once the database is migrated and seeded; the background work waits for it.</summary>
public sealed class DatabaseReady
{
    private readonly TaskCompletionSource _open = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Open() => _open.TrySetResult();

    public Task WaitAsync(CancellationToken ct) => _open.Task.WaitAsync(ct);
}
