using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Orchestrator.Functions.Initialize.Api;

/// <summary>Reads an optional, small JSON body: empty means none; anything unreadable is a 400 with a code.</summary>
internal static class RequestBody
{
    private const int MaxBytes = 16 * 1024;

    public static async Task<T?> ReadOptionalAsync<T>(HttpRequest request, JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken)
        where T : class
    {
        if (request.ContentLength > MaxBytes)
        {
            throw TooLarge();
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[4096];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > MaxBytes)
            {
                throw TooLarge();
            }

            buffer.Write(chunk, 0, read);
        }

        var bytes = buffer.GetBuffer().AsMemory(0, (int)buffer.Length);
        if (bytes.Span.Trim(" \t\r\n"u8).IsEmpty)
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(bytes);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw ApiProblem.BadRequest("InvalidBody", "the body must be a JSON object");
            }

            return document.RootElement.Deserialize(typeInfo);
        }
        catch (JsonException exception)
        {
            throw ApiProblem.BadRequest("InvalidBody", "the body is not valid JSON for this route: " + exception.Message);
        }
    }

    private static ApiProblem TooLarge() =>
        new(StatusCodes.Status413PayloadTooLarge, "BodyTooLarge", $"the body is larger than {MaxBytes} bytes");
}
