using TuyPhuoc.ServiceDefaults;
using TuyPhuoc.Submissions.Domain;

namespace TuyPhuoc.Submissions.Tests;

public sealed class ImportValidatorTests
{
    private static readonly Caller Office = new("office", Roles.PlanningOffice, null);
    private readonly List<int> _yearsRead = [];

    private ImportValidator Validator(Caller? caller = null, params (string, int, int)[] locked) =>
        new(caller ?? Office, Plans.Today, (year, _) =>
        {
            _yearsRead.Add(year);
            return Task.FromResult<(PlanView?, IReadOnlySet<(string, int, int)>)>((Plans.Small(year), locked.ToHashSet()));
        });

    private static async Task<ImportValidator> CheckedAsync(ImportValidator validator, params ActualInput[] rows)
    {
        for (var i = 0; i < rows.Length; i++) await validator.CheckAsync(rows[i], i + 1, TestContext.Current.CancellationToken);
        return validator;
    }

    [Fact]
    public async Task CheckAsync_GoodRows_NoError()
    {
        var validator = await CheckedAsync(Validator(), Plans.Input(), Plans.Input(indicator: "PCT", value: 40), Plans.Input(month: 6));

        Assert.True(validator.Good);
        Assert.Empty(validator.Summary());
    }

    [Fact]
    public async Task CheckAsync_LockedMonth_MonthErrorWithTheMessageOfASubmission()
    {
        var validator = await CheckedAsync(Validator(null, ("PHUOC_THANG", 2024, 7)), Plans.Input(month: 6), Plans.Input(month: 7));

        var error = Assert.Single(validator.Summary());
        var submitted = Assert.IsType<WriteOutcome.Refuse>(Assert.Single(WriteDecisions.Decide([new WriteCall(Plans.Input(month: 7), 0, null, [])], [],
            new HashSet<(string, int, int)> { ("PHUOC_THANG", 2024, 7) }, new Dictionary<(string, string, int, int), int>())));
        Assert.Equal((2L, "month"), (error.Row, error.Field));
        Assert.Equal(submitted.Error.Message, error.Reason);
        Assert.False(validator.Good);
    }

    [Fact]
    public async Task CheckAsync_SameCellTwice_IndicatorErrorNamingTheFirstRow()
    {
        var validator = await CheckedAsync(Validator(), Plans.Input(), Plans.Input(month: 6), Plans.Input(value: 3));

        Assert.Equal(new ImportRowError(3, "indicator_code", "the same cell is already in row 1"), Assert.Single(validator.Summary()));
    }

    [Fact]
    public async Task CheckAsync_RowOfAnotherUnit_BatchDeniedAndLaterRowsNotChecked()
    {
        var reporter = new Caller("r", Roles.UnitReporter, "PHUOC_THANG");

        var validator = await CheckedAsync(Validator(reporter), Plans.Input(), Plans.Input(unit: "TCKH", indicator: "GRO"), Plans.Input(value: double.NaN));

        Assert.Equal("Row 2: a reporter of PHUOC_THANG may not import values of TCKH; nothing was stored.", validator.Denied);
        Assert.Equal(0, validator.ErrorCount);
        Assert.False(validator.Good);
    }

    [Fact]
    public async Task CheckAsync_RuleViolations_EveryOneByRowAndNoLockCheck()
    {
        var validator = await CheckedAsync(Validator(null, ("PHUOC_THANG", 2024, 7)), Plans.Input(indicator: "PCT", value: 101, note: new string('x', 4001)));

        Assert.Equal(["note", "value"], validator.Summary().Select(e => e.Field));
    }

    [Fact]
    public async Task CheckAsync_ManyRowsOfAYear_TheYearReadOnceAndYearsWithoutAPlanNever()
    {
        await CheckedAsync(Validator(), Plans.Input(), Plans.Input(month: 6), Plans.Input(year: 2023), Plans.Input(year: 2025), Plans.Input(year: 1999));

        Assert.Equal([2024, 2023], _yearsRead);
    }

    [Fact]
    public async Task Summary_MoreErrorsThanTheLimit_TheLastSumsUpTheRest()
    {
        var validator = Validator();
        for (var row = 1; row <= ImportValidator.MaxErrors + 5; row++)
        {
            await validator.CheckAsync(Plans.Input(value: -row), row, TestContext.Current.CancellationToken);
        }

        var errors = validator.Summary();

        Assert.Equal(ImportValidator.MaxErrors, errors.Count);
        Assert.Equal(ImportValidator.MaxErrors + 5, validator.ErrorCount);
        Assert.EndsWith($"; and 5 more errors up to row {ImportValidator.MaxErrors + 5}", errors[^1].Reason);
    }
}
