using System.Security.Cryptography;
using Orchestrator.Contracts.Errors;
using Orchestrator.Contracts.Jobs;
using Orchestrator.Functions.Fetch.Detection;
using Orchestrator.Storage;

namespace Orchestrator.Functions.Fetch;

/// <summary>
/// Streams the uploaded archive to a local file (never whole in memory), hashing as it goes, then checks it is
/// the upload the job was started for: same ETag (If-Match), same size, and for simple uploads an MD5 equal to
/// the ETag (a multipart ETag, "…-N", is not an MD5 of the content and is only compared as a string).
/// </summary>
public static class SourceDownloader
{
    private const int BufferSize = 81920;

    public static async Task<DownloadedSource> DownloadAsync(IObjectStore store, SourceObject source, string path, long maxBytes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(source);
        if (source.Size > maxBytes)
        {
            throw new StageFailedException(FetchErrorCodes.SourceTooLarge, $"The upload is {source.Size} bytes, more than the {maxBytes} allowed.", retryable: false);
        }

        ObjectContent content;
        try
        {
            content = await store.GetAsync(source.Bucket, source.Key, new GetOptions { IfMatch = source.ETag }, cancellationToken);
        }
        catch (ObjectNotFoundException ex)
        {
            throw new StageFailedException(FetchErrorCodes.SourceMissing, $"The upload oss://{source.Bucket}/{source.Key} no longer exists.", retryable: false, ex);
        }
        catch (PreconditionFailedException ex)
        {
            throw new StageFailedException(FetchErrorCodes.SourceChanged, $"oss://{source.Bucket}/{source.Key} was replaced after this job started (ETag is no longer {source.ETag}).", retryable: false, ex);
        }

        using var md5 = IncrementalHash.CreateHash(HashAlgorithmName.MD5);
        using var sha256 = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        long size = 0;
        await using (content)
        await using (var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, BufferSize, useAsync: true))
        {
            var buffer = new byte[BufferSize];
            int read;
            while ((read = await content.Content.ReadAsync(buffer, cancellationToken)) > 0)
            {
                size += read;
                if (size > maxBytes)
                {
                    throw new StageFailedException(FetchErrorCodes.SourceTooLarge, $"The upload is larger than the {maxBytes} bytes allowed.", retryable: false);
                }

                md5.AppendData(buffer, 0, read);
                sha256.AppendData(buffer, 0, read);
                await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
            }
        }

        var downloaded = new DownloadedSource(path, size, Convert.ToHexStringLower(md5.GetHashAndReset()), Convert.ToHexStringLower(sha256.GetHashAndReset()));
        Verify(source, content.Metadata, downloaded);
        return downloaded;
    }

    private static void Verify(SourceObject source, ObjectMetadata metadata, DownloadedSource downloaded)
    {
        // A short body is a dropped connection or a proxy's doing: the next attempt may well get it whole.
        if (downloaded.Size != metadata.ContentLength || (source.Size > 0 && downloaded.Size != source.Size))
        {
            throw new StageFailedException(FetchErrorCodes.SourceSizeMismatch, $"Read {downloaded.Size} bytes; the upload has {source.Size} (object says {metadata.ContentLength}).", retryable: true);
        }

        var etag = metadata.ETag.Trim('"');
        if (!etag.Equals(source.ETag.Trim('"'), StringComparison.OrdinalIgnoreCase))
        {
            throw new StageFailedException(FetchErrorCodes.SourceChanged, $"The object's ETag {metadata.ETag} is not the job's {source.ETag}.", retryable: false);
        }

        if (IsContentMd5(etag) && !etag.Equals(downloaded.Md5, StringComparison.OrdinalIgnoreCase))
        {
            throw new StageFailedException(FetchErrorCodes.SourceChecksumMismatch, $"The bytes read hash to MD5 {downloaded.Md5}, not the ETag {etag}.", retryable: true);
        }
    }

    private static bool IsContentMd5(string etag) => etag.Length == 32 && etag.All(char.IsAsciiHexDigit);
}
