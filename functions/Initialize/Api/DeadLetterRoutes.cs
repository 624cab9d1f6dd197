using Microsoft.Extensions.Options;
using Orchestrator.Contracts.Status;
using Orchestrator.Messaging.DeadLetters;
using Orchestrator.Messaging.Outbound;

namespace Orchestrator.Functions.Initialize.Api;

/// <summary>
/// The dead-letter routes (ops token): list what reached the dead-letter queue, and send it again to the queue it
/// came from, one by id or all. Without MNS settings they answer 503 <c>DeadLettersUnavailable</c> naming the setting.
/// </summary>
internal static class DeadLetterRoutes
{
    public static async Task<IResult> ListAsync(HttpContext http)
    {
        var list = await ReachAsync(() => Queue(http).ListAsync(http.RequestAborted));
        return Results.Json(list, StatusJsonContext.Default.DeadLetterList);
    }

    public static async Task<IResult> ReplayAsync(string id, HttpContext http)
    {
        var deadLetterId = RouteValues.DeadLetterId(id);
        var letter = await ReachAsync(() => Queue(http).ReplayAsync(deadLetterId, http.RequestAborted));
        Logs.OpsCommandAccepted(Logger(http), "replay", id, letter.MessageId ?? "-");
        return Accepted(new DeadLetterReplay([letter], [], More: false));
    }

    public static async Task<IResult> ReplayAllAsync(HttpContext http)
    {
        var replay = await ReachAsync(() => Queue(http).ReplayAllAsync(http.RequestAborted));
        foreach (var letter in replay.Replayed)
        {
            Logs.OpsCommandAccepted(Logger(http), "replay", letter.Id, letter.MessageId ?? "-");
        }

        return Accepted(replay);
    }

    private static IResult Accepted(DeadLetterReplay replay) =>
        Results.Json(replay, StatusJsonContext.Default.DeadLetterReplay, statusCode: StatusCodes.Status202Accepted);

    // MNS out of reach after the client's own retries: the caller may try again, nothing was lost.
    private static async Task<T> ReachAsync<T>(Func<Task<T>> call)
    {
        try
        {
            return await call();
        }
        catch (HttpRequestException exception)
        {
            throw Unavailable($"the message queue service is out of reach ({exception.HttpRequestError}); try again later");
        }
    }

    private static DeadLetterQueue Queue(HttpContext http)
    {
        var settings = http.RequestServices.GetService<IOptions<MessagingOptions>>()?.Value;
        if (settings?.Queues.DeadLetter is null)
        {
            throw Unavailable("Mns__Queues__DeadLetter is not set on the function (s.yaml: ${vars.queues.deadLetter})");
        }

        // The other MNS settings were checked at the function's start.
        return http.RequestServices.GetRequiredService<DeadLetterQueue>();
    }

    private static ApiProblem Unavailable(string why) =>
        new(StatusCodes.Status503ServiceUnavailable, "DeadLettersUnavailable", "the dead-letter queue cannot be read: " + why);

    private static ILogger Logger(HttpContext http) =>
        http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("Orchestrator.StatusApi");
}
