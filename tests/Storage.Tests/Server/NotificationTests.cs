using System.Text.Json;
using System.Text.Json.Nodes;
using Orchestrator.TestSupport;
using Orchestrator.Tools.OssServer.Notifications;

namespace Orchestrator.Storage.Tests.Server;

/// <summary>
/// The server's object-created events have OSS's trigger shape. Fixtures/oss-event.json is a copy of
/// /work/shared/reference/events/oss.json (a real OSS trigger event sample from FC's documentation).
/// </summary>
public class NotificationTests
{
    [Fact]
    public async Task PutCopyAndMultipart_EmitEventsWithTheReferenceShape()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await using var oss = await LocalOss.StartAsync(cancellationToken: cts.Token);
        using var subscription = oss.Server.Notifications.Subscribe();
        var client = oss.CreateClient(o => new Oss.OssClientOptions
        {
            Endpoint = o.Endpoint,
            Region = o.Region,
            Credentials = o.Credentials,
            MultipartThreshold = 200 * 1024,
            PartSize = 100 * 1024,
        });

        var put = await client.PutAsync(oss.Bucket, "src/site/app.zip", new MemoryStream(new byte[1234]), null, cts.Token);
        await client.CopyAsync(oss.Bucket, "src/site/app.zip", oss.Bucket, "src/site/copy.zip", null, cts.Token);
        var big = new byte[250 * 1024];
        Random.Shared.NextBytes(big);
        await client.PutAsync(oss.Bucket, "src/site/big.zip", new MemoryStream(big), null, cts.Token);

        var events = new List<OssNotification>();
        while (events.Count < 3)
        {
            events.Add(await subscription.Reader.ReadAsync(cts.Token));
        }

        Assert.Equal(["ObjectCreated:PutObject", "ObjectCreated:CopyObject", "ObjectCreated:CompleteMultipartUpload"], events.Select(e => e.EventName));
        var reference = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "Fixtures", "oss-event.json"), cts.Token))!;
        foreach (var notification in events)
        {
            var actual = JsonNode.Parse(notification.EventJson)!;
            Assert.Equal(Shape(reference), Shape(actual));
        }

        var first = JsonNode.Parse(events[0].EventJson)!["events"]![0]!;
        Assert.Equal("src/site/app.zip", (string?)first["oss"]!["object"]!["key"]);
        Assert.Equal(put.ETag.Trim('"'), (string?)first["oss"]!["object"]!["eTag"]);
        Assert.Equal(1234, (long)first["oss"]!["object"]!["size"]!);
        Assert.Equal(oss.Bucket, (string?)first["oss"]!["bucket"]!["name"]);
        Assert.Equal("cn-hangzhou", (string?)first["region"]);
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$", (string?)first["eventTime"]);
        var multipart = JsonNode.Parse(events[2].EventJson)!["events"]![0]!["oss"]!["object"]!;
        Assert.EndsWith("-3", (string?)multipart["eTag"], StringComparison.Ordinal);
    }

    /// <summary>Property names in order and value kinds, recursively: the "shape" a consumer depends on.</summary>
    private static string Shape(JsonNode? node) => node switch
    {
        JsonObject o => "{" + string.Join(",", o.Select(p => p.Key + ":" + Shape(p.Value))) + "}",
        JsonArray a => "[" + string.Join(",", a.Select(Shape)) + "]",
        JsonValue v => v.GetValueKind() switch
        {
            JsonValueKind.Number => "number",
            JsonValueKind.String => "string",
            var kind => kind.ToString(),
        },
        _ => "null",
    };
}
