using TuyPhuoc.ServiceDefaults;
using TuyPhuoc.Submissions.Domain;

namespace TuyPhuoc.Submissions.Tests;

public sealed class WriteDecisionsTests
{
    private static readonly (string, string, int, int) Cell = ("PHUOC_THANG", "REV", 2024, 7);
    private static readonly byte[] HashA = [1], HashB = [2];

    private static WriteCall Call(string? key = null, byte[]? hash = null, int expected = 0, int month = 7, double value = 12.5) =>
        new(Plans.Input(month: month, value: value), expected, key, hash ?? HashA);

    private static IdempotencyRecord Stored(string key, byte[] hash, byte[] response) =>
        new() { Operation = "SubmitActual", Key = key, RequestHash = hash, Response = response };

    private static WriteOutcome[] Decide(IReadOnlyList<WriteCall> calls, IEnumerable<IdempotencyRecord>? stored = null,
        IReadOnlySet<(string, int, int)>? locked = null, int latest = 0) =>
        WriteDecisions.Decide(calls, stored ?? [], locked ?? new HashSet<(string, int, int)>(),
            latest == 0 ? new Dictionary<(string, string, int, int), int>() : new Dictionary<(string, string, int, int), int> { [Cell] = latest });

    private static TException Refused<TException>(WriteOutcome outcome) where TException : DomainException =>
        Assert.IsType<TException>(Assert.IsType<WriteOutcome.Refuse>(outcome).Error);

    [Fact]
    public void Decide_NewCell_StoredAsRevisionOne() =>
        Assert.Equal(new WriteOutcome.Store(1), Assert.Single(Decide([Call()])));

    [Fact]
    public void Decide_CellWithRevisions_StoredAsTheNextOne() =>
        Assert.Equal(new WriteOutcome.Store(4), Assert.Single(Decide([Call()], latest: 3)));

    [Fact]
    public void Decide_KeyStoredForTheSameRequest_ReplaysTheStoredAnswer()
    {
        byte[] answer = [9, 9];

        var outcome = Assert.Single(Decide([Call("k")], [Stored("k", HashA, answer)], latest: 3));

        Assert.Same(answer, Assert.IsType<WriteOutcome.Replay>(outcome).Response);
    }

    [Fact]
    public void Decide_KeyStoredForAnotherRequest_KeyReusedRefused()
    {
        var e = Refused<InvalidInputException>(Assert.Single(Decide([Call("k", HashB)], [Stored("k", HashA, [9])])));

        Assert.Equal(("idempotency_key", "was already used for a different request"), (e.Violations[0].Field, e.Violations[0].Description));
    }

    [Fact]
    public void Decide_KeyStoredAndTheMonthLockedSince_ReplaysTheFirstAnswer() =>
        Assert.IsType<WriteOutcome.Replay>(Assert.Single(Decide([Call("k")], [Stored("k", HashA, [9])], new HashSet<(string, int, int)> { ("PHUOC_THANG", 2024, 7) })));

    [Fact]
    public void Decide_LockedMonth_FailedPreconditionWithTheLockedMessage()
    {
        var outcome = Assert.Single(Decide([Call()], locked: new HashSet<(string, int, int)> { ("PHUOC_THANG", 2024, 7) }));

        Assert.Equal("The report PHUOC_THANG/2024/7 is approved and locked; ask the planning office to reopen it.",
            Refused<FailedPreconditionException>(outcome).Message);
    }

    [Fact]
    public void Decide_OtherMonthLocked_Stored() =>
        Assert.Equal(new WriteOutcome.Store(1), Assert.Single(Decide([Call()], locked: new HashSet<(string, int, int)> { ("PHUOC_THANG", 2024, 6), ("PHUOC_HUNG", 2024, 7) })));

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public void Decide_ExpectedRevisionNotTheLatest_FailedPreconditionNamingBoth(int expected)
    {
        var e = Refused<FailedPreconditionException>(Assert.Single(Decide([Call(expected: expected)], latest: 2)));

        Assert.Equal($"The value of PHUOC_THANG/REV/2024/7 is at revision 2, not {expected}; read it again before correcting it.", e.Message);
    }

    [Fact]
    public void Decide_ExpectedRevisionTheLatest_StoredAsTheNextOne() =>
        Assert.Equal(new WriteOutcome.Store(3), Assert.Single(Decide([Call(expected: 2)], latest: 2)));

    [Fact]
    public void Decide_ExpectedRevisionOfANewCell_Refused() =>
        Assert.Contains("at revision 0, not 1", Refused<FailedPreconditionException>(Assert.Single(Decide([Call(expected: 1)]))).Message);

    [Fact]
    public void Decide_SeveralCallsOnACellWithoutKeys_SuccessiveRevisions() =>
        Assert.Equal([new WriteOutcome.Store(3), new WriteOutcome.Store(4), new WriteOutcome.Store(5)],
            Decide([Call(value: 1), Call(value: 1), Call(value: 2)], latest: 2));

    [Fact]
    public void Decide_ExpectedRevisionTakenByAnEarlierCallOfTheGroup_Refused()
    {
        var outcomes = Decide([Call(expected: 2), Call(expected: 2)], latest: 2);

        Assert.Equal(new WriteOutcome.Store(3), outcomes[0]);
        Assert.Contains("at revision 3, not 2", Refused<FailedPreconditionException>(outcomes[1]).Message);
    }

    [Fact]
    public void Decide_TwinsWithOneKeyAndOneContent_TheLaterGetTheFirstAnswer() =>
        Assert.Equal([new WriteOutcome.Store(1), new WriteOutcome.Twin(0), new WriteOutcome.Twin(0)],
            Decide([Call("k"), Call("k"), Call("k")]));

    [Fact]
    public void Decide_TwinWithOtherContent_KeyReusedRefused()
    {
        var outcomes = Decide([Call("k", HashA), Call("k", HashB, value: 99)]);

        Assert.Equal(new WriteOutcome.Store(1), outcomes[0]);
        Assert.Equal("idempotency_key", Refused<InvalidInputException>(outcomes[1]).Violations[0].Field);
    }

    [Fact]
    public void Decide_TwinOfARefusedCall_DecidedOnItsOwn()
    {
        var outcomes = Decide([Call("k", HashA, expected: 1), Call("k", HashB)], latest: 2);

        Refused<FailedPreconditionException>(outcomes[0]);
        Assert.Equal(new WriteOutcome.Store(3), outcomes[1]);
    }

    [Fact]
    public void Decide_OtherKeysAndCells_EachOnItsOwn()
    {
        var calls = new[] { Call("a"), Call("b", HashB, month: 6), Call("c", month: 5) };

        var outcomes = Decide(calls, [Stored("b", HashB, [7])], new HashSet<(string, int, int)> { ("PHUOC_THANG", 2024, 5) }, latest: 1);

        Assert.Equal(new WriteOutcome.Store(2), outcomes[0]);
        Assert.IsType<WriteOutcome.Replay>(outcomes[1]);
        Refused<FailedPreconditionException>(outcomes[2]);
    }

    [Fact]
    public void Decide_LatestRevisions_LeftAsGiven()
    {
        var latest = new Dictionary<(string, string, int, int), int> { [Cell] = 2 };

        WriteDecisions.Decide([Call(), Call()], [], new HashSet<(string, int, int)>(), latest);

        Assert.Equal(2, latest[Cell]);
    }
}
