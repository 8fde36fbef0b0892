using Microsoft.Extensions.DependencyInjection;
using Qingshan.Data;
using Qingshan.Trading.Appraisals;
using Qingshan.Trading.Bidding;
using Qingshan.Trading.Calendar;
using Qingshan.Trading.Certificates;
using Qingshan.Trading.Data;
using Qingshan.Trading.Deals;
using Qingshan.Trading.Deposits;

namespace Qingshan.Trading;

public static class TradingModule
{
    /// <summary>Trading's only wiring entry point. The deal closer runs in hosts that start hosted services.</summary>
    public static IServiceCollection AddTrading(this IServiceCollection services, Action<TradingOptions>? configure = null)
    {
        services.AddOptions<TradingOptions>().Configure(o => configure?.Invoke(o));
        services.AddModuleDb<TradingDb>();
        services.AddScoped<DealUnit>();
        services.AddScoped<WorkingDayCalendarStore>();
        services.AddScoped<IBankGateway, SimulatedBank>();
        services.AddSingleton<CertificateSigner>();
        services.AddScoped<CreateDealHandler>();
        services.AddScoped<ApproveWorkPlanHandler>();
        services.AddScoped<LinkAccountingRunHandler>();
        services.AddScoped<AccountedValues>();
        services.AddScoped<AppraisalQueries>();
        services.AddScoped<IssueAppraisalHandler>();
        services.AddScoped<DecideReservePriceHandler>();
        services.AddScoped<DetermineTransferorHandler>();
        services.AddScoped<RecordPromotionHandler>();
        services.AddScoped<ApproveDistributionPlanHandler>();
        services.AddScoped<PublishListingHandler>();
        services.AddScoped<RegisterBidderHandler>();
        services.AddScoped<ReviewBidderHandler>();
        services.AddScoped<PayDepositHandler>();
        services.AddSingleton<BidSequencer>();
        services.AddScoped<PlaceBidHandler>();
        services.AddScoped<AuctionQueries>();
        services.AddScoped<AdvanceDealHandler>();
        services.AddScoped<AdvanceDueDealsHandler>();
        services.AddScoped<ExercisePriorityRightHandler>();
        services.AddScoped<ConcludeNegotiationHandler>();
        services.AddScoped<RaiseObjectionHandler>();
        services.AddScoped<ResolveObjectionHandler>();
        services.AddScoped<SignContractHandler>();
        services.AddScoped<FileContractHandler>();
        services.AddScoped<RecordContractPaymentHandler>();
        services.AddScoped<SuspendDealHandler>();
        services.AddScoped<ResumeDealHandler>();
        services.AddScoped<CancelDealHandler>();
        services.AddScoped<IssueCertificateHandler>();
        services.AddScoped<VerifyCertificateHandler>();
        services.AddScoped<CertificateQueries>();
        services.AddScoped<RenderCertificatePdfHandler>();
        services.AddScoped<DealQueries>();
        services.AddScoped<PublicDealQueries>();
        services.AddHostedService<DealCloser>();
        return services;
    }
}
