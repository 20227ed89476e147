namespace TuyPhuoc.KeyTasks.Domain;

/// <summary>
/// What a decision and its task list must be: a numbered, dated decision of a year that has a plan; each task with its
/// content, a lead unit of the plan, coordinating units of the plan, a block whose leader follows it (the lead unit's,
/// or given for a commune's task), a deadline within reach of the decision, and indicators of the catalog.
/// Every fault is named; nothing is made while any is found.
/// </summary>
public static class DecisionRules
{
    public const int MaxTasks = 2000, MaxNumberLength = 40, MaxTitleLength = 500, MaxContentLength = 4000, MaxShortText = 500, MaxListed = 100;

    /// <summary>Where a task's field is, for the caller: "tasks[3].lead_unit_code" or, for an import, "Sheet1!C7".</summary>
    public delegate string Locate(int task, string field);

    public static readonly Locate ByField = (i, name) => $"tasks[{i}].{name}";

    public static Decision Create(DecisionHeader header, IReadOnlyList<TaskInput> inputs, PlanUnits? plan, Locate where, DateTimeOffset at, string by,
        Violations? found = null)
    {
        var violations = new Violations();
        CheckHeader(header, plan, violations);
        if (found?.Any != true) violations.Require(inputs.Count is >= 1 and <= MaxTasks, "tasks", $"must hold 1 to {MaxTasks} tasks");
        var decision = new Decision
        {
            Id = Guid.CreateVersion7(at),
            Number = header.Number.Trim(),
            DecisionDate = header.DecisionDate ?? default,
            Title = header.Title.Trim(),
            Year = header.Year,
            CreatedAt = at,
            CreatedBy = by,
        };
        for (var i = 0; i < inputs.Count && plan is not null; i++)
        {
            if (Task(decision, i, inputs[i], plan, where, violations) is { } task) decision.Tasks.Add(task);
        }
        // Numbers start again in each field of the list.
        foreach (var repeated in inputs.Select((t, i) => (Key: (t.Field.Trim(), t.Number.Trim()), i)).GroupBy(x => x.Key).Where(g => g.Key.Item2.Length > 0 && g.Count() > 1))
        {
            foreach (var (_, i) in repeated.Skip(1)) violations.Add(where(i, "number"), $"repeats task number {repeated.Key.Item2}");
        }
        // A cell the import already found wrong is named once.
        var all = found ?? new Violations();
        var named = all.Items.Select(v => v.Field).ToHashSet();
        foreach (var v in violations.Items.Where(v => !named.Contains(v.Field))) all.Add(v.Field, v.Description);
        all.ThrowIfAny();
        return decision;
    }

    private static void CheckHeader(DecisionHeader header, PlanUnits? plan, Violations violations)
    {
        violations.RequireText(header.Number, "number", MaxNumberLength);
        violations.RequireText(header.Title, "title", MaxTitleLength);
        if (!PlanCalendar.IsPlanYear(header.Year)) violations.Add("year", PlanCalendar.YearRange);
        else if (plan is null) violations.Add("year", $"has no plan: the units and indicators of {header.Year} are not known");
        if (header.DecisionDate is not { } date) violations.Add("decision_date", "is required");
        else if (PlanCalendar.IsPlanYear(header.Year) && (date.Year < header.Year - 1 || date.Year > header.Year))
            violations.Add("decision_date", $"must fall in {header.Year} or the year before");
    }

    private static KeyTask? Task(Decision decision, int i, TaskInput input, PlanUnits plan, Locate where, Violations violations)
    {
        var before = violations.Items.Count;
        if (input.Number.Trim().Length > MaxNumberLength) violations.Add(where(i, "number"), $"is longer than {MaxNumberLength} characters");
        violations.RequireText(input.Content, where(i, "content"), MaxContentLength);
        if (input.Field.Length > MaxShortText) violations.Add(where(i, "field"), $"is longer than {MaxShortText} characters");
        if (input.Product.Length > MaxShortText) violations.Add(where(i, "product"), $"is longer than {MaxShortText} characters");
        var lead = input.LeadUnitCode.Trim();
        var leadUnit = plan.Units.GetValueOrDefault(lead);
        if (lead.Length == 0) violations.Add(where(i, "lead_unit_code"), "is required");
        else if (leadUnit is null || leadUnit.Kind == UnitKind.District) violations.Add(where(i, "lead_unit_code"), $"{lead} is not an office, commune or town of {plan.Year}");
        var coordinating = input.CoordinatingUnitCodes.Select(c => c.Trim()).ToList();
        if (coordinating.Count > MaxListed) violations.Add(where(i, "coordinating_unit_codes"), $"names more than {MaxListed} units");
        foreach (var unknown in coordinating.Where(c => !plan.Units.ContainsKey(c)).Distinct())
            violations.Add(where(i, "coordinating_unit_codes"), $"{unknown} is not a unit of {plan.Year}");
        if (coordinating.Contains(lead) && lead.Length > 0) violations.Add(where(i, "coordinating_unit_codes"), $"{lead} leads the task");
        var block = Text.Optional(input.Block) ?? leadUnit?.Block;
        if (block is null && leadUnit is not null) violations.Add(where(i, "block"), $"is required: {lead} is in no sector block, so name the block whose leader follows the task");
        else if (block is not null && !Blocks.IsBlock(block)) violations.Add(where(i, "block"), $"{block} is not a sector block ({string.Join(", ", Blocks.Names)})");
        var indicators = input.IndicatorCodes.Select(c => c.Trim()).ToList();
        if (indicators.Count > MaxListed) violations.Add(where(i, "indicator_codes"), $"names more than {MaxListed} indicators");
        foreach (var unknown in indicators.Where(c => !plan.Indicators.Contains(c)).Distinct())
            violations.Add(where(i, "indicator_codes"), $"{unknown} is not in the catalog");
        if (input.Note.Length > MaxContentLength) violations.Add(where(i, "note"), $"is longer than {MaxContentLength} characters");
        CheckDeadline(input.Deadline, decision, where(i, "deadline"), violations);
        if (violations.Items.Count > before) return null;
        var deadline = input.Deadline!.Value;
        return new KeyTask
        {
            Id = Guid.CreateVersion7(decision.CreatedAt),
            DecisionId = decision.Id,
            DecisionNumber = decision.Number,
            StartsOn = decision.DecisionDate,
            Year = decision.Year,
            Position = i + 1,
            Number = input.Number.Trim().Length > 0 ? input.Number.Trim() : (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture),
            Field = input.Field.Trim(),
            Content = input.Content.Trim(),
            LeadUnitCode = lead,
            CoordinatingUnitCodes = [.. coordinating.Distinct()],
            Block = block!,
            DeadlineKind = deadline.Kind,
            DueDate = deadline.DueDate,
            Product = input.Product.Trim(),
            IndicatorCodes = [.. indicators.Distinct()],
            Note = input.Note.Trim(),
        };
    }

    private static void CheckDeadline(Deadline? deadline, Decision decision, string field, Violations violations)
    {
        if (deadline is not { } d || d.Kind == DeadlineKind.Unspecified) { violations.Add(field, "is required: a day, a month, a quarter or regular"); return; }
        if (d.Kind == DeadlineKind.Regular) { violations.Require(d.DueDate is null, field, "a regular task has no due date"); return; }
        if (d.DueDate is not { } due) { violations.Add(field, "needs its due date"); return; }
        if (decision.DecisionDate != default && due < decision.DecisionDate) violations.Add(field, $"{d.Label} lies before the decision of {decision.DecisionDate.ToString("dd/MM/yyyy", System.Globalization.CultureInfo.InvariantCulture)}");
        else if (due.Year > decision.Year + 1) violations.Add(field, $"{d.Label} lies beyond {decision.Year + 1}");
    }
}
