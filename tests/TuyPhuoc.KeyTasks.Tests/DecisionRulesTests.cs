using TuyPhuoc.KeyTasks.Domain;
using TuyPhuoc.ServiceDefaults;
using static TuyPhuoc.KeyTasks.Tests.Samples;

namespace TuyPhuoc.KeyTasks.Tests;

public sealed class DecisionRulesTests
{
    private static readonly DecisionHeader Header = new("808/QĐ-UBND", DecisionDate, "Danh mục nhiệm vụ trọng tâm năm 2024", 2024);

    private static TaskInput Input(string lead = "TN_MT", string block = "", Deadline? deadline = null, params string[] coordinating) =>
        new("1", "I. Kinh tế", "Đấu giá quyền sử dụng đất", lead, coordinating, block, deadline ?? Day(5, 31), "Báo cáo", ["CT04"], "");

    private static Decision Create(params TaskInput[] tasks) =>
        DecisionRules.Create(Header, tasks, Plan, DecisionRules.ByField, At(D(2, 21)), "tckh-1");

    [Fact]
    public void Create_AnOfficesTask_TakesTheOfficesBlock()
    {
        var decision = Create(Input(coordinating: ["TCKH", "PHUOC_LOC"]));

        var task = Assert.Single(decision.Tasks);
        Assert.Equal("economy", task.Block);
        Assert.Equal(["TCKH", "PHUOC_LOC"], task.CoordinatingUnitCodes);
        Assert.Equal(DecisionDate, task.StartsOn);
    }

    [Fact]
    public void Create_ACommunesTaskWithItsBlock_Kept_WithoutABlock_Refused()
    {
        Assert.Equal("economy", Create(Input("PHUOC_LOC", "economy")).Tasks[0].Block);

        var refused = Assert.Throws<InvalidInputException>(() => Create(Input("PHUOC_LOC")));
        Assert.Equal("tasks[0].block", Assert.Single(refused.Violations).Field);
    }

    [Fact]
    public void Create_EveryFaultOfEveryTask_NamedAtOnce()
    {
        var refused = Assert.Throws<InvalidInputException>(() => Create(
            Input(),
            Input("ATLANTIS") with { Number = "2" },
            Input(deadline: Day(1, 5), coordinating: ["NOWHERE"]) with { Number = "3", IndicatorCodes = ["CT99"] },
            Input(deadline: new Deadline(DeadlineKind.Quarter, null)) with { Number = "4", Content = " " },
            Input() with { Number = "1" }));

        Assert.Equal(
            ["tasks[1].lead_unit_code", "tasks[2].coordinating_unit_codes", "tasks[2].indicator_codes", "tasks[2].deadline", "tasks[3].content", "tasks[3].deadline", "tasks[4].number"],
            refused.Violations.Select(v => v.Field));
    }

    [Fact]
    public void Create_HeaderWrong_Named()
    {
        var refused = Assert.Throws<InvalidInputException>(() =>
            DecisionRules.Create(new DecisionHeader("", new DateOnly(2020, 1, 1), "", 2024), [Input()], Plan, DecisionRules.ByField, At(D(2, 21)), "p"));

        Assert.Equal(["number", "title", "decision_date"], refused.Violations.Select(v => v.Field));
    }

    [Fact]
    public void Create_AYearWithoutAPlan_Refused()
    {
        var refused = Assert.Throws<InvalidInputException>(() =>
            DecisionRules.Create(Header with { Year = 2030, DecisionDate = new DateOnly(2030, 1, 5) }, [Input()], null, DecisionRules.ByField, At(D(2, 21)), "p"));

        Assert.Contains(refused.Violations, v => v.Field == "year");
    }
}
