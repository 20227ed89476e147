using System.Diagnostics;
using TuyPhuoc.AppHost.Infrastructure;

namespace TuyPhuoc.EndToEnd.Tests;

/// <summary>The local PostgreSQL cluster is never destroyed, and its secrets are the owner's alone.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class LocalDataTests : IDisposable
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    // Under /tmp: the server binaries run as the postgres user, which must reach the folder.
    private readonly string _root = Directory.CreateDirectory(Path.Combine("/tmp", $"tuyphuoc-data-{Guid.NewGuid():N}")).FullName;

    private string ClusterDir => Path.Combine(_root, "postgres");
    private string PasswordFile => Path.Combine(_root, "postgres.password");

    [Fact]
    public async Task AppHost_ClusterWithoutItsPasswordFile_StopsWithOneLineAndDeletesNothing()
    {
        var files = ExistingCluster();

        using var apphost = Process.Start(new ProcessStartInfo(Path.Combine(AppContext.BaseDirectory, "TuyPhuoc.AppHost"),
            ["--Infrastructure:Mode=local", $"--Infrastructure:DataDirectory={_root}"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        var output = apphost.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var error = await apphost.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await apphost.WaitForExitAsync(TestContext.Current.CancellationToken);

        Assert.Equal(1, apphost.ExitCode);
        var line = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains(PasswordFile, line, StringComparison.Ordinal);
        Assert.Equal("", (await output).Trim());
        Assert.All(files, f => Assert.Equal(f.Value, File.ReadAllText(f.Key)));
        Assert.False(File.Exists(PasswordFile));
    }

    [Fact]
    public void EnsureCluster_DirectoryWithSomethingElse_StopsAndDeletesNothing()
    {
        Directory.CreateDirectory(ClusterDir);
        var stray = Path.Combine(ClusterDir, "notes.txt");
        File.WriteAllText(stray, "not a cluster");

        var e = Assert.Throws<SetupException>(() => LocalPostgres.EnsureCluster("/nonexistent", ClusterDir, PasswordFile));

        Assert.DoesNotContain('\n', e.Message);
        Assert.Contains(ClusterDir, e.Message, StringComparison.Ordinal);
        Assert.Equal("not a cluster", File.ReadAllText(stray));
    }

    [Fact]
    public void EnsureCluster_NewThenAgain_OneClusterItsPasswordOwnerOnlyAndKept()
    {
        var bin = LocalPostgres.FindServerBinaries();
        Assert.NotNull(bin);

        var password = LocalPostgres.EnsureCluster(bin, ClusterDir, PasswordFile);
        var marker = Path.Combine(ClusterDir, "base", "kept-by-the-test");
        File.WriteAllText(marker, "still here");
        var again = LocalPostgres.EnsureCluster(bin, ClusterDir, PasswordFile);

        Assert.True(File.Exists(Path.Combine(ClusterDir, "PG_VERSION")));
        Assert.Equal(OwnerOnly, File.GetUnixFileMode(PasswordFile));
        Assert.Equal(password, File.ReadAllText(PasswordFile));
        Assert.Equal(password, again);
        Assert.Equal("still here", File.ReadAllText(marker));
        Assert.Empty(Directory.GetFiles(_root, "*.pwfile"));
    }

    [Fact]
    public void SecretFile_Write_OwnerOnlyAndNeverOverAnExistingFile()
    {
        var path = Path.Combine(_root, "secret");

        SecretFile.Write(path, "s3cret");
        var mode = File.GetUnixFileMode(path);
        var e = Record.Exception(() => SecretFile.Write(path, "other"));

        Assert.Equal(OwnerOnly, mode);
        Assert.IsType<IOException>(e);
        Assert.Equal("s3cret", File.ReadAllText(path));
    }

    private Dictionary<string, string> ExistingCluster()
    {
        Directory.CreateDirectory(Path.Combine(ClusterDir, "base", "1"));
        var files = new Dictionary<string, string>
        {
            [Path.Combine(ClusterDir, "PG_VERSION")] = "16\n",
            [Path.Combine(ClusterDir, "base", "1", "1259")] = "a table's pages",
        };
        foreach (var (path, text) in files) File.WriteAllText(path, text);
        return files;
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);
}
