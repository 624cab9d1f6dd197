using Orchestrator.Contracts.Errors;

namespace Orchestrator.Functions.Publish.Publishing;

/// <summary>Site names and job ids become parts of object keys: only plain names are accepted.</summary>
public static class SiteNames
{
    public static void EnsureValid(string value, string what)
    {
        if (string.IsNullOrEmpty(value) || value.Length > 128 || value is "." or ".."
            || !value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
        {
            throw new StageFailedException(
                PublishErrorCodes.InvalidSite,
                $"The {what} '{value}' cannot be used: 1 to 128 characters of letters, digits, '-', '_' and '.'.",
                retryable: false);
        }
    }
}
