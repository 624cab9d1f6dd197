using System.Globalization;
using System.Xml;
using System.Xml.Linq;

namespace Orchestrator.Messaging.Mns;

/// <summary>
/// The XML bodies of the MNS queue-message API (namespace <c>http://mns.aliyuncs.com/doc/v1/</c>), written and
/// read in one place for the client and the local MNS service (the batch bodies in <c>MnsXml.Batch.cs</c>).
/// </summary>
public static partial class MnsXml
{
    /// <summary>The namespace every MNS body uses.</summary>
    public static readonly XNamespace Ns = "http://mns.aliyuncs.com/doc/v1/";

    /// <summary>The content type MNS requests and answers carry.</summary>
    public const string ContentType = "text/xml;charset=utf-8";

    /// <summary>The SendMessage request body.</summary>
    public static string SendMessageRequest(string messageBody, int delaySeconds, int priority) =>
        Write(new XElement(
            Ns + "Message",
            new XElement(Ns + "MessageBody", messageBody),
            new XElement(Ns + "DelaySeconds", delaySeconds),
            new XElement(Ns + "Priority", priority)));

    /// <summary>The SendMessage answer.</summary>
    public static string SendMessageResponse(MnsSendResult result) =>
        Write(new XElement(
            Ns + "Message",
            new XElement(Ns + "MessageId", result.MessageId),
            new XElement(Ns + "MessageBodyMD5", result.MessageBodyMd5)));

    /// <summary>The ReceiveMessage answer.</summary>
    public static string ReceiveMessageResponse(MnsReceivedMessage message) => Write(ReceivedElement(message));

    /// <summary>The ChangeMessageVisibility answer.</summary>
    public static string ChangeVisibilityResponse(string receiptHandle, DateTimeOffset nextVisibleTime) =>
        Write(new XElement(
            Ns + "ChangeVisibility",
            new XElement(Ns + "ReceiptHandle", receiptHandle),
            new XElement(Ns + "NextVisibleTime", nextVisibleTime.ToUnixTimeMilliseconds())));

    /// <summary>An error answer.</summary>
    public static string Error(string code, string message, string requestId, string hostId) =>
        Write(new XElement(
            Ns + "Error",
            new XElement(Ns + "Code", code),
            new XElement(Ns + "Message", message),
            new XElement(Ns + "RequestId", requestId),
            new XElement(Ns + "HostId", hostId)));

    /// <summary>Reads a body into its child elements by local name (MNS bodies are one flat element).</summary>
    /// <exception cref="FormatException">The text is not XML, or its root is not <paramref name="root"/>.</exception>
    public static IReadOnlyDictionary<string, string> ReadFlat(string xml, string root) => Fields(Parse(xml, root));

    /// <summary>Reads a ReceiveMessage answer.</summary>
    public static MnsReceivedMessage ReadReceivedMessage(string xml) => Received(ReadFlat(xml, "Message"));

    /// <summary>Reads a SendMessage answer.</summary>
    public static MnsSendResult ReadSendResult(string xml)
    {
        var f = ReadFlat(xml, "Message");
        return new MnsSendResult(Required(f, "MessageId"), f.GetValueOrDefault("MessageBodyMD5", string.Empty));
    }

    private static XElement Parse(string xml, string root)
    {
        XElement element;
        try
        {
            element = XElement.Parse(xml);
        }
        catch (XmlException exception)
        {
            throw new FormatException("The body is not XML: " + exception.Message, exception);
        }

        return element.Name.LocalName == root
            ? element
            : throw new FormatException($"Expected a <{root}> element, found <{element.Name.LocalName}>.");
    }

    private static Dictionary<string, string> Fields(XElement element)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var child in element.Elements())
        {
            fields[child.Name.LocalName] = child.Value;
        }

        return fields;
    }

    private static MnsReceivedMessage Received(IReadOnlyDictionary<string, string> f) =>
        new(
            Required(f, "MessageId"),
            Required(f, "ReceiptHandle"),
            f.GetValueOrDefault("MessageBody", string.Empty),
            f.GetValueOrDefault("MessageBodyMD5", string.Empty),
            Millis(f, "EnqueueTime"),
            Millis(f, "FirstDequeueTime"),
            Millis(f, "NextVisibleTime"),
            Int(f, "DequeueCount"),
            Int(f, "Priority"));

    private static string Required(IReadOnlyDictionary<string, string> fields, string name) =>
        fields.TryGetValue(name, out var value) && value.Length > 0 ? value : throw new FormatException($"<{name}> is missing.");

    private static int Int(IReadOnlyDictionary<string, string> fields, string name) =>
        fields.TryGetValue(name, out var value) && int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number) ? number : 0;

    private static DateTimeOffset Millis(IReadOnlyDictionary<string, string> fields, string name) =>
        fields.TryGetValue(name, out var value) && long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var ms)
            ? DateTimeOffset.FromUnixTimeMilliseconds(ms)
            : DateTimeOffset.UnixEpoch;

    private static XElement ReceivedElement(MnsReceivedMessage message) =>
        new(
            Ns + "Message",
            new XElement(Ns + "MessageId", message.MessageId),
            new XElement(Ns + "ReceiptHandle", message.ReceiptHandle),
            new XElement(Ns + "MessageBodyMD5", message.MessageBodyMd5),
            new XElement(Ns + "MessageBody", message.MessageBody),
            new XElement(Ns + "EnqueueTime", message.EnqueueTime.ToUnixTimeMilliseconds()),
            new XElement(Ns + "NextVisibleTime", message.NextVisibleTime.ToUnixTimeMilliseconds()),
            new XElement(Ns + "FirstDequeueTime", message.FirstDequeueTime.ToUnixTimeMilliseconds()),
            new XElement(Ns + "DequeueCount", message.DequeueCount),
            new XElement(Ns + "Priority", message.Priority));

    private static string Write(XElement element) =>
        new XDeclaration("1.0", "UTF-8", null) + Environment.NewLine + element.ToString(SaveOptions.DisableFormatting);
}
