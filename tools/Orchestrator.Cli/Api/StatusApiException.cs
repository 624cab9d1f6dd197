namespace Orchestrator.Cli.Api;

/// <summary>
/// The status API refused a call (<see cref="StatusCode"/> and the API's error code), or could not be reached
/// (<see cref="StatusCode"/> 0). <see cref="Exception.Message"/> is one line fit for a terminal.
/// </summary>
public sealed class StatusApiException(int statusCode, string code, string message, Exception? innerException = null)
    : Exception(message, innerException)
{
    public int StatusCode { get; } = statusCode;

    public string Code { get; } = code;
}
