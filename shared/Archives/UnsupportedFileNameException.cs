using System.Globalization;
using System.Text;
using Orchestrator.Contracts.Errors;

namespace Orchestrator.Archives;

/// <summary>
/// A file under a folder being archived has a name the archive cannot carry back unchanged: not valid UTF-8 (.NET
/// cannot even address it), or one that unpacking reads differently (a backslash, a leading <c>c:</c>). Code
/// <c>UnsupportedFileName</c>, never retryable: the stage that wrote the folder fails, naming the file, instead of a
/// later stage failing on an archive it cannot read or silently getting another tree.
/// </summary>
public sealed class UnsupportedFileNameException : OrchestratorException
{
    public const string ErrorCode = "UnsupportedFileName";

    public UnsupportedFileNameException(string relativePath, string reason)
        : base(ErrorCode, $"The file '{Printable(relativePath)}' cannot be archived: {reason}. Rename it.", retryable: false)
    {
        RelativePath = relativePath;
    }

    /// <summary>The file's path under the archived folder, '/'-separated.</summary>
    public string RelativePath { get; }

    /// <summary>The name on one line: control characters as escapes, so the message shows what the name holds.</summary>
    public static string Printable(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var text = new StringBuilder(name.Length);
        foreach (var c in name)
        {
            text.Append(c switch
            {
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                _ when char.IsControl(c) => "\\x" + ((int)c).ToString("x2", CultureInfo.InvariantCulture),
                _ => c.ToString(),
            });
        }

        return text.ToString();
    }
}
