using System.Globalization;
using Orchestrator.Storage.Signing;

namespace Orchestrator.Storage.Oss;

public sealed partial class OssClient
{
    public async Task<ListPage> ListAsync(string bucket, ListRequest request, CancellationToken cancellationToken)
    {
        if (request.MaxKeys is < 1 or > 1000)
        {
            throw new ArgumentOutOfRangeException(nameof(request), request.MaxKeys, "ListRequest.MaxKeys must be 1 to 1000.");
        }

        var call = new OssRequest(HttpMethod.Get, bucket, key: null);
        call.Query.Add(new("list-type", "2"));
        call.Query.Add(new("encoding-type", "url"));
        call.Query.Add(new("max-keys", request.MaxKeys.ToString(CultureInfo.InvariantCulture)));
        AddIfSet(call, "prefix", request.Prefix);
        AddIfSet(call, "delimiter", request.Delimiter);
        AddIfSet(call, "continuation-token", request.ContinuationToken);
        AddIfSet(call, "start-after", request.StartAfter);

        using var response = await SendAsync(call, HttpCompletionOption.ResponseContentRead, cancellationToken);
        var root = (await ReadXmlAsync(response, cancellationToken)).Root
            ?? throw new ObjectStoreException("MalformedResponse", $"OSS ListObjectsV2 on {bucket} answered an empty document.", 200, RequestIdOf(response), retryable: false);
        var encoded = string.Equals(root.Element("EncodingType")?.Value, "url", StringComparison.OrdinalIgnoreCase);
        string Text(string? value) => value is null ? string.Empty : encoded ? OssEncoding.Decode(value) : value;

        var objects = root.Elements("Contents")
            .Select(c => new ListedObject(
                Text(c.Element("Key")?.Value),
                long.Parse(c.Element("Size")?.Value ?? "0", CultureInfo.InvariantCulture),
                c.Element("ETag")?.Value ?? string.Empty,
                DateTimeOffset.Parse(c.Element("LastModified")?.Value ?? "1970-01-01T00:00:00Z", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal)))
            .ToList();
        var prefixes = root.Elements("CommonPrefixes").Select(p => Text(p.Element("Prefix")?.Value)).ToList();
        var truncated = string.Equals(root.Element("IsTruncated")?.Value, "true", StringComparison.OrdinalIgnoreCase);
        var next = root.Element("NextContinuationToken")?.Value;
        return new ListPage(objects, prefixes, truncated, truncated && !string.IsNullOrEmpty(next) ? next : null);
    }

    private static void AddIfSet(OssRequest request, string name, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            request.Query.Add(new(name, value));
        }
    }
}
