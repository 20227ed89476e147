using TuyPhuoc.Contracts.Notifications.V1;
using TuyPhuoc.Notifications.Domain;
using TuyPhuoc.ServiceDefaults;

namespace TuyPhuoc.Notifications.Tests;

public sealed class PreferenceRulesTests
{
    private static readonly NotificationKind[] Mandatory = [NotificationKind.ReportReturned];

    [Fact]
    public void Receives_AKindTurnedOff_NotUnlessMandatory()
    {
        NotificationKind[] off = [NotificationKind.ReportApproved, NotificationKind.ReportReturned];

        Assert.False(PreferenceRules.Receives(NotificationKind.ReportApproved, off, Mandatory));
        Assert.True(PreferenceRules.Receives(NotificationKind.ReportReturned, off, Mandatory));
        Assert.True(PreferenceRules.Receives(NotificationKind.DeadlineReminder, off, Mandatory));
        Assert.Equal([NotificationKind.ReportApproved], PreferenceRules.Hidden(off, Mandatory));
    }

    [Fact]
    public void CheckDisabled_AMandatoryKindOrOneTwice_RefusedFieldByField()
    {
        var e = Assert.Throws<InvalidInputException>(() => PreferenceRules.CheckDisabled(
            [NotificationKind.ReportApproved, NotificationKind.ReportReturned, NotificationKind.ReportApproved, (NotificationKind)99], Mandatory));

        Assert.Equal(["disabled_kinds[1]", "disabled_kinds[2]", "disabled_kinds[3]"], e.Violations.Select(v => v.Field));
        Assert.Contains("mandatory", e.Violations[0].Description);
    }

    [Fact]
    public void CheckDisabled_OnlyOptionalKinds_Accepted() =>
        PreferenceRules.CheckDisabled([NotificationKind.ReportApproved, NotificationKind.ReportSubmitted], Mandatory);

    [Fact]
    public void Kinds_EveryKind_HasAVietnameseTitle() =>
        Assert.All(Kinds.All, k => Assert.NotEqual(k.ToString(), Kinds.Title(k)));
}
