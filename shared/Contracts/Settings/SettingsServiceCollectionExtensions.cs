using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Orchestrator.Contracts.Settings;

/// <summary>The one way a project registers its settings: bound from a section, defaults filled in, validated at start.</summary>
public static partial class SettingsServiceCollectionExtensions
{
    /// <summary>
    /// Binds <typeparamref name="TSettings"/> from <paramref name="sectionName"/>, then lets <paramref name="defaults"/>
    /// fill what the section leaves unset (from the shared settings FC and s.yaml give, <see cref="SharedSettings"/>),
    /// and validates it when the host starts: a value that does not convert or does not pass
    /// <see cref="ISettings.Validate"/> throws <see cref="InvalidSettingException"/>. Both
    /// <see cref="IOptions{TOptions}"/> and <typeparamref name="TSettings"/> itself resolve to the result.
    /// </summary>
    public static IServiceCollection AddSettings<TSettings>(
        this IServiceCollection services,
        IConfiguration configuration,
        string sectionName,
        Action<TSettings>? defaults = null)
        where TSettings : class, ISettings
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(sectionName);
        var options = services.AddOptions<TSettings>().Configure(settings => Bind(section, settings));
        if (defaults is not null)
        {
            options.PostConfigure(defaults);
        }

        options.ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TSettings>, SettingsValidation<TSettings>>());
        services.TryAddSingleton(provider => provider.GetRequiredService<IOptions<TSettings>>().Value);
        return services;
    }

    private static void Bind(IConfigurationSection section, object settings)
    {
        try
        {
            section.Bind(settings);
        }
        catch (InvalidOperationException exception)
        {
            // The binder's message names the key and the type it expected ("... at 'Build:TimeoutSeconds' to type 'System.Int32'").
            var key = BinderKey().Match(exception.Message) is { Success: true } match ? match.Groups[1].Value : section.Path;
            throw new InvalidSettingException(key, $"{key}: {exception.Message}");
        }
    }

    [GeneratedRegex(" at '([^']+)'", RegexOptions.CultureInvariant)]
    private static partial Regex BinderKey();
}
