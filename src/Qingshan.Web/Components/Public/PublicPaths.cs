namespace Qingshan.Web.Components.Public;

/// <summary>Addresses of the public portal's trading pages.</summary>
public static class PublicPaths
{
    public static string Deal(string code) => "/portal/trading/" + Uri.EscapeDataString(code);
}
