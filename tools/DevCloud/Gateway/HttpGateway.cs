using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orchestrator.Tools.DevCloud.Config;
using Orchestrator.Tools.DevCloud.Fc;

namespace Orchestrator.Tools.DevCloud.Gateway;

/// <summary>
/// The HTTP trigger's endpoint: every request (method, path, query, headers, body) is passed through to the
/// function's instance as FC does for a custom runtime — with FC's own headers, <c>x-fc-control-path: /http-invoke</c>
/// among them — and the instance's answer is passed back. As FC does, a method the trigger does not list is refused
/// with 405, and a request carrying any <c>x-fc-*</c> header of its own with 400 <c>InvalidArgument</c>: those headers
/// are FC's to set (the control path the host routes by, the credentials it signs with), never a caller's.
/// </summary>
public sealed class HttpGateway : IAsyncDisposable
{
    // Hop-by-hop headers belong to one connection, never forwarded.
    private static readonly HashSet<string> HopByHop = new(StringComparer.OrdinalIgnoreCase)
    {
        "Connection", "Keep-Alive", "Transfer-Encoding", "Upgrade", "Proxy-Connection", "TE", "Trailer", "Host",
    };

    private const string FcHeaderPrefix = "x-fc-";

    private readonly WebApplication app;

    private HttpGateway(WebApplication app) => this.app = app;

    public Uri BaseAddress { get; private set; } = new("http://127.0.0.1/");

    public static async Task<HttpGateway> StartAsync(HttpTriggerSpec trigger, FunctionPool pool, int port, ILoggerFactory loggerFactory, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(loggerFactory);
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        var app = builder.Build();
        app.Run(context => ForwardAsync(context, trigger, pool));
        await app.StartAsync(cancellationToken);
        var gateway = new HttpGateway(app);
        gateway.BaseAddress = new Uri(app.Urls.First().Replace("[::1]", "127.0.0.1", StringComparison.Ordinal) + "/");
        return gateway;
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync(CancellationToken.None);
        await app.DisposeAsync();
    }

    // What the gateway refuses itself, it answers as FC does: its error shape and a request id to quote.
    private static Task RefuseAsync(HttpContext context, int status, string code, string message)
    {
        var requestId = Guid.NewGuid().ToString();
        context.Response.StatusCode = status;
        context.Response.Headers["x-fc-request-id"] = requestId;
        return context.Response.WriteAsJsonAsync(new FcError(code, message, requestId), context.RequestAborted);
    }

    private static async Task ForwardAsync(HttpContext context, HttpTriggerSpec trigger, FunctionPool pool)
    {
        if (trigger.Methods.Count > 0 && !trigger.Methods.Contains(context.Request.Method, StringComparer.OrdinalIgnoreCase))
        {
            await RefuseAsync(context, StatusCodes.Status405MethodNotAllowed, "MethodNotAllowed", $"the HTTP trigger accepts {string.Join(", ", trigger.Methods)}, not {context.Request.Method}");
            return;
        }

        if (context.Request.Headers.Keys.FirstOrDefault(name => name.StartsWith(FcHeaderPrefix, StringComparison.OrdinalIgnoreCase)) is { } forged)
        {
            await RefuseAsync(context, StatusCodes.Status400BadRequest, "InvalidArgument", $"header '{forged}' is not supported: request headers starting with '{FcHeaderPrefix}' are reserved for Function Compute");
            return;
        }

        using var request = new HttpRequestMessage(new HttpMethod(context.Request.Method), context.Request.Path + context.Request.QueryString);
        if (context.Request.ContentLength > 0 || context.Request.Headers.TransferEncoding.Count > 0)
        {
            request.Content = new StreamContent(context.Request.Body);
        }

        foreach (var (name, values) in context.Request.Headers)
        {
            if (HopByHop.Contains(name))
            {
                continue;
            }

            if (!request.Headers.TryAddWithoutValidation(name, (IEnumerable<string?>)values))
            {
                request.Content?.Headers.TryAddWithoutValidation(name, (IEnumerable<string?>)values);
            }
        }

        HttpResponseMessage response;
        try
        {
            response = await pool.ForwardAsync(request, context.RequestAborted);
        }
        catch (Exception exception) when (exception is HttpRequestException or TimeoutException)
        {
            context.Response.StatusCode = StatusCodes.Status502BadGateway;
            await context.Response.WriteAsJsonAsync(new { error = new { code = "FunctionUnavailable", message = exception.Message } }, context.RequestAborted);
            return;
        }

        using (response)
        {
            context.Response.StatusCode = (int)response.StatusCode;
            foreach (var (name, values) in response.Headers.Concat(response.Content.Headers))
            {
                if (!HopByHop.Contains(name))
                {
                    context.Response.Headers[name] = values.ToArray();
                }
            }

            await response.Content.CopyToAsync(context.Response.Body, context.RequestAborted);
        }
    }
}
