using System.ComponentModel.DataAnnotations;

namespace Orchestrator.Contracts.Settings;

/// <summary>
/// <see cref="ISettings.Validate"/> for a settings class whose rules are data annotations (<c>[Range]</c>,
/// <c>[Required]</c>): the first broken one becomes an <see cref="InvalidSettingException"/> naming
/// <c>&lt;section&gt;:&lt;property&gt;</c>.
/// </summary>
public static class AnnotatedSettings
{
    public static void Validate(object settings, string sectionName)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var results = new List<ValidationResult>();
        if (Validator.TryValidateObject(settings, new ValidationContext(settings), results, validateAllProperties: true))
        {
            return;
        }

        var first = results[0];
        var setting = $"{sectionName}:{first.MemberNames.FirstOrDefault() ?? settings.GetType().Name}";
        throw new InvalidSettingException(setting, $"{setting}: {first.ErrorMessage}");
    }
}
