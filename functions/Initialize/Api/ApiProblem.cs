using Orchestrator.Contracts.Status;

namespace Orchestrator.Functions.Initialize.Api;

/// <summary>A refusal the API answers as <c>{"error":{"code","message"}}</c> with <see cref="StatusCode"/>.</summary>
internal sealed class ApiProblem(int statusCode, string code, string message) : Exception(message)
{
    public int StatusCode { get; } = statusCode;

    public string Code { get; } = code;

    public IResult ToResult() => Result(StatusCode, Code, Message);

    public static IResult Result(int statusCode, string code, string message) =>
        Results.Json(new ApiErrorBody(new ApiError(code, message)), StatusJsonContext.Default.ApiErrorBody, statusCode: statusCode);

    public static ApiProblem BadRequest(string code, string message) => new(StatusCodes.Status400BadRequest, code, message);

    public static ApiProblem NotFound(string code, string message) => new(StatusCodes.Status404NotFound, code, message);

    public static ApiProblem JobNotFound(string jobId) => NotFound("JobNotFound", $"no job '{jobId}'");
}
