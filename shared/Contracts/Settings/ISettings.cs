namespace Orchestrator.Contracts.Settings;

/// <summary>
/// A settings class bound from configuration (<see cref="SettingsServiceCollectionExtensions.AddSettings{TSettings}"/>)
/// that checks itself once, at the function's start.
/// </summary>
public interface ISettings
{
    /// <summary>Throws <see cref="InvalidSettingException"/> naming the first unusable setting and what to set.</summary>
    void Validate();
}
