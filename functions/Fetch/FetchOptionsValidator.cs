using Microsoft.Extensions.Options;

namespace Orchestrator.Functions.Fetch;

/// <summary>Fails the function's start with a message naming the bad setting.</summary>
internal sealed class FetchOptionsValidator : IValidateOptions<FetchOptions>
{
    public ValidateOptionsResult Validate(string? name, FetchOptions options) =>
        options.FindProblem() is { } problem ? ValidateOptionsResult.Fail(problem) : ValidateOptionsResult.Success;
}
