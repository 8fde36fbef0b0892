using Qingshan.Kernel;

namespace Qingshan.Modules.Tests.Kernel;

public sealed class ActorContextTests
{
    private static Actor Named(string name) => new(name, name, RegionScope.All, new HashSet<string>());

    [Fact]
    public void A_following_context_reports_the_followed_actor_even_after_it_changes()
    {
        var circuit = new ActorContext { Current = Named("jp_water") };
        var page = new ActorContext();

        page.Follow(circuit);
        Assert.Equal("jp_water", page.Current.UserName);

        circuit.Current = Actor.Anonymous;
        Assert.False(page.Current.IsAuthenticated);
    }

    [Fact]
    public void Setting_the_actor_stops_following()
    {
        var circuit = new ActorContext { Current = Named("a") };
        var page = new ActorContext();
        page.Follow(circuit);

        page.Current = Named("b");
        circuit.Current = Named("c");

        Assert.Equal("b", page.Current.UserName);
    }
}
