using TuyPhuoc.Contracts.Evaluation.V1;
using TuyPhuoc.Contracts.Submissions.V1;

namespace TuyPhuoc.Portal.Features;

public sealed class BlockReader(Evaluation.EvaluationClient evaluation, Submissions.SubmissionsClient submissions, QuarterFactsReader facts)
{
    /// <summary>A block's quarter; the escalations are the ones of the block's units (the service's rule), the closed ones left out.</summary>
    public async Task<BlockView> ReadAsync(string block, int year, int quarter, CallOptions call)
    {
        var escalations = Paging.AllAsync(
            token => submissions.ListEscalationsAsync(new ListEscalationsRequest { Year = year, PageSize = Paging.MaxPageSize, PageToken = token }, call).ResponseAsync,
            page => (page.Escalations.Where(e => e.Status != EscalationStatus.Closed).Select(EscalationLine.From), page.NextPageToken)).ToListAsync().AsTask();
        var summary = await evaluation.GetBlockSummaryAsync(new GetBlockSummaryRequest { Block = block, Year = year, Quarter = quarter }, call);
        var reviews = submissions.ListReviewsAsync(new ListReviewsRequest { Year = year, Quarter = quarter, Block = block }, call).ResponseAsync;
        var read = await facts.ReadAsync(year, quarter, summary.DistrictFigures, summary.Laggards.Select(l => l.UnitCode), call);
        return new BlockView(read.Issuer, block, year, quarter, summary.Preliminary, StatusTally.Of(summary.Counts), summary.CheckpointPassed, summary.CheckpointFailed,
            read.Figures(summary.DistrictFigures), read.Laggards(summary.Laggards),
            [.. (await reviews).Reviews.Select(r => ReviewCard.From(r, read.UnitName, read.Name))], await escalations, TaskCounts.From(summary.KeyTasks));
    }
}
