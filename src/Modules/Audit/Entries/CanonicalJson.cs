using System.Text.Encodings.Web;
using System.Text.Json;

namespace Qingshan.Audit.Entries;

/// <summary>
/// A deterministic JSON text for payloads, in the spirit of RFC 8785 (JCS): no insignificant whitespace,
/// object members sorted by ordinal UTF-16 order, strings re-escaped one way, number tokens kept verbatim
/// (we never re-format numbers, so amounts in fen stay exact). Applied once, when an entry is appended;
/// verification hashes the stored text as it is and never canonicalises again, so a later change in
/// escaping rules cannot break old hashes. Duplicate member names are refused (ArgumentException).
/// </summary>
public static class CanonicalJson
{
    internal static readonly JsonWriterOptions WriterOptions = new()
    {
        Indented = false,
        // Keep Chinese text readable in exports; escaping stays deterministic for a given runtime.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string Canonicalize(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        using var document = JsonDocument.Parse(json);
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, WriterOptions))
        {
            Write(writer, document.RootElement);
        }

        return System.Text.Encoding.UTF8.GetString(stream.GetBuffer(), 0, (int)stream.Length);
    }

    /// <summary>
    /// Writes <paramref name="element"/> canonically to a writer made with <see cref="WriterOptions"/>: what
    /// <see cref="Canonicalize"/> returns for a document is exactly what this writes for its root. The audit writer uses
    /// it to build the payload wrapper in one pass instead of serialising, re-parsing and canonicalising it.
    /// </summary>
    internal static void Write(Utf8JsonWriter writer, JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                writer.WriteStartObject();
                // Names read once (JsonProperty.Name decodes a new string on every access).
                var members = new List<(string Name, JsonElement Value)>();
                foreach (var member in element.EnumerateObject())
                {
                    members.Add((member.Name, member.Value));
                }

                members.Sort(static (a, b) => string.CompareOrdinal(a.Name, b.Name));
                for (var i = 0; i < members.Count; i++)
                {
                    if (i > 0 && string.Equals(members[i - 1].Name, members[i].Name, StringComparison.Ordinal))
                    {
                        throw new ArgumentException($"duplicate JSON member \"{members[i].Name}\"");
                    }

                    writer.WritePropertyName(members[i].Name);
                    Write(writer, members[i].Value);
                }

                writer.WriteEndObject();
                break;
            case JsonValueKind.Array:
                writer.WriteStartArray();
                foreach (var item in element.EnumerateArray())
                {
                    Write(writer, item);
                }

                writer.WriteEndArray();
                break;
            case JsonValueKind.String:
                writer.WriteStringValue(element.GetString());
                break;
            case JsonValueKind.Number:
                writer.WriteRawValue(element.GetRawText(), skipInputValidation: true);
                break;
            case JsonValueKind.True:
                writer.WriteBooleanValue(true);
                break;
            case JsonValueKind.False:
                writer.WriteBooleanValue(false);
                break;
            case JsonValueKind.Null:
                writer.WriteNullValue();
                break;
            default:
                throw new ArgumentException($"unexpected JSON token {element.ValueKind}");
        }
    }
}
