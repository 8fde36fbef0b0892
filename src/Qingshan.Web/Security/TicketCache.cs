using System.Collections.Concurrent;
using Microsoft.AspNetCore.Authentication;

namespace Qingshan.Web.Security;

/// <summary>
/// The sign-in cookie's ticket format with a small cache of decrypted tickets, keyed by the cookie's exact text: a busy
/// API client (a bidder's program, hundreds of requests a second) sends the same cookie every time, and decrypting
/// and deserialising it (data protection: AES + HMAC, then the ticket's claims) was a few percent of the web host's
/// CPU per request in the bid benchmark.
/// <para>
/// Nothing is skipped that guards the session: the cache only remembers what a given cookie text decrypts to, which
/// never changes. The cookie handler still judges every request's ticket — expiry, sliding renewal — and the session
/// check (<see cref="SessionValidation"/>: account enabled, not locked, security stamp, absolute lifetime) still runs
/// on every request. Each hit hands out a copy, so a request cannot change what the next one sees. An entry lives at
/// most <see cref="TimeToLive"/> (so a data-protection key revoked is honoured within it), and the cache holds at most
/// <see cref="Capacity"/> cookies (it starts afresh when full; a forged or tampered cookie fails decryption and is
/// never cached).
/// </para>
/// </summary>
public sealed class TicketCache(ISecureDataFormat<AuthenticationTicket> inner) : ISecureDataFormat<AuthenticationTicket>
{
    public static readonly TimeSpan TimeToLive = TimeSpan.FromMinutes(1);

    public const int Capacity = 4096;

    private readonly ConcurrentDictionary<string, (AuthenticationTicket Ticket, long LoadedAt)> entries = new(StringComparer.Ordinal);

    public string Protect(AuthenticationTicket data) => inner.Protect(data);

    public string Protect(AuthenticationTicket data, string? purpose) => inner.Protect(data, purpose);

    public AuthenticationTicket? Unprotect(string? protectedText) => Unprotect(protectedText, null);

    public AuthenticationTicket? Unprotect(string? protectedText, string? purpose)
    {
        if (string.IsNullOrEmpty(protectedText) || purpose is not null)
        {
            return inner.Unprotect(protectedText, purpose);
        }

        var now = Environment.TickCount64;
        if (entries.TryGetValue(protectedText, out var e) && now - e.LoadedAt < (long)TimeToLive.TotalMilliseconds)
        {
            return e.Ticket.Clone();
        }

        var ticket = inner.Unprotect(protectedText);
        if (ticket is null)
        {
            entries.TryRemove(protectedText, out _);
            return null;
        }

        if (entries.Count >= Capacity)
        {
            entries.Clear();
        }

        entries[protectedText] = (ticket.Clone(), now);
        return ticket;
    }
}
