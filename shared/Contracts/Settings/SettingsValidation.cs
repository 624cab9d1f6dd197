using Microsoft.Extensions.Options;

namespace Orchestrator.Contracts.Settings;

/// <summary>
/// Runs <see cref="ISettings.Validate"/> when the options are first built (at start, through <c>ValidateOnStart</c>).
/// It lets <see cref="InvalidSettingException"/> through rather than folding it into an
/// <see cref="OptionsValidationException"/>, so every bad setting reaches the host as one exception type.
/// </summary>
internal sealed class SettingsValidation<TSettings> : IValidateOptions<TSettings>
    where TSettings : class, ISettings
{
    public ValidateOptionsResult Validate(string? name, TSettings options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        return ValidateOptionsResult.Success;
    }
}
