using System.Globalization;
using System.Text.Json;
using Orchestrator.Contracts.Errors;
using Orchestrator.Contracts.Jobs;
using Orchestrator.Contracts.Sites;

namespace Orchestrator.Functions.Fetch.Detection;

/// <summary>
/// Typed reads from one settings file (parsed to JSON, TOML included), each refusal naming the file and the key:
/// a setting the user wrote that we would silently misread is worse than a failed job that says which line to fix.
/// </summary>
internal sealed class SettingsDocument(string file)
{
    private const int MaxVariables = 200;
    private const int MaxValueLength = 32 * 1024;
    private const int MaxRules = 1000;
    private static readonly int[] RuleStatuses = [200, 301, 302, 303, 307, 308, 404];

    public string File { get; } = file;

    public StageFailedException Fail(string key, string problem) =>
        new(FetchErrorCodes.InvalidProjectSettings, $"{File}: '{key}' {problem}.", retryable: false);

    public static JsonElement? Property(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;

    public string? String(JsonElement element, string name, string key)
    {
        if (Property(element, name) is not { } value)
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text
            ? text
            : throw Fail(key, "must be a non-empty string");
    }

    public bool? Bool(JsonElement element, string name, string key) => Property(element, name) switch
    {
        null => null,
        { ValueKind: JsonValueKind.True } => true,
        { ValueKind: JsonValueKind.False } => false,
        _ => throw Fail(key, "must be true or false"),
    };

    public int? Int(JsonElement element, string name, string key) => Property(element, name) switch
    {
        null => null,
        { ValueKind: JsonValueKind.Number } number when number.TryGetInt32(out var value) => value,
        _ => throw Fail(key, "must be a whole number"),
    };

    public IEnumerable<JsonElement> Array(JsonElement element, string name, string key)
    {
        if (Property(element, name) is not { } value)
        {
            return [];
        }

        if (value.ValueKind != JsonValueKind.Array)
        {
            throw Fail(key, "must be a list");
        }

        return value.GetArrayLength() > MaxRules ? throw Fail(key, $"holds more than {MaxRules} entries") : value.EnumerateArray();
    }

    /// <summary>A folder inside the project: relative, no '..', no backslash.</summary>
    public string? Folder(JsonElement element, string name, string key)
    {
        var folder = String(element, name, key)?.Trim().TrimEnd('/');
        if (folder is null)
        {
            return null;
        }

        if (folder.StartsWith("./", StringComparison.Ordinal))
        {
            folder = folder[2..];
        }

        return folder.StartsWith('/') || folder.Contains('\\') || folder.Split('/').Any(p => p is ".." || p.Contains('\0'))
            ? throw Fail(key, $"is '{folder}', but it must be a folder inside the project (relative, without '..')")
            : folder is "." or "" ? "" : folder;
    }

    /// <summary>Build variables: well-formed names, none of those we reserve, scalar values.</summary>
    public Dictionary<string, string> Variables(JsonElement? element, string key)
    {
        var variables = new Dictionary<string, string>(StringComparer.Ordinal);
        if (element is not { } table)
        {
            return variables;
        }

        if (table.ValueKind != JsonValueKind.Object)
        {
            throw Fail(key, "must be a table of NAME = \"value\"");
        }

        foreach (var variable in table.EnumerateObject())
        {
            var name = variable.Name;
            if (!BuildVariableNames.IsWellFormed(name))
            {
                throw Fail($"{key}.{name}", "is not a valid variable name (letters, digits and '_', not starting with a digit)");
            }

            if (BuildVariableNames.IsReserved(name))
            {
                throw Fail($"{key}.{name}", "is reserved: the build's isolation sets it, or it could carry credentials or change how the build is started; choose another name");
            }

            var value = variable.Value.ValueKind switch
            {
                JsonValueKind.String => variable.Value.GetString()!,
                JsonValueKind.Number => variable.Value.GetRawText(),
                JsonValueKind.True => "true",
                JsonValueKind.False => "false",
                _ => throw Fail($"{key}.{name}", "must be a string, number or boolean"),
            };
            variables[name] = value.Length > MaxValueLength || value.Contains('\0')
                ? throw Fail($"{key}.{name}", $"is longer than {MaxValueLength} characters or holds a NUL")
                : value;
        }

        return variables.Count > MaxVariables ? throw Fail(key, $"sets more than {MaxVariables} variables") : variables;
    }

    public string Pattern(string text, string key)
    {
        PathPattern.Parse(text, out var problem);
        return problem is null ? text : throw Fail(key, problem);
    }

    public RedirectRule Redirect(string from, string to, int status, bool force, string key)
    {
        if (!RuleStatuses.Contains(status))
        {
            throw Fail(key, $"has status {status.ToString(CultureInfo.InvariantCulture)}; supported are {string.Join(", ", RuleStatuses)}");
        }

        var absolute = Uri.TryCreate(to, UriKind.Absolute, out var url) && url.Scheme is "http" or "https";
        if (!absolute && !to.StartsWith('/'))
        {
            throw Fail(key, $"goes to '{to}', which is neither a path starting with '/' nor an http(s) URL");
        }

        if (absolute && status is 200 or 404)
        {
            throw Fail(key, $"rewrites to another site ('{to}'); proxying is not supported, redirect with 301 or 302 instead");
        }

        return new RedirectRule(Pattern(from, key), to, status, force);
    }

    public HeaderRule HeaderRule(string pattern, IEnumerable<KeyValuePair<string, string>> values, string key)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in values)
        {
            if (name.Length == 0 || !name.All(c => c is > ' ' and < '\x7f' && c != ':'))
            {
                throw Fail(key, $"names header '{name}', which is not a valid header name");
            }

            // Netlify's multi-line values are one header whose lines are joined.
            headers[name] = value.Contains('\0')
                ? throw Fail($"{key}.{name}", "holds a NUL")
                : string.Join(", ", value.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        }

        return new HeaderRule(Pattern(pattern, key), headers);
    }

    /// <summary>A path on the site, starting with '/' (an SPA fallback, say).</summary>
    public string? SitePath(JsonElement element, string name, string key) =>
        String(element, name, key) is { } path
            ? path.StartsWith('/') && !path.Contains("..", StringComparison.Ordinal) ? path : throw Fail(key, $"is '{path}', but it must be a path on the site starting with '/'")
            : null;
}
