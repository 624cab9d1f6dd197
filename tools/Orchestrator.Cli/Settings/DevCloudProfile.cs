using Orchestrator.Tools.DevCloud;

namespace Orchestrator.Cli.Settings;

/// <summary>
/// The profile a running dev cloud writes for the other verbs (its ready document, mode 600), removed again when
/// the dev cloud stops: its credentials and token die with it.
/// </summary>
internal sealed class DevCloudProfile : IDisposable
{
    private readonly string _token;

    private DevCloudProfile(string name, string path, string token)
    {
        Name = name;
        Path = path;
        _token = token;
    }

    public string Name { get; }

    public string Path { get; }

    public static async Task<DevCloudProfile> WriteAsync(LocalCloud cloud, string name, CancellationToken cancellationToken)
    {
        var path = await ProfileStore.WriteAsync(name, cloud.ReadyDocument(), cancellationToken);
        return new DevCloudProfile(name, path, cloud.OpsToken);
    }

    public void Dispose() => ProfileStore.DeleteIfOwned(Name, _token);
}
