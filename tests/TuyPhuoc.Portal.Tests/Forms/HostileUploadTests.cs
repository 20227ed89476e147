using TuyPhuoc.Portal.Features;
using TuyPhuoc.Portal.Forms;
using TuyPhuoc.ServiceDefaults;

namespace TuyPhuoc.Portal.Tests.Forms;

/// <summary>Hostile workbooks built by hand: each refused as a whole, for its reason, before any of it is used.</summary>
public sealed class HostileUploadTests
{
    private static readonly byte[] Month = MonthWorkbookTests.Produced;

    private static WorkbookRefusedException Refused(byte[] workbook, WorkbookLimits? limits = null) =>
        Assert.Throws<WorkbookRefusedException>(() => WorkbookReader.Read(new MemoryStream(workbook), limits, Xunit.TestContext.Current.CancellationToken));

    [Fact]
    public void Read_ACellOnRowTwoBillion_RefusedOutsideTheSheet()
    {
        var hostile = HostileWorkbook.CellAt(Month, "J2147483000");

        var refused = Assert.Throws<WorkbookRefusedException>(() => MonthWorkbook.Read(new MemoryStream(hostile), MonthWorkbookTests.July));

        Assert.Equal(WorkbookRefusal.OutsideSheet, refused.Reason);
        Assert.Contains("2147483000", refused.Message);
    }

    [Fact]
    public void Read_AnEmptyCellOnExcelsLastRow_TheFormReadAsWithoutIt()
    {
        var filled = Filled.In(Month, MonthWorkbook.Sheet, ("I14", 93.2));

        var upload = MonthWorkbook.Read(new MemoryStream(HostileWorkbook.CellAt(filled, "J1048576")), MonthWorkbookTests.July);

        Assert.Empty(upload.Errors);
        Assert.Equal([("CT10", 93.2)], upload.Rows.Select(r => (r.Row.IndicatorCode, r.Row.Value)));
    }

    [Fact]
    public void Read_AColumnPastXfd_RefusedOutsideTheSheet()
    {
        var refused = Refused(HostileWorkbook.CellAt(Month, "XFE20"));

        Assert.Equal(WorkbookRefusal.OutsideSheet, refused.Reason);
        Assert.Contains("XFE20", refused.Message);
        Assert.Equal(WorkbookRefusal.OutsideSheet, Refused(HostileWorkbook.CellAt(Month, "AAAAAAAAAAAAAAAA20")).Reason);
    }

    [Fact]
    public void Read_TheLastCellExcelHas_Read()
    {
        var sheet = Assert.Single(WorkbookReader.Read(new MemoryStream(HostileWorkbook.CellAt(Month, "XFD1048576")), ct: Xunit.TestContext.Current.CancellationToken));

        Assert.Equal((16_384, 1_048_576), (sheet.Cells[^1].Column, sheet.Cells[^1].Row));
    }

    [Fact]
    public void Read_ASheetEntryOnTheStyles_RefusedAsNotAWorksheet()
    {
        var refused = Assert.Throws<WorkbookRefusedException>(() => MonthWorkbook.Read(new MemoryStream(HostileWorkbook.SheetAtStyles(Month)), MonthWorkbookTests.July));

        Assert.Equal(WorkbookRefusal.NotAWorksheet, refused.Reason);
        Assert.Contains(MonthWorkbook.Sheet, refused.Message);
    }

    [Fact]
    public void Read_TwoSheetEntriesOnOnePart_Refused()
    {
        var refused = Refused(HostileWorkbook.SheetTwice(Month));

        Assert.Equal(WorkbookRefusal.SheetTwice, refused.Reason);
    }

    [Fact]
    public void Read_TwoHundredMegabytesOfZeros_RefusedAsAZipBomb()
    {
        var bomb = HostileWorkbook.ZipBomb(Month, 200);
        Assert.True(bomb.Length < UploadedFile.MaxBytes, $"the bomb packs to {bomb.Length} bytes");

        var refused = Refused(bomb);

        Assert.Equal(WorkbookRefusal.ZipBomb, refused.Reason);
        Assert.Contains("xl/media/image1.png", refused.Message);
    }

    [Fact]
    public void Read_MorePartsThanAWorkbookNeeds_Refused()
    {
        var refused = Refused(HostileWorkbook.ManyParts(Month, 300));

        Assert.Equal(WorkbookRefusal.TooManyParts, refused.Reason);
        Assert.Contains("more than 200", refused.Message);
    }

    [Fact]
    public void Read_AHugeSharedStringTable_Refused()
    {
        var refused = Refused(HostileWorkbook.SharedStrings(Month, 200_001));

        Assert.Equal(WorkbookRefusal.SharedStrings, refused.Reason);
        Assert.Contains("more than 200000 shared strings", refused.Message);
    }

    [Fact]
    public void Read_SharedStringsOfTooManyCharacters_Refused()
    {
        var refused = Refused(HostileWorkbook.SharedStrings(Month, 100, 20), new WorkbookLimits { MaxSharedCharacters = 1_000 });

        Assert.Equal(WorkbookRefusal.SharedStrings, refused.Reason);
        Assert.Contains("more than 1000 characters", refused.Message);
    }

    [Fact]
    public void Read_MoreCellsThanTheLimit_Refused()
    {
        var refused = Refused(Month, new WorkbookLimits { MaxCells = 10 });

        Assert.Equal(WorkbookRefusal.TooManyCells, refused.Reason);
    }

    [Fact]
    public void Read_MoreUnpackedBytesThanTheLimit_CountedWhileUnpacking()
    {
        // Headers that overstate every part's size change nothing: the bytes are counted as they unpack.
        var overstated = Overstated(Month);
        Assert.Single(WorkbookReader.Read(new MemoryStream(overstated), ct: Xunit.TestContext.Current.CancellationToken));

        var refused = Refused(overstated, new WorkbookLimits { MaxUnpackedBytes = 4_000 });

        Assert.Equal(WorkbookRefusal.Unpacked, refused.Reason);
    }

    [Fact]
    public void Read_AnOleCompoundFile_RefusedAsEncrypted()
    {
        var refused = Refused(HostileWorkbook.CompoundFile());

        Assert.Equal(WorkbookRefusal.Encrypted, refused.Reason);
    }

    [Fact]
    public void Read_AVbaProject_RefusedAsMacros()
    {
        Assert.Equal(WorkbookRefusal.Macros, Refused(HostileWorkbook.WithMacros(Month)).Reason);
        var macroType = HostileWorkbook.EditPart(Month, "[Content_Types].xml", xml => xml.Replace("sheet.main+xml", "sheet.macroEnabled.main+xml", StringComparison.Ordinal));
        Assert.Equal(WorkbookRefusal.Macros, Refused(macroType).Reason);
    }

    [Fact]
    public void Read_ADtd_Refused()
    {
        var refused = Refused(HostileWorkbook.WithDtd(Month));

        Assert.Equal(WorkbookRefusal.Dtd, refused.Reason);
        Assert.Contains("xl/workbook.xml", refused.Message);
    }

    [Fact]
    public void Read_LargerThanTheLimit_Refused()
    {
        Assert.Equal(WorkbookRefusal.TooLarge, Refused(Month, new WorkbookLimits { MaxBytes = 1_000 }).Reason);
    }

    /// <summary>The workbook with every entry's unpacked size in its headers set to 2 GB.</summary>
    private static byte[] Overstated(byte[] workbook)
    {
        var bytes = (byte[])workbook.Clone();
        for (var i = 0; i + 30 < bytes.Length; i++)
        {
            var local = bytes[i] == 'P' && bytes[i + 1] == 'K' && bytes[i + 2] == 3 && bytes[i + 3] == 4;
            var central = bytes[i] == 'P' && bytes[i + 1] == 'K' && bytes[i + 2] == 1 && bytes[i + 3] == 2;
            if (local) BitConverter.TryWriteBytes(bytes.AsSpan(i + 22, 4), 0x7FFF_FFF0u);
            if (central) BitConverter.TryWriteBytes(bytes.AsSpan(i + 24, 4), 0x7FFF_FFF0u);
        }
        return bytes;
    }
}
