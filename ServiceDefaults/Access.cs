using System.Diagnostics.CodeAnalysis;
using ServiceDescriptor = Google.Protobuf.Reflection.ServiceDescriptor;
using static TuyPhuoc.ServiceDefaults.Grant;

namespace TuyPhuoc.ServiceDefaults;

/// <summary>What a role may do with an RPC: nothing, everything, or only what concerns its own unit, its block or the district.</summary>
public enum Grant
{
    Denied,
    All,
    /// <summary>The caller's own unit (claim <c>unit</c>); in Evaluation also the district figures.</summary>
    OwnUnit,
    /// <summary>The caller's sector block (claim <c>block</c>).</summary>
    OwnBlock,
    /// <summary>The district figures only.</summary>
    District,
}

/// <summary>
/// The authorization table of the suite, role × RPC. Each service enforces it (<see cref="AccessPolicy"/>, before any
/// handler, so before any stored answer is replayed) and filters what it reads by the caller's grant; README shows it
/// and the end-to-end matrix test walks it.
/// </summary>
public static class AccessTable
{
    /// <summary>The roles in the order of the table's columns.</summary>
    public static readonly IReadOnlyList<string> Columns =
        [Roles.PlanningOffice, Roles.UnitReporter, Roles.BlockLeader, Roles.HomeAffairs, Roles.Partner, Roles.Service];

    private const Grant A = All, D = Denied, U = OwnUnit, B = OwnBlock, T = District;

    public static readonly IReadOnlyList<(ServiceDescriptor Service, IReadOnlyList<(string Method, Grant[] Grants)> Rows)> Services =
    [
        (Contracts.Plans.V1.IndicatorPlans.Descriptor,
        [
            //                       planning unit block home partner service
            ("ListUnits",            [A, A, A, A, A, A]),
            ("GetUnitTree",          [A, A, A, A, A, A]),
            ("CreateUnit",           [A, D, D, D, D, D]),
            ("CloseUnit",            [A, D, D, D, D, D]),
            ("RenameUnit",           [A, D, D, D, D, D]),
            ("ListBlocks",           [A, A, A, A, A, A]),
            ("ListIndicators",       [A, A, A, A, A, A]),
            ("GetIndicator",         [A, A, A, A, A, A]),
            ("CreateIndicator",      [A, D, D, D, D, D]),
            ("UpdateIndicator",      [A, D, D, D, D, D]),
            ("RetireIndicator",      [A, D, D, D, D, D]),
            ("GetPlan",              [A, A, A, A, A, A]),
            ("ListPlanRevisions",    [A, A, A, A, A, A]),
            ("CreatePlan",           [A, D, D, D, D, D]),
            ("RevisePlan",           [A, D, D, D, D, D]),
            ("ListTargets",          [A, A, A, A, A, A]),
            ("GetUnitAssignments",   [A, A, A, A, A, A]),
            ("ListAssignments",      [A, A, A, A, A, A]),
            ("ListAudit",            [A, D, D, A, D, A]),
            ("WatchChanges",         [A, D, D, A, D, A]),
        ]),
        (Contracts.Submissions.V1.Submissions.Descriptor,
        [
            ("SubmitActual",         [A, U, D, D, D, D]),
            ("ListRevisions",        [A, U, B, A, D, A]),
            ("ListActuals",          [A, U, B, A, D, A]),
            ("ImportActuals",        [A, U, D, D, D, D]),
            ("ImportActualsBatch",   [A, U, D, D, D, D]),
            ("SubmitReport",         [A, U, D, D, D, D]),
            ("ApproveReport",        [A, D, D, D, D, D]),
            ("ReturnReport",         [A, D, D, D, D, D]),
            ("ReopenReport",         [A, D, D, D, D, D]),
            ("GetReport",            [A, U, B, A, D, A]),
            ("ListReports",          [A, U, B, A, D, A]),
            ("SetDeadlines",         [A, D, D, D, D, D]),
            ("GetDeadlines",         [A, A, A, A, A, A]),
            ("ListTimeliness",       [A, U, B, A, D, A]),
            ("RaiseEscalation",      [A, U, D, D, D, D]),
            ("AssignEscalation",     [A, D, D, D, D, D]),
            ("AnswerEscalation",     [A, U, D, D, D, D]),
            ("CloseEscalation",      [A, U, D, D, D, D]),
            ("ReferEscalation",      [A, D, D, D, D, D]),
            ("RecordReferralAnswer", [A, D, D, D, D, D]),
            ("GetEscalation",        [A, U, B, A, D, A]),
            ("ListEscalations",      [A, U, B, A, D, A]),
            ("FileReview",           [A, U, D, D, D, D]),
            ("GetReview",            [A, U, B, A, D, A]),
            ("ListReviews",          [A, U, B, A, D, A]),
            ("GiveDirection",        [D, D, B, D, D, D]),
            ("AnswerDirection",      [A, U, D, D, D, D]),
            ("ListDirections",       [A, U, B, A, D, A]),
            ("ListAudit",            [A, D, D, A, D, A]),
            ("WatchChanges",         [A, D, D, A, D, A]),
        ]),
        (Contracts.Evaluation.V1.Evaluation.Descriptor,
        [
            ("GetIndicatorStatus",   [A, U, B, A, T, A]),
            ("GetScorecard",         [A, U, B, A, T, A]),
            ("GetBlockSummary",      [A, U, B, A, T, A]),
            ("GetQuarterReport",     [A, U, B, A, T, A]),
            ("ListLaggards",         [A, U, B, A, T, A]),
            ("Recompute",            [A, D, D, D, D, D]),
            ("WatchResults",         [A, U, B, A, T, A]),
            ("GetPolicy",            [A, A, A, A, A, A]),
            ("SetPolicy",            [A, D, D, D, D, D]),
            ("ListPolicyVersions",   [A, A, A, A, A, A]),
            ("IssueAnnouncement",    [A, D, D, D, D, D]),
            ("ListAnnouncements",    [A, A, A, A, A, A]),
            ("GetAnnouncement",      [A, A, A, A, A, A]),
            ("WatchAnnouncements",   [A, A, A, A, A, A]),
            ("ListAudit",            [A, D, D, A, D, A]),
        ]),
        (Contracts.Scoring.V1.EmulationScoring.Descriptor,
        [
            ("GetScheme",            [A, A, A, A, A, A]),
            ("SetScheme",            [D, D, D, A, D, D]),
            ("ListSchemeVersions",   [A, A, A, A, A, A]),
            ("GetScore",             [A, U, B, A, D, A]),
            ("ListRanking",          [A, A, B, A, A, A]),
            ("FinalizeYear",         [D, D, D, A, D, D]),
            ("ReopenYear",           [D, D, D, A, D, D]),
            ("GetYearState",         [A, A, A, A, A, A]),
            ("ListAudit",            [A, D, D, A, D, A]),
        ]),
        (Contracts.Tasks.V1.KeyTasks.Descriptor,
        [
            ("CreateDecision",       [A, D, D, D, D, D]),
            ("ImportDecision",       [A, D, D, D, D, D]),
            ("GetDecision",          [A, A, A, A, A, A]),
            ("ListDecisions",        [A, A, A, A, A, A]),
            ("GetTask",              [A, U, B, A, A, A]),
            ("ListTasks",            [A, U, B, A, A, A]),
            ("SummarizeTasks",       [A, U, B, A, A, A]),
            ("ReportProgress",       [A, U, D, D, D, D]),
            ("CommentTask",          [A, U, D, D, D, D]),
            ("RequestExtension",     [A, U, D, D, D, D]),
            ("DecideExtension",      [A, D, D, D, D, D]),
            ("ConfirmCompletion",    [A, D, D, D, D, D]),
            ("ListAudit",            [A, D, D, A, D, A]),
            ("WatchChanges",         [A, D, D, A, D, A]),
        ]),
        // Every caller reads and marks only their own inboxes (no inbox is named in a request); partners get none.
        (Contracts.Notifications.V1.Notifications.Descriptor,
        [
            ("ListNotifications",    [A, A, A, A, D, D]),
            ("CountUnread",          [A, A, A, A, D, D]),
            ("MarkRead",             [A, A, A, A, D, D]),
            ("GetPreferences",       [A, A, A, A, D, D]),
            ("SetPreferences",       [A, A, A, A, D, D]),
            ("SetMandatoryKinds",    [A, D, D, D, D, D]),
            ("SetMailAddress",       [A, D, D, D, D, D]),
            ("ListMailAddresses",    [A, D, D, D, D, D]),
        ]),
    ];

    private static readonly Dictionary<string, Dictionary<string, Grant>> ByMethod = Services
        .SelectMany(s => s.Rows.Select(r => (Name: FullName(s.Service, r.Method), r.Grants)))
        .ToDictionary(r => r.Name, r => Columns.Select((role, i) => (role, grant: r.Grants[i])).ToDictionary(x => x.role, x => x.grant));

    /// <summary>The gRPC path of a method: <c>/package.Service/Method</c>.</summary>
    public static string FullName(ServiceDescriptor service, string method) => $"/{service.FullName}/{method}";

    /// <summary>The grant of a role for a method; a method or role the table does not name is denied.</summary>
    public static Grant Of(string fullMethodName, string? role) =>
        role is not null && ByMethod.TryGetValue(fullMethodName, out var grants) && grants.TryGetValue(role, out var grant) ? grant : Denied;

    /// <summary>The table as README shows it: one Markdown table per service.</summary>
    public static string Markdown() => string.Join("\n", Services.Select(s =>
        $"| `{s.Service.FullName}` | {string.Join(" | ", Columns.Select(c => $"`{c}`"))} |\n"
        + $"|---|{string.Concat(Columns.Select(_ => "---|"))}\n"
        + string.Concat(s.Rows.Select(r => $"| {r.Method} | {string.Join(" | ", r.Grants.Select(Label))} |\n"))));

    public static string Label(Grant grant) => grant switch
    {
        All => "all",
        OwnUnit => "own unit",
        OwnBlock => "own block",
        District => "district",
        _ => "—",
    };
}

/// <summary>Who calls and what the table grants them for the RPC being served.</summary>
public sealed record CallerScope(string Subject, string Role, string? Unit, string? Block, Grant Grant)
{
    public static CallerScope Of(ServerCallContext context) =>
        Of(context.GetHttpContext().User, context.Method);

    public static CallerScope Of(ClaimsPrincipal user, string fullMethodName)
    {
        var role = user.FindFirst(SuiteClaims.Role)?.Value ?? "";
        return new CallerScope(user.SubjectOf(), role, user.UnitOf(), user.BlockOf(), AccessTable.Of(fullMethodName, role));
    }

    /// <summary>Whether a grant can be applied at all: a filtered grant needs the claim it filters by.</summary>
    public bool Usable => Grant switch
    {
        Denied => false,
        OwnUnit => !string.IsNullOrEmpty(Unit),
        OwnBlock => !string.IsNullOrEmpty(Block),
        _ => true,
    };

    /// <summary>Whether the data of a unit is open to the caller (unitBlock: the unit's sector block, if any).</summary>
    public bool SeesUnit(string unit, string? unitBlock) => Grant switch
    {
        All => true,
        OwnUnit => unit == Unit,
        OwnBlock => unitBlock is not null && unitBlock == Block,
        _ => false,
    };

    /// <summary>Which units are open to the caller, as one predicate (blockOf: a unit's sector block, asked only for a block leader).</summary>
    public Func<string, bool> SeesUnits(Func<string, string?> blockOf) =>
        unit => SeesUnit(unit, Grant == OwnBlock ? blockOf(unit) : null);

    public void DemandUnit(string unit, string? unitBlock)
    {
        if (!SeesUnit(unit, unitBlock)) throw new PermissionDeniedException(Grant switch
        {
            OwnUnit => $"A caller of {Unit} may not read or act for {unit}.",
            OwnBlock => $"A leader of the {Block} block may not read {unit}.",
            _ => $"The role {Role} may not read {unit}.",
        });
    }

    /// <summary>Refuses a block leader another block; the other grants are filtered by unit, not by block.</summary>
    public void DemandBlock(string block, string? refusal = null)
    {
        if (Grant == OwnBlock && block != Block)
            throw new PermissionDeniedException(refusal ?? $"A leader of the {Block} block does not see the {block} block.");
    }

    /// <summary>
    /// The unit filter of a read: a unit reporter's own unit when it asks for none or for it, a refusal when it asks
    /// for another; for the other grants the unit asked (null: every unit they see).
    /// </summary>
    [return: NotNullIfNotNull(nameof(requested))]
    public string? NarrowUnit(string? requested, string? refusal = null)
    {
        if (Grant != OwnUnit) return requested;
        if (requested is not null && requested != Unit)
            throw new PermissionDeniedException(refusal ?? $"A caller of {Unit} may not read or act for {requested}.");
        return requested ?? Unit;
    }

    /// <summary>The block filter of a read: a block leader's own block (see <see cref="DemandBlock"/>); for the other grants the block asked.</summary>
    [return: NotNullIfNotNull(nameof(requested))]
    public string? NarrowBlock(string? requested, string? refusal = null)
    {
        if (Grant != OwnBlock) return requested;
        if (requested is not null) DemandBlock(requested, refusal);
        return requested ?? Block;
    }

    /// <summary>What the grant shows of the data, as one value (all, district, block-X, unit-X): callers with the same view see the same.</summary>
    public string View => Grant switch
    {
        All => "all",
        OwnBlock => $"block-{Block}",
        OwnUnit => $"unit-{Unit}",
        District => "district",
        _ => "none",
    };

    /// <summary>This caller's idempotency key in the store: the client's key within the caller's scope.</summary>
    public string? Key(string? clientKey, string field = Idempotency.KeyField) => Idempotency.Scoped(Role, Unit, Subject, clientKey, field);
}

/// <summary>Lets a call through only when the access table grants the caller's role something of the method.</summary>
public sealed class AccessRequirement : IAuthorizationRequirement;

public sealed class AccessHandler : AuthorizationHandler<AccessRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, AccessRequirement requirement)
    {
        var method = (context.Resource as HttpContext)?.GetEndpoint()?.Metadata.GetMetadata<GrpcMethodMetadata>()?.Method.FullName;
        if (method is not null && context.User.Identity?.IsAuthenticated == true && CallerScope.Of(context.User, method).Usable)
        {
            context.Succeed(requirement);
        }
        return Task.CompletedTask;
    }
}

public static class AccessPolicy
{
    /// <summary>The policy every gRPC service class of the suite carries: <c>[Authorize(Policy = AccessPolicy.Name)]</c>.</summary>
    public const string Name = "access-table";

    public static IServiceCollection AddAccessPolicy(this IServiceCollection services)
    {
        services.AddSingleton<IAuthorizationHandler, AccessHandler>();
        services.AddAuthorizationBuilder().AddPolicy(Name, p => p.RequireAuthenticatedUser().AddRequirements(new AccessRequirement()));
        return services;
    }
}
