using Google.Protobuf.WellKnownTypes;
using Grpc.Core;

namespace TuyPhuoc.ServiceDefaults.Tests;

public sealed class InputBoundsTests
{
    [Theory]
    [InlineData("12\u202E34")]
    [InlineData("Phước\u200BThắng")]
    [InlineData("\uFEFFCT03")]
    [InlineData("a\u2066b\u2069")]
    [InlineData("x\u200Ey")]
    [InlineData("tag \U000E0041")]
    public void Check_InvisibleFormatCharacter_Refused(string text)
    {
        var violation = Assert.Single(InputBounds.Check(new StringValue { Value = text }));

        Assert.Equal("value", violation.Field);
        Assert.StartsWith("contains invisible formatting characters", violation.Description);
    }

    [Fact]
    public void Check_VietnameseText_Accepted()
    {
        Assert.Empty(InputBounds.Check(new StringValue { Value = "Tổng giá trị sản xuất ngành nông, lâm, thủy sản (giá so sánh 2010): 1.234,5 tỷ đồng" }));
    }

    [Fact]
    public void Quote_FormatCharacter_ShownAsItsCode()
    {
        Assert.Equal("12\\u202e34", InputBounds.Quote("12\u202E34"));
    }

    [Fact]
    public void Check_BatchImportRowsOverTheCommonCount_LeftToTheImportsOwnBound()
    {
        var row = new Contracts.Submissions.V1.ImportRow { UnitCode = "PHUOC_THANG", IndicatorCode = "CT02", Year = 2024, Month = 1, Value = 1 };
        var batch = new Contracts.Submissions.V1.ImportActualsBatchRequest { Rows = { Enumerable.Repeat(row, InputBounds.MaxItems + 1) } };
        var stream = new Contracts.Submissions.V1.ImportActualsRequest { Rows = { Enumerable.Repeat(row, InputBounds.MaxItems + 1) } };

        Assert.Empty(InputBounds.Check(batch));
        Assert.Equal("rows", Assert.Single(InputBounds.Check(stream)).Field);
    }

    [Fact]
    public void Check_RepeatedFieldOverItsCount_OneViolationForTheField()
    {
        var list = new ListValue { Values = { Enumerable.Range(0, InputBounds.MaxItems + 1).Select(_ => Value.ForString("\0")) } };

        var violation = Assert.Single(InputBounds.Check(list));

        Assert.Equal("values", violation.Field);
        Assert.Contains($"at most {InputBounds.MaxItems}", violation.Description);
    }

    [Fact]
    public void Check_MapFieldOverItsCount_Refused()
    {
        var map = new Struct();
        for (var i = 0; i <= InputBounds.MaxItems; i++) map.Fields[$"k{i}"] = Value.ForNumber(i);

        Assert.Equal("fields", Assert.Single(InputBounds.Check(map)).Field);
    }

    [Fact]
    public void InvalidInput_ThousandsOfViolations_TenListedTheLastCountsTheRest()
    {
        var list = new ListValue { Values = { Enumerable.Range(0, 5000).Select(i => Value.ForString($"bad\u0007{new string('x', 900)}")) } };

        var e = new InvalidInputException(InputBounds.Check(list));
        var status = DomainExceptionInterceptor.ToStatus(e);

        Assert.Equal(InvalidInputException.MaxListed, e.Violations.Count);
        Assert.Equal("values[0].string_value", e.Violations[0].Field);
        Assert.Equal(new FieldViolation("", "and 4991 more"), e.Violations[^1]);
        Assert.True(status.Message.Length <= DomainExceptionInterceptor.MaxMessageLength, $"{status.Message.Length} characters");
        Assert.True(status.CalculateSize() < 4096, $"the status takes {status.CalculateSize()} bytes");
    }

    [Fact]
    public void InvalidInput_ManyItemsOfOneFieldWrongAndOneOther_TheOtherListedToo()
    {
        var violations = Enumerable.Range(0, 30).Select(i => new FieldViolation($"scheme.weights[CT{i:00}]", "is missing"))
            .Append(new FieldViolation("scheme.classes[1].min_total", "must be below classes[0].min_total (80)")).ToList();

        var listed = new InvalidInputException(violations).Violations;

        Assert.Equal(["scheme.weights[CT00]", "scheme.classes[1].min_total", "scheme.weights[CT01]"], listed.Take(3).Select(v => v.Field));
        Assert.Equal("and 22 more", listed[^1].Description);
    }

    [Fact]
    public void InvalidInput_AFewViolations_AllListed()
    {
        var e = new InvalidInputException([new("a", "is required"), new("b", "is required")]);

        Assert.Equal(["a", "b"], e.Violations.Select(v => v.Field));
        Assert.Equal("The request is not valid: a: is required; b: is required", e.Message);
    }

    [Fact]
    public void CallerSlots_OneCallerAtItsShare_RefusedWhileOthersGetIn()
    {
        var slots = new CallerSlots("imports", capacity: 3, perCaller: 1);

        using var first = slots.Take("PHUOC_THANG");
        var refused = Assert.Throws<RpcException>(() => slots.Take("PHUOC_THANG"));
        using var other = slots.Take("PHUOC_LOC");

        Assert.Equal(StatusCode.ResourceExhausted, refused.StatusCode);
        Assert.Contains("its share", refused.Status.Detail);
    }

    [Fact]
    public void CallerSlots_PoolFull_RefusedUntilOneEnds()
    {
        var slots = new CallerSlots("imports", capacity: 2, perCaller: 1);
        var a = slots.Take("A");
        using var b = slots.Take("B");

        Assert.Equal(StatusCode.ResourceExhausted, Assert.Throws<RpcException>(() => slots.Take("C")).StatusCode);
        a.Dispose();
        a.Dispose();
        using var c = slots.Take("C");
        Assert.Equal(StatusCode.ResourceExhausted, Assert.Throws<RpcException>(() => slots.Take("D")).StatusCode);
    }

    private static readonly StreamPace Pace = new(Idle: TimeSpan.FromSeconds(15), Grace: TimeSpan.FromSeconds(10), MinItemsPerSecond: 20, Total: TimeSpan.FromMinutes(5));

    [Fact]
    public void Pace_AtTheStart_TheGraceBoundsTheFirstWait()
    {
        Assert.Equal(TimeSpan.FromSeconds(10), Pace.NextWait(TimeSpan.Zero, 0).Wait);
    }

    [Fact]
    public void Pace_ABigChunkIn_TheIdleBound()
    {
        var (wait, reason) = Pace.NextWait(TimeSpan.FromSeconds(1), 10_000);

        Assert.Equal(TimeSpan.FromSeconds(15), wait);
        Assert.StartsWith("no message arrived for 15 s", reason);
    }

    [Fact]
    public void Pace_ATrickleOfARowEverySecond_NoWaitLeftAfterTheGrace()
    {
        var (wait, reason) = Pace.NextWait(TimeSpan.FromSeconds(12), 12);

        Assert.Equal(TimeSpan.Zero, wait);
        Assert.Contains("slower than 20 rows a second", reason);
    }

    [Fact]
    public void Pace_NearTheTotalTime_WhatIsLeftOfIt()
    {
        var (wait, reason) = Pace.NextWait(TimeSpan.FromMinutes(5) - TimeSpan.FromSeconds(2), 1_000_000);

        Assert.Equal(TimeSpan.FromSeconds(2), wait);
        Assert.Contains("longer than 5 minutes", reason);
    }
}
