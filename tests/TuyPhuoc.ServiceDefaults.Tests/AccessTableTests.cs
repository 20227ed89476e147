using System.Security.Claims;
using Plans = TuyPhuoc.Contracts.Plans.V1;

namespace TuyPhuoc.ServiceDefaults.Tests;

public sealed class AccessTableTests
{
    private static readonly Google.Protobuf.Reflection.ServiceDescriptor[] SuiteServices =
    [
        Plans.IndicatorPlans.Descriptor,
        Contracts.Submissions.V1.Submissions.Descriptor,
        Contracts.Evaluation.V1.Evaluation.Descriptor,
        Contracts.Scoring.V1.EmulationScoring.Descriptor,
        Contracts.Tasks.V1.KeyTasks.Descriptor,
        Contracts.Notifications.V1.Notifications.Descriptor,
    ];

    [Fact]
    public void Table_EveryRpcOfEveryService_HasOneRowWithAGrantPerRole()
    {
        var rpcs = SuiteServices.SelectMany(s => s.Methods.Select(m => AccessTable.FullName(s, m.Name))).Order().ToList();
        var rows = AccessTable.Services.SelectMany(s => s.Rows.Select(r => AccessTable.FullName(s.Service, r.Method))).Order().ToList();

        Assert.Equal(rpcs, rows);
        Assert.All(AccessTable.Services.SelectMany(s => s.Rows), r => Assert.Equal(AccessTable.Columns.Count, r.Grants.Length));
        Assert.Equal(Roles.All.Order(), AccessTable.Columns.Order());
    }

    [Fact]
    public void Readme_AccessTable_IsTheTableInTheCode()
    {
        var readme = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "README.md"));
        var start = readme.IndexOf("<!-- access-table", StringComparison.Ordinal);
        var end = readme.IndexOf("<!-- /access-table -->", StringComparison.Ordinal);
        Assert.True(start >= 0 && end > start, "README has no access table between its markers");

        var shown = readme[(readme.IndexOf('\n', start) + 1)..end];

        Assert.Equal(AccessTable.Markdown(), shown);
    }

    [Fact]
    public void Of_MethodOrRoleTheTableDoesNotName_Denied()
    {
        var getPlan = AccessTable.FullName(Plans.IndicatorPlans.Descriptor, "GetPlan");

        Assert.Equal(Grant.All, AccessTable.Of(getPlan, Roles.Partner));
        Assert.Equal(Grant.Denied, AccessTable.Of(getPlan, "mayor"));
        Assert.Equal(Grant.Denied, AccessTable.Of(getPlan, null));
        Assert.Equal(Grant.Denied, AccessTable.Of("/tuyphuoc.plans.v1.IndicatorPlans/DropPlan", Roles.PlanningOffice));
    }

    [Theory]
    [InlineData(Roles.UnitReporter, "PHUOC_LOC", null, true)]
    [InlineData(Roles.UnitReporter, null, null, false)]
    [InlineData(Roles.BlockLeader, null, "economy", true)]
    [InlineData(Roles.BlockLeader, null, null, false)]
    [InlineData(Roles.Partner, null, null, false)]
    [InlineData(Roles.HomeAffairs, null, null, true)]
    public void Usable_FilteredGrantWithoutItsClaim_NotUsable(string role, string? unit, string? block, bool usable)
    {
        var claims = new List<Claim> { new(SuiteClaims.Role, role), new(SuiteClaims.Subject, "someone") };
        if (unit is not null) claims.Add(new(SuiteClaims.Unit, unit));
        if (block is not null) claims.Add(new(SuiteClaims.Block, block));
        var user = new ClaimsPrincipal(new ClaimsIdentity(claims, "test"));

        var caller = CallerScope.Of(user, "/tuyphuoc.submissions.v1.Submissions/ListActuals");

        Assert.Equal(usable, caller.Usable);
    }

    [Fact]
    public void SeesUnit_EachGrant_OnlyWhatItNames()
    {
        CallerScope Scope(Grant grant) => new("s", Roles.UnitReporter, "PHUOC_LOC", "economy", grant);

        Assert.True(Scope(Grant.All).SeesUnit("PHUOC_THANG", null));
        Assert.True(Scope(Grant.OwnUnit).SeesUnit("PHUOC_LOC", null));
        Assert.False(Scope(Grant.OwnUnit).SeesUnit("PHUOC_THANG", "economy"));
        Assert.True(Scope(Grant.OwnBlock).SeesUnit("NONG_NGHIEP", "economy"));
        Assert.False(Scope(Grant.OwnBlock).SeesUnit("Y_TE", "culture_society"));
        Assert.False(Scope(Grant.OwnBlock).SeesUnit("PHUOC_LOC", null));
        Assert.False(Scope(Grant.Denied).SeesUnit("PHUOC_LOC", null));
        Assert.Throws<PermissionDeniedException>(() => Scope(Grant.OwnUnit).DemandUnit("PHUOC_THANG", null));
    }
}
