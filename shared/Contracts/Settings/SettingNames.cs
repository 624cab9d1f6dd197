namespace Orchestrator.Contracts.Settings;

/// <summary>
/// The environment variables a function reads, in one place so every project spells them alike: FC's own, then the
/// ones s.yaml sets for the project.
/// </summary>
public static class SettingNames
{
    /// <summary>Set by FC: the port the custom runtime must listen on.</summary>
    public const string ListenPort = "FC_CUSTOM_LISTEN_PORT";

    /// <summary>Honoured when <see cref="ListenPort"/> is absent (local tools set it).</summary>
    public const string ServerPort = "FC_SERVER_PORT";

    /// <summary>The address to bind; FC needs 0.0.0.0 (the default), tests bind 127.0.0.1.</summary>
    public const string ListenAddress = "ORCHESTRATOR_LISTEN_ADDRESS";

    /// <summary>The function's timeout as configured in s.yaml (FC does not tell the function).</summary>
    public const string FunctionTimeoutSeconds = "ORCHESTRATOR_FUNCTION_TIMEOUT_SECONDS";

    /// <summary>How long before the function timeout an invocation's cancellation token fires.</summary>
    public const string TimeoutBufferSeconds = "ORCHESTRATOR_TIMEOUT_BUFFER_SECONDS";

    /// <summary>How long /pre-stop and SIGTERM wait for in-flight invocations.</summary>
    public const string DrainTimeoutSeconds = "ORCHESTRATOR_DRAIN_TIMEOUT_SECONDS";

    public const string FunctionName = "FC_FUNCTION_NAME";
    public const string Region = "FC_REGION";
    public const string AccountId = "FC_ACCOUNT_ID";
    public const string MemorySize = "FC_FUNCTION_MEMORY_SIZE";

    /// <summary>The bucket holding uploads and job records (and, unless <see cref="SiteBucket"/> says otherwise, sites).</summary>
    public const string Bucket = "ORCHESTRATOR_BUCKET";

    /// <summary>
    /// The buckets whose uploads start jobs, comma-separated; default <see cref="Bucket"/> alone. An upload event naming
    /// any other bucket is refused (<c>BucketNotOwned</c>).
    /// </summary>
    public const string SourceBuckets = "ORCHESTRATOR_SOURCE_BUCKETS";

    /// <summary>The bucket sites are published to, when it is not <see cref="Bucket"/>.</summary>
    public const string SiteBucket = "ORCHESTRATOR_SITE_BUCKET";

    /// <summary>The OSS endpoint, e.g. https://oss-cn-hangzhou-internal.aliyuncs.com; unset, the internal one of <see cref="Region"/>.</summary>
    public const string OssEndpoint = "OSS_ENDPOINT";
}
