using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.AspNetCore.Identity;
using MudBlazor.Services;
using Qingshan.Access;
using Qingshan.Access.Users;
using Qingshan.Audit;
using Qingshan.Platform;
using Qingshan.Web;
using Qingshan.Web.Api;
using Qingshan.Web.Components;
using Qingshan.Web.Errors;
using Qingshan.Web.Security;

var builder = WebApplication.CreateBuilder(args);

// `dotnet run` (README command 1) runs from build output in Production: serve package assets (MudBlazor, vendored
// OpenLayers) from the static web assets manifest there too, not only in Development. Published apps ignore it.
builder.WebHost.UseStaticWebAssets();
var database = PlatformServices.ReadDatabaseOptions(builder.Configuration);
var policy = builder.Configuration.GetSection(LoginPolicy.Section).Get<LoginPolicy>() ?? new LoginPolicy();
Startup.EnsureDataDirectory(database);

builder.Services.AddQingshanPlatform(database, policy, Startup.AuditOptions(builder.Configuration, database));
builder.Services.AddAuditDispatcher();
builder.Services.Configure<Qingshan.Trading.Bidding.TradingOptions>(builder.Configuration.GetSection(Qingshan.Trading.Bidding.TradingOptions.Section));
new IdentityBuilder(typeof(QingshanUser), typeof(IdentityRole), builder.Services)
    .AddSignInManager()
    .AddClaimsPrincipalFactory<QingshanClaimsFactory>();
builder.Services.AddAuthentication(IdentityConstants.ApplicationScheme).AddIdentityCookies();
builder.Services.ConfigureApplicationCookie(o =>
{
    o.Cookie.Name = "qingshan.auth";
    o.Cookie.HttpOnly = true;
    o.Cookie.SameSite = SameSiteMode.Strict;
    o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
    o.ExpireTimeSpan = TimeSpan.FromMinutes(policy.IdleTimeoutMinutes);
    o.SlidingExpiration = true;
    o.LoginPath = "/account/login";
    o.LogoutPath = "/account/logout";
    o.AccessDeniedPath = "/account/denied";
    o.Events.OnValidatePrincipal = SessionValidation.ValidateAsync;
    // APIs answer 401/403; only pages redirect to the sign-in form.
    o.Events.OnRedirectToLogin = ctx => Startup.ChallengeAsync(ctx, StatusCodes.Status401Unauthorized);
    o.Events.OnRedirectToAccessDenied = ctx => Startup.ChallengeAsync(ctx, StatusCodes.Status403Forbidden);
});
// Decrypted sign-in tickets cached by cookie text (see TicketCache: every request is still judged and session-checked).
builder.Services.PostConfigure<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme,
    o => o.TicketDataFormat = new TicketCache(o.TicketDataFormat));
builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.TypeInfoResolverChain.Insert(0, TradingJson.Default));
builder.Services.AddSingleton<SessionCache>();
builder.Services.AddAuthorization(Policies.Configure);
builder.Services.AddCascadingAuthenticationState();
builder.Services.AddScoped<AuthenticationStateProvider, RevalidatingStateProvider>();
builder.Services.AddScoped<CircuitHandler, ActorCircuitHandler>();
builder.Services.AddHttpContextAccessor();
builder.Services.AddRazorComponents().AddInteractiveServerComponents();
builder.Services.AddMudServices();
builder.Services.AddProblemDetails();
builder.Services.AddExceptionHandler<UnexpectedExceptionHandler>();
builder.Services.AddAntiforgery();
Startup.AddDataProtection(builder.Services, database);

var app = builder.Build();
await Startup.PrepareDatabaseAsync(app, database);

app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseMiddleware<SecurityHeaders>();
app.UseAuthentication();
app.UseMiddleware<ActorMiddleware>();
app.UseMiddleware<PasswordChangeRequired>();
app.UseAuthorization();
app.UseAntiforgery();

app.MapStaticAssets().AllowAnonymous();
app.MapAccountEndpoints();
app.MapRegistryApi();
app.MapAuditApi();
app.MapOgcApi();
app.MapExportEndpoints();
app.MapAccountingApi();
app.MapTradingApi();
app.MapLedgerReportEndpoints();
// Pages state their own policy (checked by a test); this also puts the circuit hub under an explicit sign-in requirement.
app.MapRazorComponents<App>().AddInteractiveServerRenderMode().RequireAuthorization();

await app.StartAsync();
Startup.PrintWelcome(app, database);
await app.WaitForShutdownAsync();

public partial class Program;
