using System.Globalization;
using System.Net;
using Microsoft.Extensions.Configuration;
using Orchestrator.Contracts.Settings;

namespace Orchestrator.Hosting.Options;

/// <summary>
/// Reads <see cref="FunctionHostOptions"/> from configuration and rejects a bad value with an
/// <see cref="InvalidSettingException"/> naming the setting, so a misconfigured function fails at start, not
/// at its first invocation.
/// </summary>
public static class FunctionHostOptionsReader
{
    public const int DefaultPort = 9000;
    public const int DefaultFunctionTimeoutSeconds = SharedSettings.DefaultFunctionTimeoutSeconds;
    public const int DefaultTimeoutBufferSeconds = 5;
    public const int DefaultDrainTimeoutSeconds = 25;

    // FC's longest execution time.
    private const int MaxFunctionTimeoutSeconds = 86_400;

    public static FunctionHostOptions Read(IConfiguration configuration)
    {
        var port = ReadPort(configuration);
        var address = ReadAddress(configuration);
        var timeout = ReadInteger(configuration, SettingNames.FunctionTimeoutSeconds, DefaultFunctionTimeoutSeconds, 1, MaxFunctionTimeoutSeconds);
        var buffer = ReadInteger(configuration, SettingNames.TimeoutBufferSeconds, DefaultTimeoutBufferSeconds, 0, MaxFunctionTimeoutSeconds);
        if (buffer >= timeout)
        {
            throw new InvalidSettingException(
                SettingNames.TimeoutBufferSeconds,
                $"{SettingNames.TimeoutBufferSeconds} ({buffer}) must be less than {SettingNames.FunctionTimeoutSeconds} ({timeout}).");
        }

        // FC gives /pre-stop 90 s; draining longer than that would be cut off anyway.
        var drain = ReadInteger(configuration, SettingNames.DrainTimeoutSeconds, DefaultDrainTimeoutSeconds, 0, 90);
        return new FunctionHostOptions(address, port, TimeSpan.FromSeconds(timeout), TimeSpan.FromSeconds(buffer), TimeSpan.FromSeconds(drain));
    }

    private static int ReadPort(IConfiguration configuration)
    {
        foreach (var name in new[] { SettingNames.ListenPort, SettingNames.ServerPort })
        {
            if (!string.IsNullOrWhiteSpace(configuration[name]))
            {
                return ReadInteger(configuration, name, DefaultPort, 1, 65_535, "a TCP port number (1-65535)");
            }
        }

        return DefaultPort;
    }

    private static IPAddress ReadAddress(IConfiguration configuration)
    {
        var text = configuration[SettingNames.ListenAddress];
        if (string.IsNullOrWhiteSpace(text))
        {
            return IPAddress.Any;
        }

        return IPAddress.TryParse(text.Trim(), out var address)
            ? address
            : throw new InvalidSettingException(SettingNames.ListenAddress, $"{SettingNames.ListenAddress} ('{text}') is not an IP address.");
    }

    private static int ReadInteger(IConfiguration configuration, string name, int fallback, int min, int max, string? what = null)
    {
        var text = configuration[name];
        if (string.IsNullOrWhiteSpace(text))
        {
            return fallback;
        }

        if (!int.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value < min || value > max)
        {
            throw new InvalidSettingException(name, $"{name} ('{text}') must be {what ?? $"a whole number of seconds from {min} to {max}"}.");
        }

        return value;
    }
}
