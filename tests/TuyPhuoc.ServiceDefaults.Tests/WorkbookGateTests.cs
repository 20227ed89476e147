namespace TuyPhuoc.ServiceDefaults.Tests;

/// <summary>The gate on parses: one per person, a bound on parses at once, and a time budget per parse.</summary>
public sealed class WorkbookGateTests
{
    /// <summary>A workbook that never ends: one byte per read, each after a pause, until released.</summary>
    private sealed class Trickle : Stream
    {
        public readonly ManualResetEventSlim Started = new(), Released = new();

        public override int Read(byte[] buffer, int offset, int count)
        {
            Started.Set();
            if (Released.Wait(5)) return 0;
            buffer[offset] = (byte)'P';
            return 1;
        }

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => 0; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    private static async Task<WorkbookRefusal> RefusalAsync(Task read) => (await Assert.ThrowsAsync<WorkbookRefusedException>(() => read)).Reason;

    [Fact]
    public async Task ReadAsync_ASecondWorkbookOfTheSamePersonWhileTheFirstIsRead_RefusedAsBusy_OthersStillRead()
    {
        var ct = TestContext.Current.CancellationToken;
        var gate = new WorkbookGate(2, TimeSpan.FromMinutes(5), TimeSpan.FromSeconds(30));
        var slow = new Trickle();
        var first = gate.ReadAsync("a", slow, ct: ct);
        slow.Started.Wait(ct);

        Assert.Equal(WorkbookRefusal.Busy, await RefusalAsync(gate.ReadAsync("a", new MemoryStream("x"u8.ToArray()), ct: ct)));
        Assert.Equal(WorkbookRefusal.NotAWorkbook, await RefusalAsync(gate.ReadAsync("b", new MemoryStream("x"u8.ToArray()), ct: ct)));

        slow.Released.Set();
        Assert.Equal(WorkbookRefusal.NotAWorkbook, await RefusalAsync(first));
    }

    [Fact]
    public async Task ReadAsync_MoreParsesThanTheProcessAllows_TheOneOverRefusedAsBusy()
    {
        var ct = TestContext.Current.CancellationToken;
        var gate = new WorkbookGate(1, TimeSpan.FromMinutes(5), TimeSpan.FromMilliseconds(100));
        var slow = new Trickle();
        var first = gate.ReadAsync("a", slow, ct: ct);
        slow.Started.Wait(ct);

        Assert.Equal(WorkbookRefusal.Busy, await RefusalAsync(gate.ReadAsync("b", new MemoryStream("x"u8.ToArray()), ct: ct)));

        slow.Released.Set();
        await Assert.ThrowsAsync<WorkbookRefusedException>(() => first);
    }

    [Fact]
    public async Task ReadAsync_AParsePastItsBudget_RefusedAsTooSlow()
    {
        var gate = new WorkbookGate(1, TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(30));

        Assert.Equal(WorkbookRefusal.TooSlow, await RefusalAsync(gate.ReadAsync("a", new Trickle(), ct: TestContext.Current.CancellationToken)));
    }
}
