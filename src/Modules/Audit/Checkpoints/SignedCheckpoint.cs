using System.Text;
using Qingshan.Audit.Hashing;
using Qingshan.Kernel;

namespace Qingshan.Audit.Checkpoints;

/// <summary>One signature line of a signed note: "— &lt;key name&gt; base64(key id ‖ signature)".</summary>
public sealed record NoteSignature(string KeyName, byte[] KeyId, byte[] Signature);

/// <summary>
/// A checkpoint as a C2SP signed note: the body, an empty line, then one or more signature lines
/// (the log's own, and any witness co-signatures). <see cref="Body"/> is kept verbatim because the
/// signatures cover those exact bytes.
/// </summary>
public sealed record SignedCheckpoint(Checkpoint Checkpoint, string Body, IReadOnlyList<NoteSignature> Signatures)
{
    private const string SignaturePrefix = "\u2014 ";

    public string ToText()
    {
        var text = new StringBuilder(Body).Append('\n');
        foreach (var s in Signatures)
        {
            text.Append(SignaturePrefix).Append(s.KeyName).Append(' ')
                .Append(Convert.ToBase64String([.. s.KeyId, .. s.Signature])).Append('\n');
        }

        return text.ToString();
    }

    /// <summary>
    /// Reads a file of notes, each followed by one empty line (how the portal publishes its history):
    /// a note ends after its last signature line.
    /// </summary>
    public static Result<IReadOnlyList<SignedCheckpoint>> ParseMany(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var notes = new List<SignedCheckpoint>();
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var current = new StringBuilder();
        var inSignatures = false;
        foreach (var line in lines)
        {
            if (inSignatures && !line.StartsWith(SignaturePrefix, StringComparison.Ordinal))
            {
                var note = Parse(current.ToString());
                if (note.IsFailure)
                {
                    return note.Error!;
                }

                notes.Add(note.Value);
                current.Clear();
                inSignatures = false;
                if (line.Length == 0)
                {
                    continue;
                }
            }

            if (!inSignatures && current.Length == 0 && line.Length == 0)
            {
                continue;
            }

            current.Append(line).Append('\n');
            inSignatures |= line.StartsWith(SignaturePrefix, StringComparison.Ordinal);
        }

        if (current.Length > 0)
        {
            var last = Parse(current.ToString());
            if (last.IsFailure)
            {
                return last.Error!;
            }

            notes.Add(last.Value);
        }

        return notes;
    }

    public static Result<SignedCheckpoint> Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var split = text.IndexOf("\n\n", StringComparison.Ordinal);
        if (split < 0)
        {
            return AuditErrors.MalformedCheckpoint("缺少正文与签名之间的空行");
        }

        var body = text[..(split + 1)];
        var parsed = Checkpoint.ParseBody(body);
        if (parsed.IsFailure)
        {
            return parsed.Error!;
        }

        var signatureLines = text[(split + 2)..];
        if (!signatureLines.EndsWith('\n'))
        {
            return AuditErrors.MalformedCheckpoint("签名行须以换行结束");
        }

        var signatures = new List<NoteSignature>();
        foreach (var line in signatureLines[..^1].Split('\n'))
        {
            if (!line.StartsWith(SignaturePrefix, StringComparison.Ordinal))
            {
                return AuditErrors.MalformedCheckpoint("签名行须以“— ”开头");
            }

            var parts = line[SignaturePrefix.Length..].Split(' ');
            byte[] blob;
            try
            {
                blob = parts.Length == 2 ? Convert.FromBase64String(parts[1]) : [];
            }
            catch (FormatException)
            {
                blob = [];
            }

            if (parts.Length != 2 || parts[0].Length == 0 || blob.Length <= 4)
            {
                return AuditErrors.MalformedCheckpoint("签名行格式无效");
            }

            signatures.Add(new NoteSignature(parts[0], blob[..4], blob[4..]));
        }

        return new SignedCheckpoint(parsed.Value, body, signatures);
    }
}

/// <summary>
/// Identity of a checkpoint-signing key. Key id (the first 4 bytes of each signature blob, a hint to
/// pick the key) = SM3(name ‖ 0x0A ‖ "sm2" ‖ 04‖x‖y)[0..4], after the C2SP signed-note rule with SM3.
/// </summary>
public sealed class CheckpointKey
{
    public CheckpointKey(string name, Sm2PublicKey publicKey)
    {
        if (string.IsNullOrEmpty(name) || name.Any(c => char.IsWhiteSpace(c) || c == '+'))
        {
            throw new ArgumentException("a key name is one word without '+'", nameof(name));
        }

        Name = name;
        PublicKey = publicKey ?? throw new ArgumentNullException(nameof(publicKey));
        KeyId = TreeHasher.Sm3.Digest([.. Encoding.UTF8.GetBytes(name), 0x0A, .. "sm2"u8, .. publicKey.ToBytes()])[..4];
    }

    public string Name { get; }

    public Sm2PublicKey PublicKey { get; }

    public byte[] KeyId { get; }

    /// <summary>Checks that <paramref name="checkpoint"/> carries a valid signature by this key.</summary>
    public Result<Checkpoint> Verify(SignedCheckpoint checkpoint)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        var mine = checkpoint.Signatures.Where(s => s.KeyName == Name && s.KeyId.AsSpan().SequenceEqual(KeyId)).ToList();
        if (mine.Count == 0)
        {
            return AuditErrors.UnknownKey(Name);
        }

        var body = Encoding.UTF8.GetBytes(checkpoint.Body);
        return mine.Any(s => PublicKey.Verify(body, s.Signature))
            ? checkpoint.Checkpoint
            : AuditErrors.BadSignature(checkpoint.Checkpoint.TreeSize);
    }

    /// <summary>Parses a signed note and verifies it; the only call a verifier with just the public key needs.</summary>
    public Result<Checkpoint> Verify(string signedNote)
    {
        var parsed = SignedCheckpoint.Parse(signedNote);
        return parsed.IsFailure ? parsed.Error! : Verify(parsed.Value);
    }
}

/// <summary>Signs checkpoints with the log's SM2 private key.</summary>
public sealed class CheckpointSigner
{
    private readonly Sm2PrivateKey privateKey;

    public CheckpointSigner(string keyName, Sm2PrivateKey privateKey)
    {
        this.privateKey = privateKey ?? throw new ArgumentNullException(nameof(privateKey));
        Key = new CheckpointKey(keyName, privateKey.PublicKey);
    }

    /// <summary>The public half, to publish and to hand to verifiers.</summary>
    public CheckpointKey Key { get; }

    public SignedCheckpoint Sign(Checkpoint checkpoint)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        var body = checkpoint.ToBody();
        var signature = privateKey.Sign(Encoding.UTF8.GetBytes(body));
        return new SignedCheckpoint(checkpoint, body, [new NoteSignature(Key.Name, Key.KeyId, signature)]);
    }

    /// <summary>Adds this key's signature to a note another party signed first (a witness co-signature).</summary>
    public SignedCheckpoint CoSign(SignedCheckpoint checkpoint)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        var signature = privateKey.Sign(Encoding.UTF8.GetBytes(checkpoint.Body));
        return checkpoint with { Signatures = [.. checkpoint.Signatures, new NoteSignature(Key.Name, Key.KeyId, signature)] };
    }
}
