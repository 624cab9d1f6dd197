using Orchestrator.Contracts.Errors;
using Orchestrator.Functions.Fetch.Detection;
using Orchestrator.TestSupport;

namespace Orchestrator.Fetch.Tests.Detection;

public sealed class ProjectSettingsTests : IDisposable
{
    private static readonly InspectionSettings Settings = new("build", 20, "linux-x64");
    private readonly TempDirectory _temp = new("settings");

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Inspect_OrchestratorJson_EverySettingReachesTheProject()
    {
        Write("apps/web/package.json", """{"scripts":{"build":"vite build"},"engines":{"node":">=18"}}""");
        Write("apps/admin/package.json", """{"scripts":{"build":"x"}}""");
        Write("orchestrator.json", """
            {
              "base": "apps/web",
              "installCommand": "npm install --no-audit",
              "buildCommand": "npm run build -- --mode staging",
              "outputDirectory": "public/out",
              "nodeVersion": "22",
              "environment": {"VITE_API_URL": "https://api.example.com", "RETRIES": 3},
              "headers": [{"for": "/assets/*", "values": {"Cache-Control": "public, max-age=60", "X-Frame-Options": "DENY"}}],
              "redirects": [{"from": "/old/:page", "to": "/new/:page", "status": 302}],
              "spaFallback": "/index.html",
              "trailingSlash": false
            }
            """);

        var info = ProjectInspector.Inspect(_temp.Path, Settings);

        Assert.Equal("apps/web", info.ProjectPath);
        Assert.Equal("npm run build -- --mode staging", info.BuildCommand);
        Assert.True(info.InstallRequired);
        Assert.Equal(22, info.NodeMajor);
        var settings = info.Settings;
        Assert.Equal("npm install --no-audit", settings.InstallCommand);
        Assert.Equal("public/out", settings.OutputDirectory);
        Assert.Equal("https://api.example.com", settings.Environment["VITE_API_URL"]);
        Assert.Equal("3", settings.Environment["RETRIES"]);
        var routing = settings.ToRouting()!;
        Assert.Equal("/index.html", routing.SpaFallback);
        Assert.False(routing.TrailingSlash);
        Assert.Equal(new Contracts.Sites.RedirectRule("/old/:page", "/new/:page", 302, false), Assert.Single(routing.Redirects));
        Assert.Equal("DENY", Assert.Single(routing.Headers).Values["X-Frame-Options"]);
        Assert.Equal(["orchestrator.json"], settings.Files);
    }

    [Fact]
    public void Inspect_NetlifyToml_BaseCommandPublishEnvironmentHeadersAndRedirects()
    {
        Write("site/package.json", """{"scripts":{"build":"x"}}""");
        Write("other/package.json", """{"scripts":{"build":"x"}}""");
        Write("netlify.toml", """
            [build]
              base = "site"
              command = "npm run build:prod"
              publish = "site/_site"
            [build.environment]
              NODE_VERSION_HINT = "20"
            [[headers]]
              for = "/*"
              [headers.values]
                X-Robots-Tag = "noindex"
                Content-Security-Policy = '''
                  default-src 'self';
                  img-src *'''
            [[redirects]]
              from = "/blog/*"
              to = "/news/:splat"
            [[redirects]]
              from = "/*"
              to = "/index.html"
              status = 200
            """);

        var info = ProjectInspector.Inspect(_temp.Path, Settings);

        Assert.Equal("site", info.ProjectPath);
        Assert.Equal("npm run build:prod", info.BuildCommand);
        Assert.Equal("_site", info.Settings.OutputDirectory);
        Assert.Equal("20", info.Settings.Environment["NODE_VERSION_HINT"]);
        var routing = info.Settings.ToRouting()!;
        Assert.Equal("default-src 'self';, img-src *", routing.Headers[0].Values["Content-Security-Policy"]);
        Assert.Equal([new("/blog/*", "/news/:splat", 301, false), new("/*", "/index.html", 200, false)], routing.Redirects);
    }

    [Fact]
    public void Inspect_VercelJson_CommandsOutputRedirectsRewritesAndUrls()
    {
        Write("package.json", """{"scripts":{"build":"x"}}""");
        Write("vercel.json", """
            {
              "buildCommand": "next build", "installCommand": "npm ci --ignore-scripts", "outputDirectory": "out",
              "cleanUrls": true, "trailingSlash": true,
              "headers": [{"source": "/(.*)", "headers": [{"key": "X-Frame-Options", "value": "SAMEORIGIN"}]}],
              "redirects": [{"source": "/docs/:slug*", "destination": "/guide/:slug*"}, {"source": "/a", "destination": "/b", "permanent": false}],
              "rewrites": [{"source": "/app/(.*)", "destination": "/app/index.html"}],
              "framework": "nextjs"
            }
            """);

        var info = ProjectInspector.Inspect(_temp.Path, Settings);

        Assert.Equal("next build", info.BuildCommand);
        Assert.Equal("npm ci --ignore-scripts", info.Settings.InstallCommand);
        var routing = info.Settings.ToRouting()!;
        Assert.True(routing.CleanUrls);
        Assert.True(routing.TrailingSlash);
        Assert.Equal([new("/docs/:slug*", "/guide/:slug*", 308, true), new("/a", "/b", 307, true), new("/app/(.*)", "/app/index.html", 200, false)], routing.Redirects);
    }

    [Fact]
    public void Inspect_SeveralFiles_OrchestratorJsonWinsThenVercelThenNetlify()
    {
        Write("package.json", """{"scripts":{"build":"x"}}""");
        Write("orchestrator.json", """{"buildCommand": "from-orchestrator", "environment": {"A": "orchestrator"}}""");
        Write("vercel.json", """{"buildCommand": "from-vercel", "outputDirectory": "vercel-out"}""");
        Write("netlify.toml", "[build]\ncommand = \"from-netlify\"\npublish = \"netlify-out\"\n[build.environment]\nA = \"netlify\"\nB = \"netlify\"\n");

        var info = ProjectInspector.Inspect(_temp.Path, Settings);

        Assert.Equal("from-orchestrator", info.BuildCommand);
        Assert.Equal("vercel-out", info.Settings.OutputDirectory);
        Assert.Equal("orchestrator", info.Settings.Environment["A"]);
        Assert.Equal("netlify", info.Settings.Environment["B"]);
        Assert.Equal(["orchestrator.json", "vercel.json", "netlify.toml"], info.Settings.Files);
    }

    [Fact]
    public void Inspect_TwoAppsAndNoSetting_FailsAmbiguousProjectNamingBoth()
    {
        Write("apps/shop/package.json", """{"scripts":{"build":"x"}}""");
        Write("apps/blog/package.json", """{"scripts":{"build":"x"}}""");

        var error = Assert.Throws<StageFailedException>(() => ProjectInspector.Inspect(_temp.Path, Settings));

        Assert.Equal(FetchErrorCodes.AmbiguousProject, error.Code);
        Assert.False(error.Retryable);
        Assert.Contains("apps/blog, apps/shop", error.Message, StringComparison.Ordinal);
        Assert.Contains("\"base\"", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Inspect_SingleSubfolderWithItsOwnSettings_ReadsThem()
    {
        Write("app/package.json", """{"scripts":{"build":"x"}}""");
        Write("app/vercel.json", """{"outputDirectory": "public"}""");

        var info = ProjectInspector.Inspect(_temp.Path, Settings);

        Assert.Equal("app", info.ProjectPath);
        Assert.Equal("public", info.Settings.OutputDirectory);
        Assert.Equal(["app/vercel.json"], info.Settings.Files);
    }

    [Fact]
    public void Inspect_CustomBuildCommandWithoutBuildScript_IsEnough()
    {
        Write("package.json", """{"scripts":{}}""");
        Write("orchestrator.json", """{"buildCommand": "node make.js"}""");

        Assert.Equal("node make.js", ProjectInspector.Inspect(_temp.Path, Settings).BuildCommand);
    }

    [Theory]
    [InlineData("orchestrator.json", "{\"buildCommand\": ", "orchestrator.json is not valid JSON")]
    [InlineData("orchestrator.json", "{\"buildComand\": \"x\"}", "'buildComand' is not a setting")]
    [InlineData("orchestrator.json", "{\"base\": \"../outside\"}", "'base' is '../outside', but it must be a folder inside the project")]
    [InlineData("orchestrator.json", "{\"base\": \"missing\"}", "names base folder 'missing', but it holds no package.json")]
    [InlineData("orchestrator.json", "{\"outputDirectory\": \"/etc\"}", "'outputDirectory' is '/etc'")]
    [InlineData("orchestrator.json", "{\"cleanUrls\": \"yes\"}", "'cleanUrls' must be true or false")]
    [InlineData("orchestrator.json", "{\"redirects\": [{\"from\": \"/a\", \"to\": \"/b\", \"status\": 418}]}", "'redirects[0]' has status 418")]
    [InlineData("orchestrator.json", "{\"redirects\": [{\"from\": \"/a/[id]\", \"to\": \"/b\"}]}", "'redirects[0]' the path pattern '/a/[id]' uses '[id]'")]
    [InlineData("orchestrator.json", "{\"redirects\": [{\"from\": \"/a\", \"to\": \"https://x.example\", \"status\": 200}]}", "proxying is not supported")]
    [InlineData("orchestrator.json", "{\"spaFallback\": \"index.html\"}", "'spaFallback' is 'index.html', but it must be a path on the site")]
    [InlineData("vercel.json", "{\"redirects\": [{\"source\": \"/a\"}]}", "vercel.json: 'redirects[0].destination' is missing")]
    [InlineData("vercel.json", "[]", "vercel.json: '(root)' must be a JSON object")]
    [InlineData("netlify.toml", "[build\ncommand = 1", "netlify.toml is not valid TOML")]
    [InlineData("netlify.toml", "[build]\ncommand = 1", "netlify.toml: 'build.command' must be a non-empty string")]
    public void Inspect_UnusableSettingsFile_FailsInvalidProjectSettingsNamingFileAndProblem(string file, string content, string expected)
    {
        Write("package.json", """{"scripts":{"build":"x"}}""");
        Write(file, content);

        var error = Assert.Throws<StageFailedException>(() => ProjectInspector.Inspect(_temp.Path, Settings));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.False(error.Retryable);
        Assert.True(error.Code is FetchErrorCodes.InvalidProjectSettings or FetchErrorCodes.PackageJsonMissing, error.Code);
    }

    [Theory]
    [InlineData("PATH")]
    [InlineData("HOME")]
    [InlineData("home")]
    [InlineData("LD_PRELOAD")]
    [InlineData("NODE_OPTIONS")]
    [InlineData("ALIBABA_CLOUD_ACCESS_KEY_ID")]
    [InlineData("FC_REGION")]
    [InlineData("OSS_ENDPOINT")]
    [InlineData("ORCHESTRATOR_BUILD_ID")]
    [InlineData("MY_SECRET")]
    [InlineData("BASH_ENV")]
    [InlineData("1BAD")]
    [InlineData("BAD-NAME")]
    public void Inspect_ReservedOrMalformedBuildVariable_IsRefusedByName(string name)
    {
        Write("package.json", """{"scripts":{"build":"x"}}""");
        Write("netlify.toml", $"[build.environment]\n\"{name}\" = \"x\"\n");

        var error = Assert.Throws<StageFailedException>(() => ProjectInspector.Inspect(_temp.Path, Settings));

        Assert.Equal(FetchErrorCodes.InvalidProjectSettings, error.Code);
        Assert.Contains($"netlify.toml: 'build.environment.{name}'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Inspect_CustomInstallCommand_ChangesTheCacheKey()
    {
        Write("package.json", """{"scripts":{"build":"x"},"dependencies":{"a":"1"}}""");
        Write("package-lock.json", "{}");
        var detected = ProjectInspector.Inspect(_temp.Path, Settings).CacheKey;
        Write("orchestrator.json", """{"installCommand": "npm install"}""");

        var custom = ProjectInspector.Inspect(_temp.Path, Settings).CacheKey;

        Assert.NotNull(custom);
        Assert.NotEqual(detected, custom);
    }

    private void Write(string relative, string content)
    {
        var path = _temp.Combine(relative.Split('/'));
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
    }
}
