using System.IO.Compression;
using System.Text;
using System.Text.RegularExpressions;

namespace TuyPhuoc.Harness;

/// <summary>
/// A good workbook turned hostile, as an attacker would edit the zip by hand: each builder rewrites or adds parts of the
/// package and leaves the rest as it was.
/// </summary>
public static partial class HostileWorkbook
{
    private const string Office = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/";

    /// <summary>One more (empty) cell at <paramref name="reference"/> of the first sheet, in a row of its own at the end.</summary>
    public static byte[] CellAt(byte[] workbook, string reference)
    {
        var row = Regex.Match(reference, @"\d+$").Value;
        return EditPart(workbook, FirstSheetPart(workbook), xml => SheetDataEnd().Replace(xml,
            m => $"<{m.Groups[1].Value}row r=\"{row}\"><{m.Groups[1].Value}c r=\"{reference}\"/></{m.Groups[1].Value}row>{m.Value}", 1));
    }

    /// <summary>The first sheet entry pointed at the styles part instead of its worksheet.</summary>
    public static byte[] SheetAtStyles(byte[] workbook)
    {
        if (!Relations(workbook).Any(r => r.Type.EndsWith("/styles", StringComparison.Ordinal)))
        {
            workbook = EditPart(workbook, RelationsPart(workbook), xml => xml.Replace("</Relationships>", $"<Relationship Id=\"rIdHostileStyles\" Type=\"{Office}styles\" Target=\"styles.xml\"/></Relationships>", StringComparison.Ordinal));
            workbook = WithPart(workbook, Folder(WorkbookPart(workbook)) + "styles.xml", "<styleSheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"/>");
        }
        var styles = Relations(workbook).First(r => r.Type.EndsWith("/styles", StringComparison.Ordinal)).Id;
        var first = FirstSheetId(workbook);
        return EditPart(workbook, WorkbookPart(workbook), xml => xml.Replace($"\"{first}\"", $"\"{styles}\"", StringComparison.Ordinal));
    }

    /// <summary>A second sheet entry on the first sheet's worksheet part.</summary>
    public static byte[] SheetTwice(byte[] workbook)
    {
        var first = FirstSheetId(workbook);
        return EditPart(workbook, WorkbookPart(workbook), xml => SheetsEnd().Replace(xml,
            m => $"<{m.Groups[1].Value}sheet name=\"Copy\" sheetId=\"999\" xmlns:hostile=\"{Office.TrimEnd('/')}\" hostile:id=\"{first}\"/></{m.Groups[1].Value}sheets>", 1));
    }

    /// <summary>A part of <paramref name="megabytes"/> MB of zeros, packed to a few hundred kilobytes.</summary>
    public static byte[] ZipBomb(byte[] workbook, int megabytes = 200) => Edit(workbook, zip =>
    {
        using var part = zip.CreateEntry("xl/media/image1.png", CompressionLevel.SmallestSize).Open();
        var zeros = new byte[1024 * 1024];
        for (var i = 0; i < megabytes; i++) part.Write(zeros);
    });

    public static byte[] ManyParts(byte[] workbook, int count) => Edit(workbook, zip =>
    {
        for (var i = 0; i < count; i++) zip.CreateEntry($"xl/media/image{i}.png");
    });

    /// <summary>A shared-string table of <paramref name="count"/> strings, linked from the workbook.</summary>
    public static byte[] SharedStrings(byte[] workbook, int count, int length = 1)
    {
        var table = new StringBuilder($"<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" count=\"{count}\" uniqueCount=\"{count}\">");
        var text = new string('a', length);
        for (var i = 0; i < count; i++) table.Append("<si><t>").Append(text).Append("</t></si>");
        table.Append("</sst>");
        var folder = Folder(WorkbookPart(workbook));
        var rels = RelationsPart(workbook);
        var linked = Relations(workbook).Any(r => r.Type.EndsWith("/sharedStrings", StringComparison.Ordinal))
            ? workbook
            : EditPart(workbook, rels, xml => xml.Replace("</Relationships>", $"<Relationship Id=\"rIdHostileStrings\" Type=\"{Office}sharedStrings\" Target=\"sharedStrings.xml\"/></Relationships>", StringComparison.Ordinal));
        var target = Relations(linked).First(r => r.Type.EndsWith("/sharedStrings", StringComparison.Ordinal)).Target;
        return WithPart(linked, target.StartsWith('/') ? target.TrimStart('/') : folder + target, table.ToString());
    }

    /// <summary>The header of an OLE compound file (what an encrypted or .xls workbook is), then zeros.</summary>
    public static byte[] CompoundFile() => [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, .. new byte[4096]];

    public static byte[] WithMacros(byte[] workbook) => WithPart(workbook, "xl/vbaProject.bin", "Attribute VB_Name = \"Module1\"");

    /// <summary>A DTD declaring nested entities (the "billion laughs") in the workbook part, used in the sheet's name.</summary>
    public static byte[] WithDtd(byte[] workbook) => EditPart(workbook, WorkbookPart(workbook), xml =>
    {
        const string dtd = "<!DOCTYPE lolz [<!ENTITY lol \"lol\"><!ENTITY lol2 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">"
            + "<!ENTITY lol3 \"&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;\">]>";
        var body = xml.StartsWith("<?xml", StringComparison.Ordinal) ? xml[(xml.IndexOf("?>", StringComparison.Ordinal) + 2)..] : xml;
        return "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>" + dtd + body;
    });

    public static byte[] WithPart(byte[] workbook, string name, string content) => Edit(workbook, zip =>
    {
        zip.GetEntry(name)?.Delete();
        using var writer = new StreamWriter(zip.CreateEntry(name).Open(), new UTF8Encoding(false));
        writer.Write(content);
    });

    public static byte[] EditPart(byte[] workbook, string name, Func<string, string> edit) => WithPart(workbook, name, edit(Read(workbook, name)));

    public static byte[] Edit(byte[] workbook, Action<ZipArchive> edit)
    {
        using var stream = new MemoryStream();
        stream.Write(workbook);
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Update, leaveOpen: true)) edit(zip);
        return stream.ToArray();
    }

    public static string Read(byte[] workbook, string name)
    {
        using var zip = new ZipArchive(new MemoryStream(workbook), ZipArchiveMode.Read);
        using var reader = new StreamReader(zip.GetEntry(name)?.Open() ?? throw new ArgumentException($"the workbook has no part {name}"));
        return reader.ReadToEnd();
    }

    private static string WorkbookPart(byte[] workbook) =>
        Target("", Attributes(Read(workbook, "_rels/.rels"), "Relationship").First(r => r["Type"].EndsWith("/officeDocument", StringComparison.Ordinal))["Target"]);

    private static string RelationsPart(byte[] workbook)
    {
        var part = WorkbookPart(workbook);
        return $"{Folder(part)}_rels/{part[Folder(part).Length..]}.rels";
    }

    private static List<(string Id, string Type, string Target)> Relations(byte[] workbook) =>
        [.. Attributes(Read(workbook, RelationsPart(workbook)), "Relationship").Select(r => (r["Id"], r["Type"], r["Target"]))];

    private static string FirstSheetId(byte[] workbook) =>
        Attributes(Read(workbook, WorkbookPart(workbook)), "sheet").First().First(a => a.Key.EndsWith(":id", StringComparison.Ordinal)).Value;

    private static string FirstSheetPart(byte[] workbook)
    {
        var id = FirstSheetId(workbook);
        return Target(Folder(WorkbookPart(workbook)), Relations(workbook).First(r => r.Id == id).Target);
    }

    private static string Folder(string part) => part.Contains('/') ? part[..(part.LastIndexOf('/') + 1)] : "";

    private static string Target(string folder, string target) => target.StartsWith('/') ? target.TrimStart('/') : folder + target;

    /// <summary>The attributes of each element of that local name, by qualified name.</summary>
    private static IEnumerable<Dictionary<string, string>> Attributes(string xml, string element) =>
        Regex.Matches(xml, $@"<(?:\w+:)?{element}\s([^>]*?)/?>").Select(m =>
            Regex.Matches(m.Groups[1].Value, "([\\w:]+)=\"([^\"]*)\"").ToDictionary(a => a.Groups[1].Value, a => a.Groups[2].Value));

    [GeneratedRegex(@"</(\w+:)?sheetData>")]
    private static partial Regex SheetDataEnd();

    [GeneratedRegex(@"</(\w+:)?sheets>")]
    private static partial Regex SheetsEnd();
}
