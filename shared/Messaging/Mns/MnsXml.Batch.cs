using System.Xml.Linq;

namespace Orchestrator.Messaging.Mns;

/// <summary>
/// The bodies of BatchReceiveMessage and of PeekMessage/BatchPeekMessage: a <c>&lt;Messages&gt;</c> list of
/// <c>&lt;Message&gt;</c> elements (a single peek answers one <c>&lt;Message&gt;</c>). A peeked message has no
/// receipt handle and no next visible time.
/// </summary>
public static partial class MnsXml
{
    /// <summary>The BatchReceiveMessage answer.</summary>
    public static string BatchReceiveMessageResponse(IEnumerable<MnsReceivedMessage> messages) =>
        Write(new XElement(Ns + "Messages", messages.Select(ReceivedElement)));

    /// <summary>The PeekMessage answer.</summary>
    public static string PeekMessageResponse(MnsPeekedMessage message) => Write(PeekedElement(message));

    /// <summary>The BatchPeekMessage answer.</summary>
    public static string BatchPeekMessageResponse(IEnumerable<MnsPeekedMessage> messages) =>
        Write(new XElement(Ns + "Messages", messages.Select(PeekedElement)));

    /// <summary>Reads a BatchReceiveMessage answer.</summary>
    public static IReadOnlyList<MnsReceivedMessage> ReadReceivedMessages(string xml) =>
        Items(xml).Select(Received).ToList();

    /// <summary>Reads a BatchPeekMessage answer.</summary>
    public static IReadOnlyList<MnsPeekedMessage> ReadPeekedMessages(string xml) =>
        Items(xml).Select(f => new MnsPeekedMessage(
            Required(f, "MessageId"),
            f.GetValueOrDefault("MessageBody", string.Empty),
            f.GetValueOrDefault("MessageBodyMD5", string.Empty),
            Millis(f, "EnqueueTime"),
            Millis(f, "FirstDequeueTime"),
            Int(f, "DequeueCount"),
            Int(f, "Priority"))).ToList();

    private static IEnumerable<Dictionary<string, string>> Items(string xml) =>
        Parse(xml, "Messages").Elements().Where(e => e.Name.LocalName == "Message").Select(Fields);

    private static XElement PeekedElement(MnsPeekedMessage message) =>
        new(
            Ns + "Message",
            new XElement(Ns + "MessageId", message.MessageId),
            new XElement(Ns + "MessageBodyMD5", message.MessageBodyMd5),
            new XElement(Ns + "MessageBody", message.MessageBody),
            new XElement(Ns + "EnqueueTime", message.EnqueueTime.ToUnixTimeMilliseconds()),
            new XElement(Ns + "FirstDequeueTime", message.FirstDequeueTime.ToUnixTimeMilliseconds()),
            new XElement(Ns + "DequeueCount", message.DequeueCount),
            new XElement(Ns + "Priority", message.Priority));
}
