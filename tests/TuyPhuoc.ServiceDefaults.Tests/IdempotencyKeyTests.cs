
namespace TuyPhuoc.ServiceDefaults.Tests;

public sealed class IdempotencyKeyTests
{
    [Fact]
    public void Scoped_ReportersOfTwoUnits_DifferentKeys()
    {
        Assert.NotEqual(
            Idempotency.Scoped(Roles.UnitReporter, "PHUOC_LOC", "a", "k1"),
            Idempotency.Scoped(Roles.UnitReporter, "PHUOC_THANG", "a", "k1"));
    }

    [Fact]
    public void Scoped_TwoReportersOfOneUnit_OneKey()
    {
        Assert.Equal(
            Idempotency.Scoped(Roles.UnitReporter, "PHUOC_LOC", "reporter-1", "k1"),
            Idempotency.Scoped(Roles.UnitReporter, "PHUOC_LOC", "reporter-2", "k1"));
    }

    [Fact]
    public void Scoped_OtherRoles_BySubject()
    {
        Assert.NotEqual(
            Idempotency.Scoped(Roles.PlanningOffice, null, "officer-1", "k1"),
            Idempotency.Scoped(Roles.PlanningOffice, null, "officer-2", "k1"));
        // A subject that looks like a unit's scope is still another scope.
        Assert.NotEqual(
            Idempotency.Scoped(Roles.UnitReporter, "PHUOC_LOC", "x", "k1"),
            Idempotency.Scoped(Roles.PlanningOffice, null, "u:PHUOC_LOC", "k1"));
    }

    [Fact]
    public void Scoped_SeparatorInSubjectOrKey_NoTwoScopesSpellTheSameKey()
    {
        Assert.NotEqual(
            Idempotency.Scoped(Roles.Partner, null, "a|b", "c"),
            Idempotency.Scoped(Roles.Partner, null, "a", "b|c"));
    }

    [Fact]
    public void Scoped_NoKey_Null()
    {
        Assert.Null(Idempotency.Scoped(Roles.PlanningOffice, null, "s", ""));
        Assert.Null(Idempotency.Scoped(Roles.PlanningOffice, null, "s", null));
    }

    [Fact]
    public void Scoped_LongestSubjectAndKey_FitTheColumn()
    {
        var key = Idempotency.Scoped(Roles.PlanningOffice, null, new string('s', 500), new string('k', Idempotency.MaxClientKeyLength));

        Assert.NotNull(key);
        Assert.True(key.Length <= 200, $"{key.Length} characters");
        Assert.NotEqual(key, Idempotency.Scoped(Roles.PlanningOffice, null, new string('s', 499), new string('k', Idempotency.MaxClientKeyLength)));
    }

    [Fact]
    public void Scoped_KeyLongerThanTheBound_InvalidArgumentOnItsField()
    {
        var e = Assert.Throws<InvalidInputException>(() =>
            Idempotency.Scoped(Roles.UnitReporter, "PHUOC_LOC", "s", new string('k', Idempotency.MaxClientKeyLength + 1), "batch_idempotency_key"));

        Assert.Equal("batch_idempotency_key", Assert.Single(e.Violations).Field);
    }
}
