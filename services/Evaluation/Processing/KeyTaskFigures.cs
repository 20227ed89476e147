using Tasks = TuyPhuoc.Contracts.Tasks.V1;

namespace TuyPhuoc.Evaluation.Processing;

/// <summary>
/// The key tasks of a report as KeyTasks decides them at the quarter's end, asked when the report is read: a task's
/// status moves with the calendar, not only with changes, so it is never kept here. A report still answers when
/// KeyTasks does not, without them.
/// </summary>
public sealed class KeyTaskFigures(Tasks.KeyTasks.KeyTasksClient tasks, ILogger<KeyTaskFigures> logger)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(5);

    /// <param name="block">The block of a block summary; null for the district's report.</param>
    public async Task<Tasks.TaskSummary?> SummaryAsync(CallerScope caller, int year, int quarter, string? block, CancellationToken ct)
    {
        var request = new Tasks.SummarizeTasksRequest
        {
            Year = year,
            Block = caller.NarrowBlock(block) ?? "",
            // A unit's reporter sees the tasks its unit leads; partners see every task, since the task lists are public decisions.
            LeadUnitCode = caller.NarrowUnit(null) ?? "",
            AsOf = PlanCalendar.QuarterEnd(year, quarter).ToProto(),
        };
        try
        {
            return await tasks.SummarizeTasksAsync(request, deadline: DateTime.UtcNow + Deadline, cancellationToken: ct);
        }
        catch (RpcException e) when (e.StatusCode is StatusCode.Unavailable or StatusCode.DeadlineExceeded)
        {
            logger.LogWarning("The key tasks of {Year} Q{Quarter} were left out of a report: KeyTasks answered {Code}", year, quarter, e.StatusCode);
            return null;
        }
    }
}
