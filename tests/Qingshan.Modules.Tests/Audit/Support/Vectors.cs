using System.Text.Json;
using Qingshan.Audit.Hashing;

namespace Qingshan.Tests.Audit;

/// <summary>
/// Loads shared/data/rfc6962-vectors.json by walking up from the test assembly: CI clones the repo
/// next to a shared/ folder, and locally it is /work/shared.
/// </summary>
internal static class Vectors
{
    private static readonly Lazy<JsonDocument> Document = new(Load);

    public static JsonElement Root => Document.Value.RootElement;

    public static IEnumerable<JsonElement> Section(string name) => Root.GetProperty(name).EnumerateArray();

    public static TheoryData<string> Ids(string section)
    {
        var data = new TheoryData<string>();
        foreach (var item in Section(section))
        {
            data.Add(item.GetProperty("id").GetString()!);
        }

        return data;
    }

    public static JsonElement ById(string section, string id) =>
        Section(section).Single(e => e.GetProperty("id").GetString() == id);

    public static TreeHasher HasherOf(JsonElement vector) =>
        vector.TryGetProperty("hash", out var h) && h.GetString() == "sm3" ? TreeHasher.Sm3 : TreeHasher.Sha256;

    /// <summary>
    /// Go's vectors use uint64; 2^64−1 ("leafIdx sub @1" at index 0) becomes −1 here, which is
    /// out of range just as it is for the Go verifier.
    /// </summary>
    public static long Int(JsonElement e) => unchecked((long)e.GetUInt64());

    public static byte[] Bytes(JsonElement e) => Convert.FromHexString(e.GetString()!);

    public static byte[][] HashList(JsonElement e) => [.. e.EnumerateArray().Select(Bytes)];

    private static JsonDocument Load()
    {
        const string relative = "shared/data/rfc6962-vectors.json";
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, relative);
            if (File.Exists(candidate))
            {
                return JsonDocument.Parse(File.ReadAllBytes(candidate));
            }
        }

        throw new FileNotFoundException($"{relative} not found above {AppContext.BaseDirectory}");
    }
}
