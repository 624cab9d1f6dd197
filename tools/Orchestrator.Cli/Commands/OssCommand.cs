using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Orchestrator.Cli.Settings;
using Orchestrator.Storage;
using Orchestrator.Tools.OssServer.Hosting;

namespace Orchestrator.Cli.Commands;

/// <summary>
/// `oss put|get|head|ls|rm` (ossutil-like, over the project's OSS client; credentials only from the environment)
/// and `oss serve` (runs the local OSS-compatible server standalone).
/// </summary>
internal static class OssCommand
{
    public static Command Create()
    {
        var connection = new OssConnectionOptions();
        var command = new Command("oss", "object commands over the project's OSS client (credentials from ALIBABA_CLOUD_ACCESS_KEY_ID/_SECRET/ALIBABA_CLOUD_SECURITY_TOKEN, else the profile)")
        {
            connection.Endpoint,
            connection.Region,
        };

        var putFile = new Argument<string>("FILE") { Description = "local file to upload" };
        var putTarget = new Argument<string>("TARGET") { Description = "oss://BUCKET/KEY" };
        var put = new Command("put", "upload a file") { putFile, putTarget };
        put.SetAction((parse, ct) => RunAsync(parse, connection, async store =>
        {
            var (bucket, key) = OssUri.Parse(parse.GetValue(putTarget)!, keyRequired: true);
            await using var file = OpenForRead(parse.GetValue(putFile)!);
            var result = await store.PutAsync(bucket, key, file, null, ct);
            Console.WriteLine($"uploaded {file.Length} bytes to oss://{bucket}/{key} etag {result.ETag}");
        }));

        var getSource = new Argument<string>("SOURCE") { Description = "oss://BUCKET/KEY" };
        var getFile = new Argument<string>("FILE") { Description = "local file to write (replaced atomically)" };
        var get = new Command("get", "download an object") { getSource, getFile };
        get.SetAction((parse, ct) => RunAsync(parse, connection, async store =>
        {
            var (bucket, key) = OssUri.Parse(parse.GetValue(getSource)!, keyRequired: true);
            var target = Path.GetFullPath(parse.GetValue(getFile)!);
            var temp = target + ".part-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture);
            try
            {
                await using (var content = await store.GetAsync(bucket, key, null, ct))
                await using (var file = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16, FileOptions.Asynchronous))
                {
                    await content.Content.CopyToAsync(file, ct);
                }

                File.Move(temp, target, overwrite: true);
            }
            finally
            {
                File.Delete(temp);
            }

            Console.WriteLine($"downloaded oss://{bucket}/{key} to {target} ({new FileInfo(target).Length} bytes)");
        }));

        var headTarget = new Argument<string>("TARGET") { Description = "oss://BUCKET/KEY" };
        var head = new Command("head", "show an object's metadata") { headTarget };
        head.SetAction((parse, ct) => RunAsync(parse, connection, async store =>
        {
            var (bucket, key) = OssUri.Parse(parse.GetValue(headTarget)!, keyRequired: true);
            var meta = await store.HeadAsync(bucket, key, ct)
                ?? throw new ObjectNotFoundException("NoSuchKey", $"oss://{bucket}/{key} does not exist.", null);
            Console.WriteLine($"key            oss://{bucket}/{meta.Key}");
            Console.WriteLine($"size           {meta.ContentLength}");
            Console.WriteLine($"etag           {meta.ETag}");
            Console.WriteLine($"last-modified  {meta.LastModified.UtcDateTime:yyyy-MM-dd'T'HH:mm:ss'Z'}");
            Console.WriteLine($"content-type   {meta.ContentType}");
            Console.WriteLine($"cache-control  {meta.CacheControl}");
            foreach (var (name, value) in meta.Metadata.OrderBy(m => m.Key, StringComparer.Ordinal))
            {
                Console.WriteLine($"x-oss-meta-{name}  {value}");
            }
        }));

        var lsTarget = new Argument<string>("PREFIX") { Description = "oss://BUCKET/PREFIX" };
        var ls = new Command("ls", "list objects under a prefix (all pages)") { lsTarget };
        ls.SetAction((parse, ct) => RunAsync(parse, connection, async store =>
        {
            var (bucket, prefix) = OssUri.Parse(parse.GetValue(lsTarget)!, keyRequired: false);
            string? token = null;
            var count = 0;
            do
            {
                var page = await store.ListAsync(bucket, new ListRequest { Prefix = prefix, ContinuationToken = token }, ct);
                foreach (var item in page.Objects)
                {
                    Console.WriteLine($"{item.LastModified.UtcDateTime:yyyy-MM-dd'T'HH:mm:ss'Z'} {item.Size,14} oss://{bucket}/{item.Key}");
                    count++;
                }

                token = page.NextContinuationToken;
            }
            while (token is not null);
            Console.WriteLine($"{count} object(s)");
        }));

        var rmTarget = new Argument<string>("TARGET") { Description = "oss://BUCKET/KEY" };
        var rm = new Command("rm", "delete an object") { rmTarget };
        rm.SetAction((parse, ct) => RunAsync(parse, connection, async store =>
        {
            var (bucket, key) = OssUri.Parse(parse.GetValue(rmTarget)!, keyRequired: true);
            await store.DeleteAsync(bucket, key, ct);
            Console.WriteLine($"deleted oss://{bucket}/{key}");
        }));

        command.Subcommands.Add(put);
        command.Subcommands.Add(get);
        command.Subcommands.Add(head);
        command.Subcommands.Add(ls);
        command.Subcommands.Add(rm);
        command.Subcommands.Add(CreateServe(connection));
        return command;
    }

    /// <summary>`oss serve`: the local OSS server until Ctrl+C; prints (and optionally writes) its endpoint and keys.</summary>
    private static Command CreateServe(OssConnectionOptions connection)
    {
        var data = new Option<string>("--data") { Description = "data folder", DefaultValueFactory = _ => ".devcloud/oss" };
        var port = new Option<int>("--port") { Description = "port on 127.0.0.1 (0 = any free port)", DefaultValueFactory = _ => 0 };
        var buckets = new Option<string[]>("--bucket") { Description = "bucket to create (repeatable)", AllowMultipleArgumentsPerToken = true };
        var readyFile = new Option<string?>("--ready-file") { Description = "write the connection JSON here when ready" };
        var serve = new Command("serve", "run the local OSS-compatible server (dev only) until interrupted") { data, port, buckets, readyFile };
        serve.SetAction(async (parse, ct) =>
        {
            if (ConnectionSettings.Open(parse) is not { } settings)
            {
                return 2;
            }

            try
            {
                await using var server = await LocalOssServer.StartAsync(
                    new LocalOssServerOptions
                    {
                        DataDirectory = parse.GetValue(data)!,
                        Port = parse.GetValue(port),
                        Region = connection.RegionValue(settings),
                        Buckets = parse.GetValue(buckets) ?? [],
                    },
                    ct);
                var ready = JsonSerializer.Serialize(new Dictionary<string, string?>
                {
                    ["ossEndpoint"] = server.Endpoint.ToString().TrimEnd('/'),
                    ["region"] = server.Region,
                    ["accessKeyId"] = server.Credentials.AccessKeyId,
                    ["accessKeySecret"] = server.Credentials.AccessKeySecret,
                    ["websiteBase"] = server.Endpoint + "-/website/",
                });
                if (parse.GetValue(readyFile) is { } file)
                {
                    await File.WriteAllTextAsync(file, ready, ct);
                }

                Console.WriteLine(ready);
                await Task.Delay(Timeout.Infinite, ct);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                // Ctrl+C: the normal way to stop.
            }
            catch (Exception e) when (e is ObjectStoreException or IOException or UnauthorizedAccessException)
            {
                await Console.Error.WriteLineAsync("error: " + e.Message);
                return 1;
            }

            return 0;
        });
        return serve;
    }

    private static async Task<int> RunAsync(ParseResult parse, OssConnectionOptions connection, Func<IObjectStore, Task> action)
    {
        if (ConnectionSettings.Open(parse) is not { } settings)
        {
            return 2;
        }

        try
        {
            using var client = connection.Connect(settings);
            await action(client);
            return 0;
        }
        catch (ObjectStoreException e)
        {
            await Console.Error.WriteLineAsync($"error: {e.Message}");
            return e is ObjectNotFoundException ? 4 : 1;
        }
        catch (Exception e) when (e is ArgumentException or IOException or UnauthorizedAccessException)
        {
            await Console.Error.WriteLineAsync($"error: {e.Message}");
            return 2;
        }
    }

    private static FileStream OpenForRead(string path)
    {
        try
        {
            return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.Asynchronous | FileOptions.SequentialScan);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new IOException($"cannot read '{path}': no such file", e);
        }
    }
}
