using TuyPhuoc.Evaluation.Domain;
using TuyPhuoc.ServiceDefaults;

namespace TuyPhuoc.Evaluation.Tests;

public sealed class AnnouncementRulesTests
{
    private static readonly DateOnly Today = new(2024, 7, 10);

    [Fact]
    public void Check_AnEndedQuarterWithANumberAndADateFromItsLastDayToToday_Accepted()
    {
        AnnouncementRules.Check(2024, 2, "245/TB-UBND", new DateOnly(2024, 6, 30), Today);
        AnnouncementRules.Check(2024, 2, "245/TB-UBND", Today, Today);
    }

    [Fact]
    public void Check_NoNumberAndADateBeforeTheQuartersEnd_BothFieldsNamed()
    {
        var e = Assert.Throws<InvalidInputException>(() => AnnouncementRules.Check(2024, 2, " ", new DateOnly(2024, 6, 29), Today));

        Assert.Equal(["number", "date"], e.Violations.Select(v => v.Field));
        Assert.Contains("2024-06-30", e.Violations[1].Description);
    }

    [Theory]
    [InlineData(null, "is required")]
    [InlineData("2024-07-11", "lies in the future")]
    public void Check_NoDateOrOneAfterToday_DateRefused(string? date, string reason)
    {
        var e = Assert.Throws<InvalidInputException>(() => AnnouncementRules.Check(2024, 2, "245/TB-UBND", date is null ? null : DateOnly.Parse(date), Today));

        Assert.Equal(("date", reason), (Assert.Single(e.Violations).Field, e.Violations[0].Description));
    }

    [Fact]
    public void Check_ANumberLongerThanFiftyCharacters_Refused() =>
        Assert.Equal("number", Assert.Single(Assert.Throws<InvalidInputException>(() =>
            AnnouncementRules.Check(2024, 2, new string('9', AnnouncementRules.MaxNumberLength + 1), Today, Today)).Violations).Field);

    [Fact]
    public void Check_AQuarterNotEndedYet_FailedPreconditionWithItsLastDay() =>
        Assert.Contains("2024-09-30", Assert.Throws<FailedPreconditionException>(() => AnnouncementRules.Check(2024, 3, "300/TB-UBND", Today, Today)).Message);
}
