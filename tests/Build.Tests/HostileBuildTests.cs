using Orchestrator.Contracts.Jobs;
using Orchestrator.TestSupport;

namespace Orchestrator.Build.Tests;

/// <summary>
/// A build script that hunts for credentials where they usually are: its environment, every ancestor's
/// /proc/&lt;pid&gt;/environ, ~/.aliyun/config.json and the function user's home. The test host carries canary
/// credentials in its real environment (canary.runsettings) and in a root-only config file.
/// </summary>
public sealed class HostileBuildTests : IClassFixture<LocalOssFixture>, IDisposable
{
    private const string HuntScript = """
        const fs = require('fs');
        const os = require('os');
        const path = require('path');
        const found = [];
        const check = (where, text) => { if (/Canary|LTAI|ALIBABA_CLOUD|FC_FUNCTION/.test(text)) found.push(where); };
        console.log('ENV ' + JSON.stringify(process.env));
        check('env', JSON.stringify(process.env));
        let pid = process.ppid;
        for (let i = 0; i < 12 && pid > 1; i++) {
          try { const t = fs.readFileSync(`/proc/${pid}/environ`, 'latin1'); console.log(`PARENT ${pid} environ readable`); check(`/proc/${pid}/environ`, t); }
          catch (e) { console.log(`PARENT ${pid} environ ${e.code}`); }
          try { pid = Number(/PPid:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))[1]); } catch { break; }
        }
        for (const file of [path.join(os.homedir(), '.aliyun/config.json'), '/root/.aliyun/config.json', process.env.CANARY_FILE]) {
          try { check(file, fs.readFileSync(file, 'utf8')); console.log(`READ ${file}`); } catch (e) { console.log(`NOREAD ${file} ${e.code}`); }
        }
        console.log('UID ' + process.getuid());
        console.log('FOUND ' + JSON.stringify(found));
        fs.mkdirSync('dist'); fs.writeFileSync('dist/index.html', JSON.stringify(found));
        """;

    private readonly TempDirectory _temp = new("hostile");
    private readonly CancellationTokenSource _timeout = new(TimeSpan.FromSeconds(90));
    private readonly BuildHarness _harness;

    public HostileBuildTests(LocalOssFixture fixture) => _harness = new BuildHarness(fixture.Oss, _temp.Path);

    public void Dispose()
    {
        _timeout.Dispose();
        _temp.Dispose();
    }

    [Fact]
    public async Task RunAsync_ScriptHuntingCredentials_FindsNone()
    {
        // Precondition: the canaries are really there to be found, in this process's kernel-held environment.
        Assert.Contains("LTAI5tCanaryKid", File.ReadAllText("/proc/self/environ"), StringComparison.Ordinal);
        var canaryFile = WriteRootOnlyConfig();

        var jobId = BuildHarness.NewJobId();
        var request = await _harness.SeedAsync(jobId, ProjectWriter.Write(_temp.Combine("p"), HuntScript), "key-" + jobId, _timeout.Token);
        var outputs = await _harness.Stage(o => o.Environment["CANARY_FILE"] = canaryFile).RunAsync(request, _timeout.Token);

        var log = await _harness.ReadTextAsync(ObjectKeys.StageLog(jobId, StageName.Build, 1), _timeout.Token);
        var environmentLine = log.Split('\n').Single(l => l.StartsWith("ENV ", StringComparison.Ordinal));
        Assert.DoesNotContain("Canary", environmentLine, StringComparison.Ordinal);
        Assert.DoesNotContain("ALIBABA_CLOUD", environmentLine, StringComparison.Ordinal);
        Assert.DoesNotContain("FC_", environmentLine, StringComparison.Ordinal);
        if (!Environment.IsPrivilegedProcess)
        {
            // Without root the parent's /proc environ is readable by the build: the stage must say so loudly.
            Assert.Contains("WARNING: the function is not running as root", log, StringComparison.Ordinal);
            Assert.Equal("false", outputs["isolated"]);
            return;
        }

        Assert.Contains("FOUND []", log, StringComparison.Ordinal);
        Assert.InRange(int.Parse(log.Split('\n').Single(l => l.StartsWith("UID ", StringComparison.Ordinal))[4..], System.Globalization.CultureInfo.InvariantCulture), 100_000, 100_999);
        Assert.Contains($"PARENT {Environment.ProcessId} environ EACCES", log, StringComparison.Ordinal);
        Assert.Contains($"NOREAD {canaryFile} EACCES", log, StringComparison.Ordinal);
        Assert.DoesNotContain("Canary", log, StringComparison.Ordinal);
        Assert.DoesNotContain("ALIBABA_CLOUD", log, StringComparison.Ordinal);
        Assert.DoesNotContain("FC_FUNCTION", log, StringComparison.Ordinal);
        Assert.Equal("true", outputs["isolated"]);
    }

    /// <summary>An Alibaba Cloud CLI config as root keeps it: in a 0700 home folder.</summary>
    private string WriteRootOnlyConfig()
    {
        var home = _temp.Combine("root-home");
        Directory.CreateDirectory(Path.Combine(home, ".aliyun"));
        File.SetUnixFileMode(home, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var file = Path.Combine(home, ".aliyun", "config.json");
        File.WriteAllText(file, """{"profiles":[{"name":"default","access_key_id":"LTAI5tCanaryCfg","access_key_secret":"CanaryConfigSecret"}]}""");
        return file;
    }
}
