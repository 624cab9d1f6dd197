using Microsoft.Extensions.Logging.Abstractions;
using Orchestrator.Messaging.Mns;
using Orchestrator.Storage.Oss;
using Orchestrator.Tools.DevCloud;
using Orchestrator.Tools.DevCloud.EventBridge;
using Orchestrator.Tools.DevCloud.Fc;

namespace Orchestrator.EndToEnd.Tests.DevCloud;

/// <summary>A whole dev cloud over the probe function's s.yaml, with short timings, and clients for its OSS and MNS.</summary>
internal sealed class ProbeCloud : IAsyncDisposable
{
    private readonly HttpClient http = new();

    private ProbeCloud(ProbeFunction probe, LocalCloud cloud)
    {
        Probe = probe;
        Cloud = cloud;
        Oss = new OssClient(new OssClientOptions { Endpoint = cloud.OssEndpoint.ToString().TrimEnd('/'), Region = cloud.Region, Credentials = new Orchestrator.Contracts.Security.StaticCredentialsProvider(cloud.OperatorCredentials) });
        Mns = new MnsClient(http, cloud.MnsEndpoint, new Orchestrator.Contracts.Security.StaticCredentialsProvider(cloud.Credentials), TimeProvider.System, NullLogger<MnsClient>.Instance);
    }

    public ProbeFunction Probe { get; }

    public LocalCloud Cloud { get; }

    public OssClient Oss { get; }

    public MnsClient Mns { get; }

    public static async Task<ProbeCloud> StartAsync(IReadOnlyDictionary<string, string>? environment = null, Func<DevCloudOptions, DevCloudOptions>? configure = null, CancellationToken cancellationToken = default)
    {
        var probe = new ProbeFunction();
        try
        {
            var values = new Dictionary<string, string>(environment ?? new Dictionary<string, string>()) { ["PROBE_RECORD"] = probe.RecordPath };
            var options = new DevCloudOptions
            {
                ProjectDirectory = ProbeFunction.CodeDirectory,
                DataDirectory = probe.DataDirectory,
                Bucket = "probe-bucket",
                Environment = values,
                Instances = new InstanceOptions { StartTimeout = TimeSpan.FromSeconds(20), RestartDelay = TimeSpan.FromMilliseconds(100) },
                Pumps = new PumpOptions { VisibilityTimeoutSeconds = 2, PollWaitSeconds = 1, BackoffBase = TimeSpan.FromMilliseconds(500), MaxBackoff = TimeSpan.FromSeconds(2) },
            };
            var cloud = await LocalCloud.StartAsync(configure?.Invoke(options) ?? options, NullLoggerFactory.Instance, cancellationToken);
            return new ProbeCloud(probe, cloud);
        }
        catch
        {
            probe.Dispose();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Cloud.DisposeAsync();
        Oss.Dispose();
        http.Dispose();
        Probe.Dispose();
    }
}
