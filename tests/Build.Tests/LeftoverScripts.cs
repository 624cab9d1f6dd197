namespace Orchestrator.Build.Tests;

/// <summary>Build scripts that leave processes behind, the ways real hostile builds do.</summary>
public static class LeftoverScripts
{
    /// <summary>
    /// daemon.js: with "outer" it starts itself again detached (a session of its own, setsid) and exits, so the
    /// "inner" daemon is re-parented away from the build's tree; with "inner" it reports its pid and uid to
    /// PID_FILE and then does its <c>mode</c> until killed: idle, inject (write into every other build's dist under
    /// BUILD_ROOT) or rename (keep renaming and adding files in dist).
    /// </summary>
    public const string Daemon = """
        const { spawn } = require('child_process');
        const fs = require('fs');
        const [role, mode] = process.argv.slice(2);
        if (role === 'outer') {
          spawn(process.execPath, [__filename, 'inner', mode], { detached: true, stdio: 'ignore' }).unref();
        } else {
          fs.writeFileSync(process.env.PID_FILE + '.tmp', `${process.pid} ${process.getuid()}`);
          fs.renameSync(process.env.PID_FILE + '.tmp', process.env.PID_FILE);
          let n = 0;
          const work = {
            idle: () => {},
            inject: () => {
              for (const build of fs.readdirSync(process.env.BUILD_ROOT)) {
                try { fs.writeFileSync(`${process.env.BUILD_ROOT}/${build}/project/dist/injected-${n++}.html`, 'injected'); } catch {}
              }
            },
            rename: () => {
              for (const file of fs.readdirSync('dist')) {
                fs.renameSync(`dist/${file}`, `dist/${file.endsWith('~') ? file.slice(0, -1) : file + '~'}`);
              }
              fs.mkdirSync(`dist/more-${n}`);
              fs.writeFileSync(`dist/more-${n++}/page.html`, 'more');
            },
          }[mode];
          setInterval(() => { try { work(); } catch {} }, 2);
        }
        """;

    /// <summary>
    /// build.js: starts daemon.js in DAEMON_MODE, either as a plain background child (same process group and
    /// session) or through the setsid double fork, writes dist, and exits once the daemon has reported.
    /// </summary>
    public static string Build(bool escapeWithSetsid) => $$"""
        const { spawn } = require('child_process');
        const fs = require('fs');
        const detached = {{(escapeWithSetsid ? "true" : "false")}};
        spawn(process.execPath, ['daemon.js', detached ? 'outer' : 'inner', process.env.DAEMON_MODE], { detached, stdio: 'ignore' }).unref();
        fs.mkdirSync('dist');
        for (let i = 0; i < 20; i++) fs.writeFileSync(`dist/page-${i}.html`, `page ${i}`);
        fs.writeFileSync('dist/index.html', 'ok');
        const started = Date.now();
        const wait = () => fs.existsSync(process.env.PID_FILE) ? console.log('daemon is up')
          : Date.now() - started > 20000 ? process.exit(9) : setTimeout(wait, 20);
        wait();
        """;

    /// <summary>A project whose build leaves daemon.js running (in the mode the build's DAEMON_MODE names).</summary>
    public static string Write(string directory, bool escapeWithSetsid)
    {
        var project = ProjectWriter.Write(directory, Build(escapeWithSetsid), withLockfile: false);
        File.WriteAllText(Path.Combine(project, "daemon.js"), Daemon);
        return project;
    }
}
