using TuyPhuoc.Contracts.Evaluation.V1;
using TuyPhuoc.Contracts.Plans.V1;
using TuyPhuoc.Contracts.Submissions.V1;

namespace TuyPhuoc.Portal.Features;

/// <summary>The offices' quarterly reviews and the leaders' directions, through Submissions (and Evaluation for the statuses an office reviews).</summary>
public sealed class DirectionsReader(Submissions.SubmissionsClient submissions, Evaluation.EvaluationClient evaluation, PlanCache plans)
{
    public async Task<DirectionsView> ReadAsync(Person person, int year, int quarter, CallOptions call)
    {
        var units = await plans.UnitsByCodeAsync(call);
        var indicators = await plans.IndicatorsAsync(call);
        string UnitName(string code) => units.GetValueOrDefault(code)?.Name ?? code;
        string IndicatorName(string code) => indicators.GetValueOrDefault(code)?.Name ?? code;
        var directions = Paging.AllAsync(
            token => submissions.ListDirectionsAsync(new ListDirectionsRequest { Year = year, PageSize = Paging.MaxPageSize, PageToken = token }, call).ResponseAsync,
            page => (page.Directions, page.NextPageToken)).ToListAsync().AsTask();
        var reviews = (await submissions.ListReviewsAsync(new ListReviewsRequest { Year = year, Quarter = quarter }, call)).Reviews
            .Select(r => ReviewCard.From(r, UnitName, IndicatorName)).ToList();
        IReadOnlyList<ReviewedIndicator> own = [];
        if (person.Reports && reviews.Any(r => r.Office == person.Unit))
        {
            var statuses = (await evaluation.GetQuarterReportAsync(new GetQuarterReportRequest { Year = year, Quarter = quarter }, call)).DistrictFigures
                .ToDictionary(f => f.IndicatorCode, f => f.Status);
            own = [.. indicators.Values.Where(i => i.ResponsibleOfficeCode == person.Unit && statuses.ContainsKey(i.Code)).OrderBy(i => i.Code, StringComparer.Ordinal)
                .Select(i => new ReviewedIndicator(i.Code, i.Name, statuses[i.Code]))];
        }
        var block = person.Role == Roles.BlockLeader ? person.Block : null;
        var collator = StringComparer.Create(VietNumber.Culture, false);
        return new DirectionsView(year, quarter, reviews,
            [.. (await directions).Select(d => new DirectionLine(d.Id, d.Quarter, d.Block, d.UnitCode, UnitName(d.UnitCode), Text.Optional(d.IndicatorCode),
                Text.Optional(d.IndicatorCode) is { } i ? IndicatorName(i) : null, d.OnReview, d.Text, d.GivenAt.ToDateTimeOffset(), d.GivenBy,
                d.Status == DirectionStatus.Answered, d.Answer, d.AnsweredAt?.ToDateTimeOffset()))
              .OrderByDescending(d => d.GivenAt)],
            block is null ? [] : [.. units.Values.Where(u => u.Kind is UnitKind.Commune or UnitKind.Town || (u.Kind == UnitKind.Office && TuyPhuoc.PlanModel.Blocks.Of(u) == block))
                .OrderBy(u => u.Name, collator).Select(u => new NamedCode(u.Code, u.Name))],
            block is null ? [] : [.. indicators.Values.Where(i => TuyPhuoc.PlanModel.Blocks.Name(i.Block) == block).OrderBy(i => i.Code, StringComparer.Ordinal)
                .Select(i => new NamedCode(i.Code, $"{i.Code} · {i.Name}"))],
            own);
    }

    /// <summary>Files the office's review; only the indicators with something written are sent.</summary>
    public Task FileAsync(string office, int year, int quarter, string summary, IEnumerable<(string Indicator, string Difficulties, string Solutions)> items, string key, CallOptions call) =>
        submissions.FileReviewAsync(new FileReviewRequest
        {
            OfficeCode = office, Year = year, Quarter = quarter, Summary = summary, IdempotencyKey = key,
            Items = { items.Where(i => !string.IsNullOrWhiteSpace(i.Difficulties) || !string.IsNullOrWhiteSpace(i.Solutions))
                .Select(i => new ReviewItem { IndicatorCode = i.Indicator, Difficulties = i.Difficulties, Solutions = i.Solutions }) },
        }, call).ResponseAsync;

    public Task GiveAsync(int year, int quarter, string unit, string? indicator, bool onReview, string text, string key, CallOptions call) =>
        submissions.GiveDirectionAsync(new GiveDirectionRequest
        {
            Year = year, Quarter = quarter, UnitCode = unit, IndicatorCode = indicator ?? "", OnReview = onReview, Text = text, IdempotencyKey = key,
        }, call).ResponseAsync;

    public Task AnswerAsync(string id, string answer, string key, CallOptions call) =>
        submissions.AnswerDirectionAsync(new AnswerDirectionRequest { Id = id, Answer = answer, IdempotencyKey = key }, call).ResponseAsync;
}
