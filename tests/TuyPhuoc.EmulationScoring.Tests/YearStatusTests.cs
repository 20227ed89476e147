using TuyPhuoc.EmulationScoring.Domain;
using TuyPhuoc.ServiceDefaults;

namespace TuyPhuoc.EmulationScoring.Tests;

public class YearStatusTests
{
    private static readonly DateTimeOffset At = new(2025, 1, 15, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Finalize_OpenYear_FrozenWithWhoWhenWhyAndScheme()
    {
        var final = YearStatus.Open(2024).Finalize("home_affairs:1", " Năm 2024 ", At, 3);

        Assert.Equal(new YearStatus(2024, true, At, "home_affairs:1", "Năm 2024", 3), final);
        Assert.False(final.AcceptsRecomputation);
    }

    [Fact]
    public void Finalize_AlreadyFinal_FailedPrecondition()
    {
        var final = YearStatus.Open(2024).Finalize("a", "r", At, 1);

        Assert.Throws<FailedPreconditionException>(() => final.Finalize("b", "again", At, 1));
    }

    [Fact]
    public void Finalize_WithoutReason_FieldViolation()
    {
        var e = Assert.Throws<InvalidInputException>(() => YearStatus.Open(2024).Finalize("a", " ", At, 1));

        Assert.Equal("reason", Assert.Single(e.Violations).Field);
    }

    [Fact]
    public void Reopen_FinalYear_OpenAgainAndAudited()
    {
        var reopened = YearStatus.Open(2024).Finalize("a", "r", At, 2).Reopen("b", "late correction", At.AddDays(1));

        Assert.True(reopened.AcceptsRecomputation);
        Assert.Equal(("b", "late correction", 2), (reopened.ChangedBy, reopened.Reason, reopened.SchemeVersion));
    }

    [Fact]
    public void Reopen_OpenYear_FailedPrecondition()
    {
        Assert.Throws<FailedPreconditionException>(() => YearStatus.Open(2024).Reopen("b", "r", At));
    }
}
