using Grpc.Core;
using TuyPhuoc.Contracts.Evaluation.V1;
using TuyPhuoc.Contracts.Submissions.V1;
using TuyPhuoc.Portal.Features;
using static TuyPhuoc.Portal.Tests.Features.FakeSuite;

namespace TuyPhuoc.Portal.Tests.Features;

public sealed class YearSetupReaderTests
{
    private sealed class Deadlines : Submissions.SubmissionsClient
    {
        public List<SetDeadlinesRequest> Set { get; } = [];

        public override AsyncUnaryCall<Contracts.Submissions.V1.Deadlines> GetDeadlinesAsync(GetDeadlinesRequest request, CallOptions options) =>
            Answer(new Contracts.Submissions.V1.Deadlines { Year = request.Year, DayOfFollowingMonth = 5 });

        public override AsyncUnaryCall<Contracts.Submissions.V1.Deadlines> SetDeadlinesAsync(SetDeadlinesRequest request, CallOptions options)
        {
            Set.Add(request);
            return Answer(new Contracts.Submissions.V1.Deadlines { Year = request.Year, DayOfFollowingMonth = request.DayOfFollowingMonth });
        }
    }

    private sealed class Policies : Evaluation.EvaluationClient
    {
        private static readonly Policy First = new() { Year = 2025, Version = 1, AtRiskBand = 0.9, Checkpoints = { new Checkpoint { Quarter = 2, MinimumProgress = 0.5 } }, Reason = "Theo Công văn 612" };
        private static readonly Policy Second = new() { Year = 2025, Version = 2, AtRiskBand = 0.925, SurplusOffsets = true, Reason = "Điều chỉnh" };
        public List<SetPolicyRequest> Set { get; } = [];

        public override AsyncUnaryCall<Policy> GetPolicyAsync(GetPolicyRequest request, CallOptions options) => Answer(Second);

        public override AsyncUnaryCall<ListPolicyVersionsResponse> ListPolicyVersionsAsync(ListPolicyVersionsRequest request, CallOptions options) =>
            Answer(new ListPolicyVersionsResponse { Versions = { First, Second } });

        public override AsyncUnaryCall<Policy> SetPolicyAsync(SetPolicyRequest request, CallOptions options)
        {
            Set.Add(request);
            return Answer(request.Policy);
        }
    }

    [Fact]
    public async Task Read_TheDeadlineThePolicyInForceAndEveryVersionNewestFirst()
    {
        var view = await new YearSetupReader(new Deadlines(), new Policies()).ReadAsync(2025, new CallOptions());

        Assert.Equal((2025, 5, 2), (view.Year, view.DeadlineDay, view.Policy.Version));
        Assert.Equal([2, 1], view.Versions.Select(v => v.Version));
        Assert.Equal(0.5, view.Versions[1].Checkpoints[2]);
        var typed = PolicyInput.Of(view.Policy);
        Assert.Equal(("92,5", true), (typed.AtRiskBand, typed.SurplusOffsets));
    }

    [Fact]
    public async Task SetPolicy_PercentagesTypedTheVietnameseWay_SentAsFractions_EmptyQuartersNoCheckpoint()
    {
        var policies = new Policies();
        var input = new PolicyInput { AtRiskBand = "87,5", Reason = " Họp UBND ngày 05/01 " };
        input.Checkpoints[1] = "50";

        await new YearSetupReader(new Deadlines(), policies).SetPolicyAsync(2025, input, "k", new CallOptions());

        var sent = Assert.Single(policies.Set).Policy;
        Assert.Equal((2025, 0.875, "Họp UBND ngày 05/01"), (sent.Year, sent.AtRiskBand, sent.Reason));
        Assert.Equal((2, 0.5), (Assert.Single(sent.Checkpoints).Quarter, sent.Checkpoints[0].MinimumProgress));
        Assert.Empty(input.Unreadable());
        input.Checkpoints[3] = "năm mươi";
        Assert.Equal(["policy.checkpoints.q4"], input.Unreadable().Keys);
    }
}
