
namespace Orchestrator.Functions.Initialize.Api;

/// <summary>
/// Bearer-token gate: 401 without a token, 403 with a wrong one. Ops routes need the ops token and are refused
/// outright when none is configured; read routes are open unless a read token is configured, and then accept
/// the read or the ops token.
/// </summary>
internal sealed class TokenFilter(StatusApiOptions options, AccessLevel level) : IEndpointFilter
{
    private const string Scheme = "Bearer ";

    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var refusal = Check(http);
        if (refusal is null)
        {
            return next(context);
        }

        var logger = http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("Orchestrator.StatusApi");
        Logs.AccessRefused(logger, http.Request.Method, http.Request.Path.Value ?? "", refusal.Code);
        if (refusal.StatusCode == StatusCodes.Status401Unauthorized)
        {
            http.Response.Headers.WWWAuthenticate = "Bearer";
        }

        return ValueTask.FromResult<object?>(refusal.ToResult());
    }

    private ApiProblem? Check(HttpContext http)
    {
        if (level == AccessLevel.Ops && options.OpsToken is null)
        {
            return new ApiProblem(
                StatusCodes.Status403Forbidden,
                "OpsDisabled",
                $"ops commands are disabled: {StatusApiOptions.OpsTokenSetting} is not configured on the function");
        }

        if (level == AccessLevel.Read && options.ReadToken is null)
        {
            return null;
        }

        var presented = Presented(http);
        if (presented is null)
        {
            return new ApiProblem(
                StatusCodes.Status401Unauthorized,
                "Unauthorized",
                "this route needs a token: send 'Authorization: Bearer <token>'");
        }

        var accepted = options.OpsToken?.Matches(presented) == true
            || (level == AccessLevel.Read && options.ReadToken?.Matches(presented) == true);
        return accepted
            ? null
            : new ApiProblem(StatusCodes.Status403Forbidden, "Forbidden", "the token is not valid for this route");
    }

    private static string? Presented(HttpContext http)
    {
        var header = http.Request.Headers.Authorization.ToString();
        if (!header.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var token = header[Scheme.Length..].Trim();
        return token.Length == 0 ? null : token;
    }
}
