namespace Orchestrator.Tools.OssServer.Api;

/// <summary>An OSS error answer to send as XML: status, OSS code, message, and optional extra elements.</summary>
internal sealed class OssErrorException(int status, string code, string message, IReadOnlyDictionary<string, string>? details = null)
    : Exception(message)
{
    public int Status { get; } = status;

    public string Code { get; } = code;

    public IReadOnlyDictionary<string, string> Details { get; } = details ?? new Dictionary<string, string>();

    public static OssErrorException NoSuchKey(string key) =>
        new(404, "NoSuchKey", "The specified key does not exist.", new Dictionary<string, string> { ["Key"] = key });

    public static OssErrorException NoSuchBucket(string bucket) =>
        new(404, "NoSuchBucket", "The specified bucket does not exist.", new Dictionary<string, string> { ["BucketName"] = bucket });

    public static OssErrorException InvalidArgument(string message) => new(400, "InvalidArgument", message);
}
