using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using TuyPhuoc.Contracts.Evaluation.V1;
using TuyPhuoc.Portal.Components.Shared;

namespace TuyPhuoc.Portal.Tests;

public sealed class StatusBadgeTests : BunitContext
{
    public StatusBadgeTests() => Services.AddLocalization(o => o.ResourcesPath = "Resources");

    [Theory]
    [InlineData(Status.Achieved, "achieved", "Đạt")]
    [InlineData(Status.AtRisk, "at-risk", "Có nguy cơ không đạt")]
    [InlineData(Status.NotAchieved, "not-achieved", "Không đạt")]
    [InlineData(Status.NoData, "no-data", "Chưa có số liệu")]
    [InlineData(Status.JudgedAtYearEnd, "year-end", "Đánh giá cuối năm")]
    [InlineData(Status.Unspecified, "no-data", "Chưa có số liệu")]
    public void Render_EachStatus_VietnameseWordAndItsColour(Status status, string css, string words)
    {
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("vi-VN");

        var badge = Render<StatusBadge>(p => p.Add(b => b.Status, status)).Find("span.badge");

        Assert.Equal(words, badge.TextContent);
        Assert.Contains(css, badge.ClassList);
    }

    [Fact]
    public void Render_EnglishChosen_EnglishWord()
    {
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("en");

        var badge = Render<StatusBadge>(p => p.Add(b => b.Status, Status.AtRisk)).Find("span.badge");

        Assert.Equal("At risk", badge.TextContent);
    }
}
