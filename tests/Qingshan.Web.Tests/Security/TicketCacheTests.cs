using System.Net;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Qingshan.Web.Security;
using Qingshan.Web.Tests.Support;

namespace Qingshan.Web.Tests.Security;

/// <summary>
/// The decrypted-ticket cache of the sign-in cookie (<see cref="TicketCache"/>): it saves the decryption, never a check.
/// </summary>
public sealed class TicketCacheTests
{
    [Fact]
    public void The_same_cookie_is_decrypted_once_each_request_gets_its_own_copy_and_a_bad_cookie_is_never_cached()
    {
        var inner = new CountingFormat();
        var cache = new TicketCache(inner);
        var text = inner.Protect(Ticket("u1"));

        var first = cache.Unprotect(text)!;
        first.Principal.Identities.First().AddClaim(new Claim("added-by-request", "1")); // a request changing its copy
        first.Properties.Items["x"] = "changed";
        var second = cache.Unprotect(text)!;

        Assert.Equal(1, inner.Unprotected);
        Assert.Equal("u1", second.Principal.FindFirstValue(ClaimTypes.NameIdentifier));
        Assert.Null(second.Principal.FindFirst("added-by-request"));
        Assert.False(second.Properties.Items.ContainsKey("x"));
        Assert.NotSame(first, second);

        Assert.Null(cache.Unprotect("tampered"));
        Assert.Null(cache.Unprotect("tampered"));
        Assert.Equal(3, inner.Unprotected); // failures are asked again every time
    }

    [Fact]
    public async Task The_apps_sign_in_cookie_goes_through_the_cache_and_a_disabled_account_still_ends_its_session_at_once()
    {
        await using var app = await QingshanFactory.StartAsync();
        var options = app.Services.GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>().Get(IdentityConstants.ApplicationScheme);
        Assert.IsType<TicketCache>(options.TicketDataFormat);

        const string geojson = "/api/registry/plots.geojson";
        var client = await app.SignedInAsync("jp_water");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(geojson)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(geojson)).StatusCode); // the cookie's ticket from the cache

        Assert.True((await app.ChangeUserAsync("jp_water", enabled: false)).IsSuccess);

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync(geojson)).StatusCode);
    }

    private static AuthenticationTicket Ticket(string userId) =>
        new(new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, userId)], "test")), new AuthenticationProperties(), "test");

    /// <summary>A stand-in for data protection that counts decryptions.</summary>
    private sealed class CountingFormat : ISecureDataFormat<AuthenticationTicket>
    {
        private readonly Dictionary<string, AuthenticationTicket> issued = [];

        public int Unprotected { get; private set; }

        public string Protect(AuthenticationTicket data) => Protect(data, null);

        public string Protect(AuthenticationTicket data, string? purpose)
        {
            var text = "t" + issued.Count;
            issued[text] = data;
            return text;
        }

        public AuthenticationTicket? Unprotect(string? protectedText) => Unprotect(protectedText, null);

        public AuthenticationTicket? Unprotect(string? protectedText, string? purpose)
        {
            Unprotected++;
            return protectedText is not null && issued.TryGetValue(protectedText, out var t) ? t.Clone() : null;
        }
    }
}
