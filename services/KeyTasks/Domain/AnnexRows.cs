using System.Text;

namespace TuyPhuoc.KeyTasks.Domain;

/// <summary>
/// Reads a decision annex's sheet (STT | Nội dung nhiệm vụ | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian hoàn thành |
/// Sản phẩm | Ghi chú) into task rows: the header row is found by its titles, a numbering row "(1) (2) …" under it is
/// skipped, a row numbered I, II, … (or A, B, …) opens a field, every other row with content is a task. Units are
/// named by code or by name ("UBND xã Phước Lộc", "Phòng Tài chính - Kế hoạch"; "các xã, thị trấn" names them all).
/// Every wrong cell is named as sheet!cell.
/// </summary>
public static partial class AnnexRows
{
    private enum Column { Number, Content, Lead, Coordinating, Deadline, Product, Note }

    private static readonly CultureInfo Vietnamese = CultureInfo.GetCultureInfo("vi-VN");
    private const string AllCommunes = "các xã, thị trấn";

    public sealed record Result(IReadOnlyList<TaskInput> Tasks, DecisionRules.Locate Where, Violations Violations);

    public static Result Read(string sheet, IReadOnlyList<AnnexCell> cells, PlanUnits? plan, string? defaultBlock, int year)
    {
        var violations = new Violations();
        var rows = cells.GroupBy(c => c.Row).OrderBy(g => g.Key).ToList();
        var header = rows.FirstOrDefault(r => r.Any(c => Title(c.Text) == Column.Number) && r.Any(c => Title(c.Text) == Column.Content));
        var at = $"{Quoted(sheet)}!";
        if (header is null)
        {
            violations.Add($"{at}A1", "no header row: the annex needs the columns STT, Nội dung nhiệm vụ, Cơ quan chủ trì and Thời gian hoàn thành");
            return new([], (_, _) => $"{at}A1", violations);
        }
        var columns = new Dictionary<Column, string>();
        foreach (var cell in header) if (Title(cell.Text) is { } title) columns.TryAdd(title, cell.Column);
        foreach (var required in new[] { Column.Lead, Column.Deadline })
        {
            if (!columns.ContainsKey(required)) violations.Add($"{at}{header.First().Column}{header.Key}", $"the header row lacks the column {Heading(required)}");
        }
        var names = plan is null ? new Dictionary<string, string[]>() : UnitNames(plan);
        var tasks = new List<TaskInput>();
        var taskRows = new List<int>();
        var field = "";
        foreach (var row in rows.Where(r => r.Key > header.Key))
        {
            string Get(Column c) => columns.TryGetValue(c, out var letter) ? row.FirstOrDefault(x => x.Column == letter)?.Text.Trim() ?? "" : "";
            string Cell(Column c) => $"{at}{columns.GetValueOrDefault(c, header.First().Column)}{row.Key}";
            if (row.All(c => NumberingCell().IsMatch(c.Text.Trim()))) continue;
            var number = Get(Column.Number);
            var content = Get(Column.Content);
            if (content.Length == 0 && number.Length == 0) continue;
            if (GroupNumber().IsMatch(number) && Get(Column.Lead).Length == 0 && Get(Column.Deadline).Length == 0)
            {
                field = $"{number}. {content}".Trim(' ', '.');
                continue;
            }
            if (tasks.Count == DecisionRules.MaxTasks)
            {
                violations.Add(Cell(Column.Number), $"the annex holds more than {DecisionRules.MaxTasks} tasks");
                break;
            }
            var lead = Units(Get(Column.Lead), names, Cell(Column.Lead), violations, single: true);
            var coordinating = Units(Get(Column.Coordinating), names, Cell(Column.Coordinating), violations, single: false);
            var deadlineCell = columns.TryGetValue(Column.Deadline, out var d) ? row.FirstOrDefault(x => x.Column == d) : null;
            var (deadline, problem) = deadlineCell?.Number is { } serial ? DeadlineText.FromSerial(serial) : DeadlineText.Parse(deadlineCell?.Text ?? "", year);
            if (problem is not null) violations.Add(Cell(Column.Deadline), problem);
            var leadCode = lead.FirstOrDefault() ?? "";
            var block = plan?.BlockOf(leadCode) is null ? Text.Optional(defaultBlock) ?? "" : "";
            tasks.Add(new TaskInput(number, field, content, leadCode, coordinating, block, deadline ?? (problem is null ? null : Deadline.Regular),
                Get(Column.Product), [], Get(Column.Note)));
            taskRows.Add(row.Key);
        }
        if (tasks.Count == 0 && !violations.Any) violations.Add($"{at}A{header.Key + 1}", "the annex lists no task under its header row");
        string Where(int i, string f)
        {
            var column = f switch
            {
                "number" => Column.Number,
                "content" or "field" => Column.Content,
                "coordinating_unit_codes" => Column.Coordinating,
                "deadline" => Column.Deadline,
                "product" => Column.Product,
                "note" => Column.Note,
                _ => Column.Lead,
            };
            return $"{at}{columns.GetValueOrDefault(column, header.First().Column)}{(i < taskRows.Count ? taskRows[i] : header.Key)}";
        }
        return new(tasks, Where, violations);
    }

    private static List<string> Units(string text, Dictionary<string, string[]> names, string cell, Violations violations, bool single)
    {
        var found = new List<string>();
        var normal = Normal(text);
        if (normal.Contains(AllCommunes, StringComparison.Ordinal))
        {
            found.AddRange(names.GetValueOrDefault(AllCommunes) ?? []);
            normal = normal.Replace(AllCommunes, "", StringComparison.Ordinal);
        }
        foreach (var part in normal.Split([',', ';', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (names.TryGetValue(part, out var codes)) found.AddRange(codes);
            else violations.Add(cell, $"names no unit of the plan: \"{InputBounds.Quote(part)}\"");
        }
        if (single && found.Count > 1) violations.Add(cell, "names more than one lead unit");
        if (single && found.Count == 0 && normal.Trim().Length == 0) violations.Add(cell, "is empty: name the lead unit");
        return [.. found.Distinct()];
    }

    /// <summary>Each unit by its code and its name, with and without "UBND"; and every commune and town together.</summary>
    private static Dictionary<string, string[]> UnitNames(PlanUnits plan)
    {
        var names = new Dictionary<string, string[]>();
        foreach (var u in plan.Units.Values.Where(u => u.Kind != UnitKind.District))
        {
            names.TryAdd(Normal(u.Code), [u.Code]);
            names.TryAdd(Normal(u.Name), [u.Code]);
        }
        names[AllCommunes] = [.. plan.Units.Values.Where(u => u.Kind is UnitKind.Commune or UnitKind.Town).Select(u => u.Code).Order(StringComparer.Ordinal)];
        return names;
    }

    private static string Normal(string text)
    {
        var t = Whitespace().Replace(text.Normalize(NormalizationForm.FormC).Replace('–', '-').Replace('—', '-'), " ").Trim().ToLower(Vietnamese);
        t = Dash().Replace(t, " - ");
        return Ubnd().Replace(t, "").Replace(", ubnd ", ", ", StringComparison.Ordinal);
    }

    private static Column? Title(string text)
    {
        var t = Normal(text);
        if (t == "stt" || t == "số tt" || t == "tt") return Column.Number;
        if (t.StartsWith("nội dung", StringComparison.Ordinal)) return Column.Content;
        if (t.Contains("chủ trì", StringComparison.Ordinal)) return Column.Lead;
        if (t.Contains("phối hợp", StringComparison.Ordinal)) return Column.Coordinating;
        if (t.StartsWith("thời gian", StringComparison.Ordinal) || t.StartsWith("thời hạn", StringComparison.Ordinal)) return Column.Deadline;
        if (t.StartsWith("sản phẩm", StringComparison.Ordinal)) return Column.Product;
        if (t.StartsWith("ghi chú", StringComparison.Ordinal)) return Column.Note;
        return null;
    }

    private static string Heading(Column c) => c switch
    {
        Column.Lead => "Cơ quan chủ trì",
        Column.Deadline => "Thời gian hoàn thành",
        _ => c.ToString(),
    };

    /// <summary>A sheet name as a reference writes it: quoted when it holds a space or punctuation.</summary>
    private static string Quoted(string sheet) => PlainSheet().IsMatch(sheet) ? sheet : $"'{sheet.Replace("'", "''", StringComparison.Ordinal)}'";

    [GeneratedRegex(@"^(?:[IVX]+|[A-Z])\.?$")]
    private static partial Regex GroupNumber();

    [GeneratedRegex(@"^\(?\d{1,2}\)?$")]
    private static partial Regex NumberingCell();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    [GeneratedRegex(@"\s*-\s*")]
    private static partial Regex Dash();

    [GeneratedRegex(@"^ubnd\s+")]
    private static partial Regex Ubnd();

    [GeneratedRegex(@"^[\p{L}\p{N}_]+$")]
    private static partial Regex PlainSheet();
}
