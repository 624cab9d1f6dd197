using System.Security.Cryptography;
using Orchestrator.Contracts.Errors;
using Orchestrator.Functions.Publish.Options;

namespace Orchestrator.Functions.Publish.Scanning;

/// <summary>
/// Lists and hashes the files of an unpacked build output. Build scripts are untrusted, so links of any kind are
/// refused rather than followed (the extractor already rejects them; this guards a directory from elsewhere), and
/// names that cannot become object keys fail with a clear code.
/// </summary>
public sealed class OutputScanner(PublishOptions options)
{
    // OSS keys are at most 1023 bytes; leave room for "sites/<site>/".
    private const int MaxPathBytes = 800;

    public async Task<IReadOnlyList<LocalFile>> ScanAsync(string directory, CancellationToken cancellationToken)
    {
        var root = new DirectoryInfo(directory);
        if (!root.Exists)
        {
            throw Invalid($"The build output folder '{directory}' does not exist.");
        }

        var found = new List<(string Path, FileInfo File)>();
        Collect(root, "", found);
        if (found.Count == 0)
        {
            throw new StageFailedException(PublishErrorCodes.EmptyBuildOutput, "The build output holds no file to publish.", retryable: false);
        }

        var total = found.Sum(f => f.File.Length);
        if (total > options.MaxTotalBytes)
        {
            throw Invalid($"The build output holds {total} bytes, more than the {options.MaxTotalBytes} allowed.");
        }

        var hashed = new LocalFile[found.Count];
        await Parallel.ForEachAsync(
            Enumerable.Range(0, found.Count),
            new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, Environment.ProcessorCount), CancellationToken = cancellationToken },
            async (i, token) =>
            {
                var (path, file) = found[i];
                await using var stream = new FileStream(file.FullName, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, FileOptions.Asynchronous | FileOptions.SequentialScan);
                var hash = await SHA256.HashDataAsync(stream, token);
                hashed[i] = new LocalFile(path, file.FullName, Convert.ToHexStringLower(hash), stream.Length);
            });

        return hashed;
    }

    private void Collect(DirectoryInfo directory, string prefix, List<(string Path, FileInfo File)> found)
    {
        foreach (var entry in directory.EnumerateFileSystemInfos())
        {
            var path = prefix + entry.Name;
            if (entry.LinkTarget is not null)
            {
                throw Invalid($"The build output holds a link, '{path}'; links are not published.");
            }

            switch (entry)
            {
                case DirectoryInfo sub:
                    Collect(sub, path + "/", found);
                    break;
                case FileInfo file when (file.Attributes & (FileAttributes.Device | FileAttributes.ReparsePoint)) == 0:
                    CheckPath(path);
                    if (file.Length > options.MaxEntryBytes)
                    {
                        throw Invalid($"'{path}' holds {file.Length} bytes, more than the {options.MaxEntryBytes} allowed per file.");
                    }

                    found.Add((path, file));
                    if (found.Count > options.MaxEntries)
                    {
                        throw Invalid($"The build output holds more than {options.MaxEntries} files.");
                    }

                    break;
                default:
                    throw Invalid($"The build output holds '{path}', which is not a regular file.");
            }
        }
    }

    private static void CheckPath(string path)
    {
        if (path.Any(c => char.IsControl(c) || c == '\\')
            || System.Text.Encoding.UTF8.GetByteCount(path) > MaxPathBytes)
        {
            throw Invalid($"The build output holds a name that cannot be an object key: '{Printable(path)}'.");
        }
    }

    private static string Printable(string path) =>
        new(path.Select(c => char.IsControl(c) ? '?' : c).Take(200).ToArray());

    private static StageFailedException Invalid(string message) =>
        new(PublishErrorCodes.InvalidBuildOutput, message, retryable: false);
}
