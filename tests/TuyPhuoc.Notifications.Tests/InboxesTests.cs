using TuyPhuoc.Notifications.Domain;
using TuyPhuoc.ServiceDefaults;

namespace TuyPhuoc.Notifications.Tests;

public sealed class InboxesTests
{
    [Theory]
    [InlineData(Roles.UnitReporter, "PHUOC_HOA", null, "unit:PHUOC_HOA")]
    [InlineData(Roles.UnitReporter, "TN_MT", null, "unit:TN_MT")]
    [InlineData(Roles.PlanningOffice, null, null, "role:planning_office")]
    [InlineData(Roles.HomeAffairs, null, null, "role:home_affairs")]
    [InlineData(Roles.BlockLeader, null, "economy", "block:economy")]
    public void Of_ACaller_TheirSharedInboxAndTheirOwn(string role, string? unit, string? block, string shared)
    {
        var inboxes = Inboxes.Of(new CallerScope("lan", role, unit, block, Grant.All));

        Assert.Equal([shared, "person:lan"], inboxes);
    }

    [Fact]
    public void Of_AReporterWithoutAUnit_OnlyTheirOwn() =>
        Assert.Equal(["person:x"], Inboxes.Of(new CallerScope("x", Roles.UnitReporter, null, null, Grant.All)));

    [Theory]
    [InlineData("PHUOC_HOA", "unit:PHUOC_HOA")]
    [InlineData("planning_office", "role:planning_office")]
    [InlineData("block:economy", "block:economy")]
    [InlineData("phuoc hoa", null)]
    [InlineData("block:", null)]
    public void FromCode_WhatThePlanningOfficeTypes_TheInbox(string code, string? inbox)
    {
        Assert.Equal(inbox, Inboxes.FromCode(code));
        if (inbox is not null) Assert.Equal(code, Inboxes.CodeOf(inbox));
    }
}
