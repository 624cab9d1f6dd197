using Microsoft.Extensions.Options;

namespace Orchestrator.Functions.Build;

/// <summary>Fails the function's start with a message naming the bad setting.</summary>
internal sealed class BuildOptionsValidator : IValidateOptions<BuildOptions>
{
    public ValidateOptionsResult Validate(string? name, BuildOptions options) =>
        options.FindProblem() is { } problem ? ValidateOptionsResult.Fail(problem) : ValidateOptionsResult.Success;
}
