using TuyPhuoc.Contracts.Scoring.V1;
using TuyPhuoc.Contracts.Submissions.V1;
using TuyPhuoc.ServiceDefaults;

namespace TuyPhuoc.Submissions.Tests;

public sealed class InputBoundsTests
{
    private static SubmitActualRequest Valid() => new()
    {
        UnitCode = "PHUOC_THANG", IndicatorCode = "CT01", Year = 2024, Month = 3, Value = 1234.5,
        Note = "Mưa lớn kéo dài.\r\n\tThiếu vốn.", IdempotencyKey = "k-1",
    };

    [Fact]
    public void Check_ValidRequestWithTabsAndLineBreaksInTheNote_NoViolation() => Assert.Empty(InputBounds.Check(Valid()));

    [Theory]
    [InlineData(1e29)]
    [InlineData(-1.000001e15)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NaN)]
    public void Check_ValueOutsideTheBounds_ValueViolation(double value)
    {
        var request = Valid();
        request.Value = value;

        var violation = Assert.Single(InputBounds.Check(request));

        Assert.Equal("value", violation.Field);
        Assert.Contains("finite number", violation.Description);
    }

    [Fact]
    public void Check_LargestAllowedMagnitude_NoViolation()
    {
        var request = Valid();
        request.Value = -InputBounds.MaxMagnitude;

        Assert.Empty(InputBounds.Check(request));
    }

    [Theory]
    [InlineData("note", "a\0b")]
    [InlineData("note", "bell\a")]
    [InlineData("solutions", "a\0b")]
    [InlineData("unit_code", "PHUOC\tTHANG")]
    [InlineData("idempotency_key", "key\n")]
    [InlineData("indicator_code", "CT\u0085")]
    public void Check_ControlCharacter_ViolationOnThatField(string field, string text)
    {
        var request = Valid();
        SubmitActualRequest.Descriptor.FindFieldByName(field).Accessor.SetValue(request, text);

        var violation = Assert.Single(InputBounds.Check(request));

        Assert.Equal(field, violation.Field);
        Assert.Contains("control characters", violation.Description);
    }

    [Theory]
    [InlineData("unit_code", InputBounds.MaxCodeLength)]
    [InlineData("idempotency_key", InputBounds.MaxKeyLength)]
    [InlineData("note", InputBounds.MaxFreeTextLength)]
    [InlineData("solutions", InputBounds.MaxFreeTextLength)]
    public void Check_OneCharacterOverTheLength_LengthViolation(string field, int max)
    {
        var request = Valid();
        var accessor = SubmitActualRequest.Descriptor.FindFieldByName(field).Accessor;
        accessor.SetValue(request, new string('x', max));
        Assert.Empty(InputBounds.Check(request));

        accessor.SetValue(request, new string('x', max + 1));

        Assert.Equal($"is longer than {max} characters", Assert.Single(InputBounds.Check(request)).Description);
    }

    [Fact]
    public void Check_NestedRowsAndMaps_PathsNameTheElement()
    {
        var import = new ImportActualsRequest { Rows = { new ImportRow { UnitCode = "A" }, new ImportRow { Note = "x\0", Value = 2e15 } } };
        var scheme = new SetSchemeRequest { Scheme = new Scheme { Weights = { ["CT01"] = 1, ["CT\0" + new string('9', 60)] = double.NaN } } };

        var importViolations = InputBounds.Check(import, "messages[0]").Select(v => v.Field).Order().ToList();
        var schemeViolations = InputBounds.Check(scheme);

        Assert.Equal(["messages[0].rows[1].note", "messages[0].rows[1].value"], importViolations);
        Assert.Equal(2, schemeViolations.Count);
        Assert.All(schemeViolations, v => Assert.StartsWith("scheme.weights[CT\\u00009999", v.Field));
        Assert.All(schemeViolations, v => Assert.True(v.Field.Length < 60, "a refused key is quoted by its prefix only"));
    }

    [Fact]
    public void Quote_LongValue_OnlyAPrefixWithControlCharactersEscaped()
    {
        var quoted = InputBounds.Quote("\0" + new string('a', 1000));

        Assert.StartsWith("\\u0000aaa", quoted);
        Assert.EndsWith("…", quoted);
        Assert.True(quoted.Length < 50);
    }
}
