using System.Globalization;
using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Orchestrator.Tools.DevCloud.Config;

/// <summary>
/// Turns YAML into a JSON tree with YAML 1.2 core-schema typing of plain scalars (so <c>memorySize: 512</c> is a
/// number and <c>'512'</c> a string), which is what the fc3 schema is checked against.
/// </summary>
public static class YamlTree
{
    public static JsonObject Parse(string yaml)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException exception)
        {
            throw new ServerlessConfigException("InvalidYaml", $"s.yaml is not valid YAML at line {exception.Start.Line}: {exception.Message}");
        }

        if (stream.Documents.Count == 0 || Convert(stream.Documents[0].RootNode) is not JsonObject root)
        {
            throw new ServerlessConfigException("InvalidYaml", "s.yaml must hold one mapping at its top level");
        }

        return root;
    }

    private static JsonNode? Convert(YamlNode node) => node switch
    {
        YamlMappingNode mapping => ConvertMapping(mapping),
        YamlSequenceNode sequence => new JsonArray(sequence.Children.Select(Convert).ToArray()),
        YamlScalarNode scalar => ConvertScalar(scalar),
        _ => throw new ServerlessConfigException("InvalidYaml", $"unsupported YAML node at line {node.Start.Line}"),
    };

    private static JsonObject ConvertMapping(YamlMappingNode mapping)
    {
        var result = new JsonObject();
        foreach (var (key, value) in mapping.Children)
        {
            var name = (key as YamlScalarNode)?.Value
                ?? throw new ServerlessConfigException("InvalidYaml", $"a mapping key at line {key.Start.Line} is not a plain value");
            result[name] = Convert(value);
        }

        return result;
    }

    private static JsonNode? ConvertScalar(YamlScalarNode scalar)
    {
        var text = scalar.Value ?? string.Empty;
        if (scalar.Style != ScalarStyle.Plain)
        {
            return JsonValue.Create(text);
        }

        return text switch
        {
            "" or "~" or "null" or "Null" or "NULL" => null,
            "true" or "True" or "TRUE" => JsonValue.Create(true),
            "false" or "False" or "FALSE" => JsonValue.Create(false),
            _ when long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer) => JsonValue.Create(integer),
            _ when LooksLikeFloat(text) && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) => JsonValue.Create(number),
            _ => JsonValue.Create(text),
        };
    }

    // "3.0.0" is a string; "0.5" and "1e3" are numbers.
    private static bool LooksLikeFloat(string text) =>
        text.Count(c => c == '.') <= 1 && text.Any(char.IsDigit) && text.All(c => char.IsDigit(c) || c is '.' or '-' or '+' or 'e' or 'E');
}
