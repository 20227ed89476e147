namespace TuyPhuoc.Harness;

/// <summary>Resident set size (VmRSS, and its peak VmHWM, from /proc/PID/status) of the suite's processes on this machine.</summary>
public static class MemoryReport
{
    public static void Print(TextWriter log)
    {
        log.WriteLine("| process | pid | VmRSS MB | VmHWM (peak) MB |");
        log.WriteLine("|---|---|---|---|");
        var postgres = (Count: 0, Rss: 0L, Peak: 0L);
        foreach (var dir in Directory.EnumerateDirectories("/proc").Where(d => int.TryParse(Path.GetFileName(d), out _)))
        {
            string name;
            Dictionary<string, long> status;
            try
            {
                var command = File.ReadAllText(Path.Combine(dir, "cmdline")).Split('\0')[0];
                name = Path.GetFileName(command);
                status = File.ReadLines(Path.Combine(dir, "status")).Where(l => l.StartsWith("Vm", StringComparison.Ordinal))
                    .Select(l => l.Split(':', 2)).ToDictionary(p => p[0], p => long.Parse(p[1].Trim().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture));
            }
            catch (IOException) { continue; }
            catch (UnauthorizedAccessException) { continue; }
            var (rss, peak) = (status.GetValueOrDefault("VmRSS"), status.GetValueOrDefault("VmHWM"));
            if ((name.StartsWith("TuyPhuoc.", StringComparison.Ordinal) && !name.StartsWith("TuyPhuoc.Harness", StringComparison.Ordinal))
                || name.StartsWith("redis-server", StringComparison.Ordinal))
            {
                log.WriteLine($"| {name} | {Path.GetFileName(dir)} | {rss / 1024.0:F0} | {peak / 1024.0:F0} |");
            }
            else if (name == "postgres" || name.StartsWith("postgres: ", StringComparison.Ordinal))
            {
                postgres = (postgres.Count + 1, postgres.Rss + rss, postgres.Peak + peak);
            }
        }
        // Backends share the buffer cache, so the sum counts shared pages more than once.
        if (postgres.Count > 0) log.WriteLine($"| postgres ({postgres.Count} processes, summed) | | {postgres.Rss / 1024.0:F0} | {postgres.Peak / 1024.0:F0} |");
    }
}
