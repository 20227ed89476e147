using TuyPhuoc.Contracts.Evaluation.V1;
using TuyPhuoc.Contracts.Submissions.V1;

namespace TuyPhuoc.Portal.Features;

/// <summary>A year's setup: the deadline from Submissions, the evaluation policy and its versions from Evaluation; each set as a new value.</summary>
public sealed class YearSetupReader(Submissions.SubmissionsClient submissions, Evaluation.EvaluationClient evaluation)
{
    public async Task<YearSetupView> ReadAsync(int year, CallOptions call)
    {
        var deadline = submissions.GetDeadlinesAsync(new GetDeadlinesRequest { Year = year }, call).ResponseAsync;
        var policy = evaluation.GetPolicyAsync(new GetPolicyRequest { Year = year }, call).ResponseAsync;
        var versions = evaluation.ListPolicyVersionsAsync(new ListPolicyVersionsRequest { Year = year }, call).ResponseAsync;
        return new(year, (await deadline).DayOfFollowingMonth, PolicyLine.From(await policy),
            [.. (await versions).Versions.OrderByDescending(v => v.Version).Select(PolicyLine.From)]);
    }

    public Task SetDeadlineAsync(int year, int day, string key, CallOptions call) =>
        submissions.SetDeadlinesAsync(new SetDeadlinesRequest { Year = year, DayOfFollowingMonth = day, IdempotencyKey = key }, call).ResponseAsync;

    public Task SetPolicyAsync(int year, PolicyInput input, string key, CallOptions call) =>
        evaluation.SetPolicyAsync(new SetPolicyRequest { Policy = input.ToPolicy(year), IdempotencyKey = key }, call).ResponseAsync;
}
