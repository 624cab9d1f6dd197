using System.Security.Cryptography;
using System.Text;
using Orchestrator.TestSupport;

namespace Orchestrator.Storage.Tests.Contract;

/// <summary>The <see cref="IObjectStore"/> contract, over HTTP, through the real client, against the local server.</summary>
public class ObjectStoreContractTests(LocalOssFixture fixture) : IClassFixture<LocalOssFixture>
{
    private readonly IObjectStore _store = fixture.Oss.Store;
    private readonly string _bucket = fixture.Oss.Bucket;
    private readonly string _prefix = "contract/" + Guid.NewGuid().ToString("N")[..8] + "/";

    private static CancellationToken Timeout() => new CancellationTokenSource(TimeSpan.FromSeconds(60)).Token;

    [Fact]
    public async Task PutAsync_ThenGetAsync_RoundTripsBodyAndMetadata()
    {
        var ct = Timeout();
        var body = RandomBytes(300_000);
        var put = await _store.PutAsync(_bucket, _prefix + "a b+c/ü.bin", new MemoryStream(body), new PutOptions
        {
            ContentType = "application/x-test",
            CacheControl = "no-cache",
            Metadata = new Dictionary<string, string> { ["job-id"] = "j1", ["stage"] = "build" },
        }, ct);

        Assert.Equal("\"" + Convert.ToHexString(MD5.HashData(body)) + "\"", put.ETag);
        await using var content = await _store.GetAsync(_bucket, _prefix + "a b+c/ü.bin", null, ct);
        Assert.Equal(body, await ReadAllAsync(content.Content, ct));
        Assert.Equal(put.ETag, content.Metadata.ETag);
        Assert.Equal("application/x-test", content.Metadata.ContentType);
        Assert.Equal("no-cache", content.Metadata.CacheControl);
        Assert.Equal("j1", content.Metadata.Metadata["job-id"]);
        Assert.Equal("build", content.Metadata.Metadata["stage"]);
        Assert.Equal(body.Length, content.Metadata.ContentLength);
    }

    [Fact]
    public async Task HeadAsync_MissingKey_ReturnsNull()
    {
        Assert.Null(await _store.HeadAsync(_bucket, _prefix + "missing", Timeout()));
    }

    [Fact]
    public async Task GetAsync_MissingKey_ThrowsNotFoundWithCodeAndRequestId()
    {
        var e = await Assert.ThrowsAsync<ObjectNotFoundException>(() => _store.GetAsync(_bucket, _prefix + "missing", null, Timeout()));
        Assert.Equal("NoSuchKey", e.OssCode);
        Assert.False(string.IsNullOrEmpty(e.RequestId));
    }

    [Fact]
    public async Task GetAsync_MissingBucket_ThrowsNoSuchBucket()
    {
        var e = await Assert.ThrowsAsync<ObjectNotFoundException>(() => _store.GetAsync("no-such-bucket", "k", null, Timeout()));
        Assert.Equal("NoSuchBucket", e.OssCode);
    }

    [Fact]
    public async Task PutAsync_ForbidOverwriteOnExistingKey_ThrowsAlreadyExistsAndKeepsFirst()
    {
        var ct = Timeout();
        var key = _prefix + "journal/00000001.json";
        var first = await _store.PutAsync(_bucket, key, Text("first"), new PutOptions { ForbidOverwrite = true }, ct);
        var e = await Assert.ThrowsAsync<ObjectAlreadyExistsException>(() => _store.PutAsync(_bucket, key, Text("second"), new PutOptions { ForbidOverwrite = true }, ct));
        Assert.Equal("FileAlreadyExists", e.OssCode);
        Assert.Equal(first.ETag, (await _store.HeadAsync(_bucket, key, ct))!.ETag);
    }

    [Fact]
    public async Task PutAsync_200ConcurrentCreatorsWithForbidOverwrite_ExactlyOneSucceeds()
    {
        var ct = Timeout();
        var key = _prefix + "race";
        var outcomes = await Task.WhenAll(Enumerable.Range(0, 200).Select(async i =>
        {
            try
            {
                await _store.PutAsync(_bucket, key, Text("writer " + i), new PutOptions { ForbidOverwrite = true }, ct);
                return (Won: true, Lost: false);
            }
            catch (ObjectAlreadyExistsException)
            {
                return (Won: false, Lost: true);
            }
        }));

        Assert.Equal(1, outcomes.Count(o => o.Won));
        Assert.Equal(199, outcomes.Count(o => o.Lost));
    }

    [Fact]
    public async Task GetAsync_Range_ReturnsThoseBytes()
    {
        var ct = Timeout();
        var body = RandomBytes(1000);
        await _store.PutAsync(_bucket, _prefix + "range", new MemoryStream(body), null, ct);
        await using var middle = await _store.GetAsync(_bucket, _prefix + "range", new GetOptions { RangeStart = 100, RangeEnd = 199 }, ct);
        Assert.Equal(body[100..200], await ReadAllAsync(middle.Content, ct));
        await using var tail = await _store.GetAsync(_bucket, _prefix + "range", new GetOptions { RangeStart = 900 }, ct);
        Assert.Equal(body[900..], await ReadAllAsync(tail.Content, ct));
    }

    [Fact]
    public async Task GetAsync_Conditions_AnswerPreconditionFailedAndNotModified()
    {
        var ct = Timeout();
        var put = await _store.PutAsync(_bucket, _prefix + "cond", Text("x"), null, ct);
        await Assert.ThrowsAsync<PreconditionFailedException>(() => _store.GetAsync(_bucket, _prefix + "cond", new GetOptions { IfMatch = "\"0000\"" }, ct));
        await Assert.ThrowsAsync<NotModifiedException>(() => _store.GetAsync(_bucket, _prefix + "cond", new GetOptions { IfNoneMatch = put.ETag }, ct));
        await using var matched = await _store.GetAsync(_bucket, _prefix + "cond", new GetOptions { IfMatch = put.ETag, IfNoneMatch = "\"0000\"" }, ct);
        Assert.Equal("x", Encoding.UTF8.GetString(await ReadAllAsync(matched.Content, ct)));
    }

    [Fact]
    public async Task CopyAsync_CopyDirective_KeepsSourceMetadata()
    {
        var ct = Timeout();
        await _store.PutAsync(_bucket, _prefix + "src", Text("copy me"), new PutOptions { ContentType = "text/plain", Metadata = new Dictionary<string, string> { ["a"] = "1" } }, ct);
        var copy = await _store.CopyAsync(_bucket, _prefix + "src", _bucket, _prefix + "dst", null, ct);
        var head = await _store.HeadAsync(_bucket, _prefix + "dst", ct);
        Assert.NotNull(head);
        Assert.Equal(copy.ETag, head.ETag);
        Assert.Equal("text/plain", head.ContentType);
        Assert.Equal("1", head.Metadata["a"]);
    }

    [Fact]
    public async Task CopyAsync_ReplaceDirective_UsesGivenMetadata()
    {
        var ct = Timeout();
        await _store.PutAsync(_bucket, _prefix + "src2", Text("copy me"), new PutOptions { ContentType = "text/plain", Metadata = new Dictionary<string, string> { ["a"] = "1" } }, ct);
        await _store.CopyAsync(_bucket, _prefix + "src2", _bucket, _prefix + "dst2", new CopyOptions
        {
            ReplaceMetadata = true,
            ContentType = "text/html",
            CacheControl = "max-age=60",
            Metadata = new Dictionary<string, string> { ["b"] = "2" },
        }, ct);
        var head = await _store.HeadAsync(_bucket, _prefix + "dst2", ct);
        Assert.NotNull(head);
        Assert.Equal("text/html", head.ContentType);
        Assert.Equal("max-age=60", head.CacheControl);
        Assert.False(head.Metadata.ContainsKey("a"));
        Assert.Equal("2", head.Metadata["b"]);
    }

    [Fact]
    public async Task CopyAsync_ForbidOverwriteOnExistingTarget_ThrowsAlreadyExists()
    {
        var ct = Timeout();
        await _store.PutAsync(_bucket, _prefix + "s", Text("1"), null, ct);
        await _store.PutAsync(_bucket, _prefix + "t", Text("2"), null, ct);
        await Assert.ThrowsAsync<ObjectAlreadyExistsException>(() => _store.CopyAsync(_bucket, _prefix + "s", _bucket, _prefix + "t", new CopyOptions { ForbidOverwrite = true }, ct));
    }

    [Fact]
    public async Task DeleteAsync_ExistingAndMissing_BothSucceed()
    {
        var ct = Timeout();
        await _store.PutAsync(_bucket, _prefix + "del", Text("x"), null, ct);
        await _store.DeleteAsync(_bucket, _prefix + "del", ct);
        Assert.Null(await _store.HeadAsync(_bucket, _prefix + "del", ct));
        await _store.DeleteAsync(_bucket, _prefix + "del", ct);
    }

    [Fact]
    public async Task ListAsync_PagingAndDelimiter_ReturnEveryKeyOnceAndFolders()
    {
        var ct = Timeout();
        var keys = new[] { "a.txt", "b/1", "b/2", "c/x/1", "d.txt", "e.txt", "f.txt" }.Select(k => _prefix + k).ToList();
        foreach (var key in keys)
        {
            await _store.PutAsync(_bucket, key, Text(key), null, ct);
        }

        var seen = new List<string>();
        string? token = null;
        var pages = 0;
        do
        {
            var page = await _store.ListAsync(_bucket, new ListRequest { Prefix = _prefix, MaxKeys = 2, ContinuationToken = token }, ct);
            seen.AddRange(page.Objects.Select(o => o.Key));
            token = page.NextContinuationToken;
            pages++;
        }
        while (token is not null && pages < 20);
        Assert.Equal(keys, seen);
        Assert.Equal(4, pages);

        var folders = new List<string>();
        var files = new List<string>();
        token = null;
        do
        {
            var page = await _store.ListAsync(_bucket, new ListRequest { Prefix = _prefix, Delimiter = "/", MaxKeys = 2, ContinuationToken = token }, ct);
            folders.AddRange(page.CommonPrefixes);
            files.AddRange(page.Objects.Select(o => o.Key));
            token = page.NextContinuationToken;
        }
        while (token is not null);
        Assert.Equal([_prefix + "b/", _prefix + "c/"], folders);
        Assert.Equal(new[] { "a.txt", "d.txt", "e.txt", "f.txt" }.Select(k => _prefix + k), files);

        var after = await _store.ListAsync(_bucket, new ListRequest { Prefix = _prefix, StartAfter = _prefix + "d.txt" }, ct);
        Assert.Equal(new[] { "e.txt", "f.txt" }.Select(k => _prefix + k), after.Objects.Select(o => o.Key));
    }

    [Fact]
    public async Task ListAsync_PageEndsExactlyAtLastKey_ReportsNotTruncated()
    {
        var ct = Timeout();
        foreach (var key in new[] { "1", "2", "3", "4" })
        {
            await _store.PutAsync(_bucket, _prefix + "exact/" + key, Text(key), null, ct);
        }

        var first = await _store.ListAsync(_bucket, new ListRequest { Prefix = _prefix + "exact/", MaxKeys = 2 }, ct);
        var second = await _store.ListAsync(_bucket, new ListRequest { Prefix = _prefix + "exact/", MaxKeys = 2, ContinuationToken = first.NextContinuationToken }, ct);

        Assert.True(first.IsTruncated);
        Assert.False(second.IsTruncated);
        Assert.Null(second.NextContinuationToken);
        Assert.Equal(new[] { "3", "4" }.Select(k => _prefix + "exact/" + k), second.Objects.Select(o => o.Key));
    }

    private static MemoryStream Text(string text) => new(Encoding.UTF8.GetBytes(text));

    private static byte[] RandomBytes(int length)
    {
        var bytes = new byte[length];
        Random.Shared.NextBytes(bytes);
        return bytes;
    }

    private static async Task<byte[]> ReadAllAsync(Stream stream, CancellationToken cancellationToken)
    {
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy, cancellationToken);
        return copy.ToArray();
    }
}
