using System.Linq.Expressions;
using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Qingshan.Kernel;

namespace Qingshan.Data;

/// <summary>
/// What every module's store shares: the provider's conventions and snake_case names, the outbox in the same
/// transaction as the change (<see cref="Record"/>), the current actor, and region filters that keep every query
/// inside the actor's data scope. A module describes its own tables in <see cref="ConfigureModel"/>.
/// </summary>
public abstract class ModuleDb(DbContextOptions options, ActorContext actor, DatabaseOptions database, string module) : DbContext(options)
{
    private static readonly MethodInfo StartsWith = typeof(string).GetMethod(nameof(string.StartsWith), [typeof(string)])!;
    private static readonly PropertyInfo ScopePrefixProperty = typeof(ModuleDb).GetProperty(nameof(ScopePrefix), BindingFlags.Instance | BindingFlags.NonPublic)!;

    /// <summary>The signed-in actor (or the system actor of a background job) on whose behalf this context works.</summary>
    public Actor Actor => actor.Current;

    public bool IsPostgres => database.IsPostgres;

    public DbSet<OutboxMessage> Outbox => Set<OutboxMessage>();

    /// <summary>Read by the region filters on every query (EF parameterises context members per instance).</summary>
    protected string ScopePrefix => actor.Current.Scope.Prefix;

    /// <summary>Records a state change in the outbox; it commits with the change or not at all.</summary>
    public void Record(DateTimeOffset at, string eventType, string objectId, string? regionCode, object payload) =>
        Record(at, actor.Current, eventType, objectId, regionCode, payload);

    /// <summary>An outbox row on behalf of <paramref name="by"/> (a change written in a group commit for its caller).</summary>
    public void Record(DateTimeOffset at, Actor by, string eventType, string objectId, string? regionCode, object payload) =>
        Outbox.Add(NewRecord(at, by, eventType, objectId, regionCode, payload));

    /// <summary>An outbox row of this module, not yet added: for a group commit that writes its rows with <see cref="BulkInsert"/>.</summary>
    public OutboxMessage NewRecord(DateTimeOffset at, Actor by, string eventType, string objectId, string? regionCode, object payload) =>
        OutboxMessage.Create(at, module, eventType, objectId, regionCode, by, payload);

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder) =>
        DatabaseSetup.ApplyConventions(configurationBuilder, database.IsPostgres);

    protected sealed override void OnModelCreating(ModelBuilder modelBuilder)
    {
        ConfigureModel(modelBuilder);
        OutboxMessage.Configure(modelBuilder);
        modelBuilder.UseSnakeCaseNames();
    }

    /// <summary>The module's tables and its region filters.</summary>
    protected abstract void ConfigureModel(ModelBuilder modelBuilder);

    /// <summary>Rows of <typeparamref name="T"/> are visible only when their region code lies in the actor's scope.</summary>
    protected void FilterByRegion<T>(ModelBuilder modelBuilder, Expression<Func<T, string>> regionCode)
        where T : class
    {
        var inScope = Expression.Call(regionCode.Body, StartsWith, Expression.Property(Expression.Constant(this), ScopePrefixProperty));
        modelBuilder.Entity<T>().HasQueryFilter(Expression.Lambda<Func<T, bool>>(inScope, regionCode.Parameters));
    }
}
