using TuyPhuoc.Notifications.Domain;

namespace TuyPhuoc.Notifications.Tests;

public sealed class DeliveryRulesTests
{
    private static readonly DateTimeOffset Now = new(2024, 12, 2, 8, 0, 0, TimeSpan.Zero);
    private static readonly RetryPolicy Policy = new(TimeSpan.FromSeconds(5), TimeSpan.FromMinutes(1), 6);

    [Fact]
    public void DelayAfter_EachFailure_TwiceTheLastUpToTheCap()
    {
        var delays = Enumerable.Range(1, 6).Select(Policy.DelayAfter).Select(d => d.TotalSeconds);

        Assert.Equal([5, 10, 20, 40, 60, 60], delays);
    }

    [Fact]
    public void After_ServerDown_TriedAgainAfterThePause()
    {
        Assert.Equal((DeliveryStatus.Pending, Now.AddSeconds(20)), Policy.After(FailureKind.Transient, 3, Now));
    }

    [Fact]
    public void After_AddressRefused_GivenUpAtOnce()
    {
        Assert.Equal((DeliveryStatus.Failed, null), Policy.After(FailureKind.Permanent, 1, Now));
    }

    [Fact]
    public void After_TheLastAttempt_GivenUp()
    {
        Assert.Equal((DeliveryStatus.Failed, null), Policy.After(FailureKind.Transient, 6, Now));
    }

    [Fact]
    public void NextAllowed_UnderTheBound_Now()
    {
        var bound = new RateBound(3);

        Assert.Null(bound.NextAllowed([Now.AddMinutes(-10), Now.AddMinutes(-70), Now.AddMinutes(-80)], Now));
    }

    [Fact]
    public void NextAllowed_AtTheBound_WhenTheOldestOfTheHourLeavesIt()
    {
        var bound = new RateBound(2);

        Assert.Equal(Now.AddMinutes(20), bound.NextAllowed([Now.AddMinutes(-5), Now.AddMinutes(-40), Now.AddMinutes(-61)], Now));
        Assert.Equal(Now.AddMinutes(55), bound.NextAllowed([Now.AddMinutes(-5), Now.AddMinutes(-1), Now.AddMinutes(-30)], Now));
    }
}
