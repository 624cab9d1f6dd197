namespace Orchestrator.Hosting;

/// <summary>
/// FC's <c>x-fc-control-path</c> request header and its values. FC sets it on every request it makes to a custom
/// runtime and refuses client headers starting with <c>x-fc-</c> on HTTP triggers, so it — never the URL path, which
/// an HTTP-trigger caller chooses — tells an event invocation or a lifecycle call from a caller's HTTP request.
/// </summary>
public static class FcControlPath
{
    /// <summary>The request header naming what FC is asking for.</summary>
    public const string Header = "x-fc-control-path";

    /// <summary>An event invocation (triggers, SDK, async, the console's test event).</summary>
    public const string Invoke = "/invoke";

    /// <summary>A request through an HTTP trigger: it reaches the function's own routes only.</summary>
    public const string HttpInvoke = "/http-invoke";

    /// <summary>The initializer hook.</summary>
    public const string Initialize = "/initialize";

    /// <summary>The pre-stop hook.</summary>
    public const string PreStop = "/pre-stop";

    /// <summary>The pre-freeze hook (FC 2.0).</summary>
    public const string PreFreeze = "/pre-freeze";
}
