using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Qingshan.Kernel;

namespace Qingshan.Data;

/// <summary>
/// A state change recorded in the same transaction as the change itself (the outbox). The audit log and
/// reactions in other modules consume these; nothing commits without its record.
/// </summary>
public sealed class OutboxMessage
{
    public long Id { get; private set; }

    public DateTimeOffset OccurredAt { get; private set; }

    public string Module { get; private set; } = "";

    public string EventType { get; private set; } = "";

    public string ObjectId { get; private set; } = "";

    public string? RegionCode { get; private set; }

    public string ActorId { get; private set; } = "";

    public string ActorName { get; private set; } = "";

    public string? IpAddress { get; private set; }

    public string Payload { get; private set; } = "{}";

    public DateTimeOffset? DispatchedAt { get; set; }

    public static OutboxMessage Create(DateTimeOffset at, string module, string eventType, string objectId, string? regionCode, Actor actor, object payload) => new()
    {
        OccurredAt = at,
        Module = module,
        EventType = eventType,
        ObjectId = objectId,
        RegionCode = regionCode,
        ActorId = actor.UserId,
        ActorName = actor.UserName,
        IpAddress = actor.IpAddress,
        Payload = JsonSerializer.Serialize(payload, payload.GetType(), OutboxJson.Options),
    };

    public static void Configure(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<OutboxMessage>(e =>
        {
            e.ToTable("outbox_messages");
            e.HasKey(x => x.Id);
            e.Property(x => x.Module).HasMaxLength(32);
            e.Property(x => x.EventType).HasMaxLength(64);
            e.Property(x => x.ObjectId).HasMaxLength(64);
            e.Property(x => x.RegionCode).HasMaxLength(12);
            e.Property(x => x.ActorId).HasMaxLength(64);
            e.Property(x => x.ActorName).HasMaxLength(128);
            e.Property(x => x.IpAddress).HasMaxLength(64);
            e.HasIndex(x => x.DispatchedAt);
            e.HasIndex(x => new { x.Module, x.ObjectId });
        });
    }
}

public static class OutboxJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };
}
