using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using TuyPhuoc.Portal.Features;
using TuyPhuoc.Portal.Suite;

namespace TuyPhuoc.Portal.Tests;

public sealed class MonthFormTests : BunitContext
{
    public MonthFormTests()
    {
        Services.AddLocalization(o => o.ResourcesPath = "Resources").AddSingleton(new DistrictClock(TimeProvider.System));
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("vi-VN");
    }

    private IRenderedComponent<MonthForm> Form(List<MonthLine> lines, bool readOnly = false, Action? save = null, Action? send = null) =>
        Render<MonthForm>(p => p
            .Add(f => f.Lines, lines)
            .Add(f => f.Month, 1)
            .Add(f => f.ReadOnly, readOnly)
            .Add(f => f.OnSave, save ?? (() => { }))
            .Add(f => f.OnSend, send ?? (() => { })));

    [Fact]
    public void Render_EveryIndicator_LabelledInputWithTargetsAndYearToDateInVietnameseNumbers()
    {
        var form = Form(Lines.July());

        var grain = form.Find("fieldset[data-indicator=CT02]");
        Assert.Contains("Tổng sản lượng lương thực có hạt", grain.QuerySelector("legend")!.TextContent);
        Assert.Contains("1.234,5", grain.TextContent);   // the month's target
        Assert.Contains("140.000", grain.TextContent);   // the year's target
        Assert.Contains("98.765,25", grain.TextContent); // the year so far
        Assert.Equal("Thực hiện tháng 1", form.Find("label[for=v-CT02]").TextContent);
        Assert.Equal("Nguyên nhân, khó khăn", form.Find("label[for=n-CT02]").TextContent);
        Assert.Equal(2, form.FindAll("input[inputmode=decimal]").Count);
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("12.5")]    // the English way: a lenient parser would read 125
    [InlineData("1,234.5")]
    public void Save_NotAVietnameseNumber_ErrorBesideTheInputAndNothingSaved(string typed)
    {
        var saved = false;
        var form = Form(Lines.July(), save: () => saved = true);

        form.Find("#v-CT02").Change(typed);
        form.Find("form").Submit();

        Assert.False(saved);
        var input = form.Find("#v-CT02");
        Assert.Equal("true", input.GetAttribute("aria-invalid"));
        Assert.Equal("Không phải là số (ví dụ 1.234,5).", form.Find($"#{input.GetAttribute("aria-describedby")}").TextContent);
        Assert.Null(form.Find("#v-CT10").GetAttribute("aria-invalid"));
    }

    [Fact]
    public void Save_VietnameseNumbers_SavedAndReadAsTyped()
    {
        var saved = 0;
        var lines = Lines.July();
        var form = Form(lines, save: () => saved++);

        form.Find("#v-CT02").Change("1.234,5");
        form.Find("#v-CT10").Change("93,75");
        form.Find("#n-CT02").Change("Thu hoạch vụ đông xuân muộn");
        form.Find("form").Submit();

        Assert.Equal(1, saved);
        Assert.Empty(form.FindAll(".field-error"));
        Assert.True(lines[0].TryRead(out var grain));
        Assert.Equal(1234.5, grain);
        Assert.True(lines[1].TryRead(out var insurance));
        Assert.Equal(93.75, insurance);
        Assert.Equal("Thu hoạch vụ đông xuân muộn", lines[0].Note);
        Assert.True(lines[0].Changed && lines[1].Changed);
    }

    [Fact]
    public void Send_AfterAValidEntry_SendInvokedOnceAndSaveNot()
    {
        var (saved, sent) = (0, 0);
        var form = Form(Lines.July(), save: () => saved++, send: () => sent++);

        form.Find("#v-CT02").Change("1.500");
        form.Find("button.send").Click();

        Assert.Equal((0, 1), (saved, sent));
    }

    [Fact]
    public void Render_TheServersFieldViolation_ShownBesideItsInput()
    {
        var lines = Lines.July();
        lines[0].Text = "-5";
        lines[0].ValueError = "Không được là số âm.";

        var form = Form(lines);

        var input = form.Find("#v-CT02");
        Assert.Equal("true", input.GetAttribute("aria-invalid"));
        Assert.Equal("Không được là số âm.", form.Find("#v-CT02-error").TextContent);
        Assert.Equal("-5", input.GetAttribute("value"));
    }

    [Fact]
    public void Render_StoredValue_ShownAsTypedWithItsRevisionAndAHistoryButton()
    {
        var form = Form(Lines.July(Lines.StoredValue(12_500.75, "Số liệu của HTX", revision: 3)));

        Assert.Equal("12.500,75", form.Find("#v-CT02").GetAttribute("value"));
        Assert.Equal("Số liệu của HTX", form.Find("#n-CT02").GetAttribute("value") ?? form.Find("#n-CT02").TextContent);
        Assert.Contains("Đã lưu: lần 3, lúc", form.Find("fieldset[data-indicator=CT02] .stored").TextContent);
        Assert.NotNull(form.Find("fieldset[data-indicator=CT02] button.link"));
    }

    [Fact]
    public void Render_ApprovedMonth_InputsDisabledAndNoButtonsToSaveOrSend()
    {
        var form = Form(Lines.July(Lines.StoredValue(12_500)), readOnly: true);

        Assert.All(form.FindAll("input, textarea"), e => Assert.True(e.HasAttribute("disabled")));
        Assert.Empty(form.FindAll("button[type=submit]"));
        Assert.Empty(form.FindAll("button.send"));
    }

    [Fact]
    public void Change_ClearingAStoredValue_RequiredError()
    {
        var form = Form(Lines.July(Lines.StoredValue(12_500)));

        form.Find("#v-CT02").Change("");

        Assert.Equal("Bắt buộc nhập.", form.Find("#v-CT02-error").TextContent);
    }
}
