using System.Buffers;
using System.Collections.Concurrent;
using System.Globalization;
using System.Runtime.ExceptionServices;
using System.Security;
using System.Text;

namespace Orchestrator.Storage.Oss;

public sealed partial class OssClient
{
    /// <summary>
    /// Uploads parts of <see cref="OssClientOptions.PartSize"/> with at most <see cref="OssClientOptions.PartParallelism"/>
    /// in flight (each part is an in-memory buffer, so a failed part is retried with the same bytes), completes in order,
    /// and aborts the upload if anything fails so no orphaned parts are left billed.
    /// </summary>
    private async Task<PutResult> PutMultipartAsync(string bucket, string key, Stream content, byte[] first, PutOptions options, CancellationToken cancellationToken)
    {
        string uploadId;
        try
        {
            uploadId = await InitiateMultipartAsync(bucket, key, options, cancellationToken);
        }
        catch
        {
            ArrayPool<byte>.Shared.Return(first);
            throw;
        }

        // Part buffers are recycled within this upload only: at most PartParallelism + 1 exist at once. (The shared
        // ArrayPool keeps per-thread and per-core copies, which for 8 MiB parts grows memory with the object size.)
        var spare = new ConcurrentBag<byte[]>();
        var etags = new ConcurrentDictionary<int, string>();
        var tasks = new List<Task>();
        using var gate = new SemaphoreSlim(_options.PartParallelism);
        using var failed = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        byte[]? buffer = first;
        try
        {
            var filled = _options.PartSize;
            for (var partNumber = 1; ; partNumber++)
            {
                await gate.WaitAsync(failed.Token);
                if (buffer is null)
                {
                    buffer = spare.TryTake(out var reused) ? reused : GC.AllocateUninitializedArray<byte>(_options.PartSize);
                    filled = await FillAsync(content, buffer, _options.PartSize, failed.Token);
                    if (filled == 0)
                    {
                        spare.Add(buffer);
                        buffer = null;
                        gate.Release();
                        break;
                    }
                }

                var part = (Number: partNumber, Buffer: buffer, Length: filled);
                buffer = null;
                tasks.Add(Task.Run(
                    async () =>
                    {
                        try
                        {
                            etags[part.Number] = await UploadPartAsync(bucket, key, uploadId, part.Number, part.Buffer, part.Length, failed.Token);
                        }
                        catch
                        {
                            await failed.CancelAsync();
                            throw;
                        }
                        finally
                        {
                            spare.Add(part.Buffer);
                            gate.Release();
                        }
                    },
                    CancellationToken.None));
                if (filled < _options.PartSize)
                {
                    break;
                }
            }

            await Task.WhenAll(tasks);
            return await CompleteMultipartAsync(bucket, key, uploadId, etags.OrderBy(e => e.Key).ToList(), options.ForbidOverwrite, cancellationToken);
        }
        catch (Exception e)
        {
            Logs.AbortingMultipart(_logger, uploadId, bucket, key, e);
            var partFailure = await WaitAllAsync(tasks);
            try
            {
                await AbortMultipartAsync(bucket, key, uploadId, CancellationToken.None);
            }
            catch (ObjectStoreException abortFailure)
            {
                // The upload's own failure is what the caller must see; the abort failure is logged (OSS lifecycle rules clean up).
                Logs.AbortFailed(_logger, uploadId, abortFailure);
            }
            if (e is OperationCanceledException && !cancellationToken.IsCancellationRequested && partFailure is not null)
            {
                ExceptionDispatchInfo.Throw(partFailure);
            }

            throw;
        }
    }

    /// <summary>Waits for every started part; returns the first part failure, which is the real cause.</summary>
    private static async Task<Exception?> WaitAllAsync(List<Task> tasks)
    {
        try
        {
            await Task.WhenAll(tasks);
            return null;
        }
        catch (Exception)
        {
            return tasks.Where(t => t.IsFaulted).Select(t => t.Exception!.InnerException!).FirstOrDefault(x => x is not OperationCanceledException)
                ?? tasks.FirstOrDefault(t => t.IsFaulted)?.Exception?.InnerException;
        }
    }

    /// <summary>Starts a multipart upload; returns its upload id.</summary>
    public async Task<string> InitiateMultipartAsync(string bucket, string key, PutOptions options, CancellationToken cancellationToken)
    {
        var request = new OssRequest(HttpMethod.Post, bucket, key);
        request.Query.Add(new("uploads", null));
        AddObjectHeaders(request, options.ContentType, options.CacheControl, options.Metadata);
        if (options.ForbidOverwrite)
        {
            request.Headers["x-oss-forbid-overwrite"] = "true";
        }

        using var response = await SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken);
        var document = await ReadXmlAsync(response, cancellationToken);
        return document.Root?.Element("UploadId")?.Value
            ?? throw new ObjectStoreException("MalformedResponse", $"OSS InitiateMultipartUpload of {bucket}/{key} returned no UploadId.", 200, RequestIdOf(response), retryable: false);
    }

    /// <summary>Uploads one part from a buffer; returns its ETag.</summary>
    public async Task<string> UploadPartAsync(string bucket, string key, string uploadId, int partNumber, byte[] buffer, int length, CancellationToken cancellationToken)
    {
        var request = new OssRequest(HttpMethod.Put, bucket, key) { Body = () => new ByteArrayContent(buffer, 0, length) };
        request.Query.Add(new("partNumber", partNumber.ToString(CultureInfo.InvariantCulture)));
        request.Query.Add(new("uploadId", uploadId));
        using var response = await SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken);
        return response.Headers.ETag?.Tag ?? string.Empty;
    }

    /// <summary>Completes the upload from its parts, in part-number order.</summary>
    public async Task<PutResult> CompleteMultipartAsync(string bucket, string key, string uploadId, IReadOnlyList<KeyValuePair<int, string>> parts, bool forbidOverwrite, CancellationToken cancellationToken)
    {
        var xml = new StringBuilder("<CompleteMultipartUpload>");
        foreach (var (number, etag) in parts)
        {
            xml.Append(CultureInfo.InvariantCulture, $"<Part><PartNumber>{number}</PartNumber><ETag>{SecurityElement.Escape(etag)}</ETag></Part>");
        }

        var body = Encoding.UTF8.GetBytes(xml.Append("</CompleteMultipartUpload>").ToString());
        var request = new OssRequest(HttpMethod.Post, bucket, key) { Body = () => new ByteArrayContent(body) };
        request.Query.Add(new("uploadId", uploadId));
        request.Headers["Content-Type"] = "application/xml";
        if (forbidOverwrite)
        {
            request.Headers["x-oss-forbid-overwrite"] = "true";
        }

        using var response = await SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken);
        var document = await ReadXmlAsync(response, cancellationToken);
        return new PutResult(document.Root?.Element("ETag")?.Value ?? string.Empty, RequestIdOf(response));
    }

    /// <summary>Abandons the upload and its parts (missing uploads are fine: the goal is reached).</summary>
    public async Task AbortMultipartAsync(string bucket, string key, string uploadId, CancellationToken cancellationToken)
    {
        var request = new OssRequest(HttpMethod.Delete, bucket, key);
        request.Query.Add(new("uploadId", uploadId));
        try
        {
            using var response = await SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken);
        }
        catch (ObjectNotFoundException)
        {
            // NoSuchUpload: already gone.
        }
    }
}
