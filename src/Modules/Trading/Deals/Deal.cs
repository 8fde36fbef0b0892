using Qingshan.Kernel;

namespace Qingshan.Trading.Deals;

/// <summary>What kind of party a share goes to: decides the ledger account it is posted to.</summary>
public enum ShareKind
{
    /// <summary>出让方.</summary>
    Transferor = 0,

    /// <summary>村集体经济组织.</summary>
    Collective = 1,

    /// <summary>农户（含参与管护的村民）.</summary>
    Household = 2,

    /// <summary>收益反哺: split by the county's rule into the erosion-control and maintenance funds.</summary>
    Reinvestment = 3,
}

/// <summary>收益分配: one party's share of the net proceeds, in basis points (1/10000).</summary>
public sealed record DistributionShare(string Party, int BasisPoints, ShareKind Kind = ShareKind.Transferor);

/// <summary>付款计划: one instalment of the contract price.</summary>
public sealed record Instalment(DateOnly DueOn, Money Amount);

/// <summary>
/// One SWC ecological product's operating right offered once (一次交易). The aggregate owns the state machine: every
/// step checks the current state and is refused with <c>trading.deal.wrong_state</c> otherwise, and every change is
/// queued in <see cref="Changes"/> for the history and the outbox.
/// </summary>
internal sealed class Deal
{
    /// <summary>Every allowed move of the normal flow (suspension, resumption and cancellation are handled apart).</summary>
    internal static readonly IReadOnlyDictionary<DealStatus, DealStatus[]> Flow = new Dictionary<DealStatus, DealStatus[]>
    {
        [DealStatus.WorkPlanDrafted] = [DealStatus.WorkPlanApproved],
        [DealStatus.WorkPlanApproved] = [DealStatus.AccountingApproved],
        [DealStatus.AccountingApproved] = [DealStatus.TransferorDetermined],
        [DealStatus.TransferorDetermined] = [DealStatus.Appraised],
        [DealStatus.Appraised] = [DealStatus.Promoted],
        [DealStatus.Promoted] = [DealStatus.DistributionPlanApproved],
        [DealStatus.DistributionPlanApproved] = [DealStatus.Listed],
        [DealStatus.Listed] = [DealStatus.Auction, DealStatus.Negotiation, DealStatus.Unsold],
        [DealStatus.Auction] = [DealStatus.PriorityWindow, DealStatus.ResultPublicity, DealStatus.Unsold],
        [DealStatus.Negotiation] = [DealStatus.ResultPublicity],
        [DealStatus.PriorityWindow] = [DealStatus.ResultPublicity],
        [DealStatus.ResultPublicity] = [DealStatus.Contracted],
        [DealStatus.Contracted] = [DealStatus.Filed],
        [DealStatus.Filed] = [DealStatus.Certified],
    };

    private readonly List<DealChange> changes = [];

    private Deal()
    {
    }

    public Deal(string code, string regionCode, string productName, IEnumerable<Guid> plotIds, Guid? cultivatingInvestorId, string workPlan, DateTimeOffset at)
    {
        Id = Guid.CreateVersion7();
        Code = code;
        RegionCode = regionCode;
        ProductName = productName;
        PlotIds = [.. plotIds];
        CultivatingInvestorId = cultivatingInvestorId;
        WorkPlan = workPlan;
        CreatedAt = at;
        Status = DealStatus.WorkPlanDrafted;
        Round = 1;
        changes.Add(new DealChange(TradingEvents.DealCreated, DealStatus.WorkPlanDrafted, DealStatus.WorkPlanDrafted, null));
    }

    public Guid Id { get; private set; }

    /// <summary>交易编号, unique.</summary>
    public string Code { get; private set; } = "";

    public string RegionCode { get; private set; } = "";

    public string ProductName { get; private set; } = "";

    public List<Guid> PlotIds { get; private set; } = [];

    /// <summary>培育投资主体 named in the work plan (registry holder id), if any.</summary>
    public Guid? CultivatingInvestorId { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DealStatus Status { get; private set; }

    /// <summary>Trading round; a deal resumed after suspension trades again in a new round.</summary>
    public int Round { get; private set; }

    // 工作方案
    public string WorkPlan { get; private set; } = "";

    public string? WorkPlanApproval { get; private set; }

    // 核算
    /// <summary>The approved accounting run the accounted value comes from.</summary>
    public Guid? AccountingRunId { get; private set; }

    public decimal? AccountedValueYuan { get; private set; }

    public string? AccountingReport { get; private set; }

    // 出让方
    public Guid? TransferorId { get; private set; }

    // 评估
    public Money AppraisedValue { get; private set; }

    public string? AppraisalMethod { get; private set; }

    public string? AppraisalReport { get; private set; }

    /// <summary>The issued appraisal: every method's result, inputs, choice and reasons (JSON of <see cref="AppraisalReport"/>).</summary>
    public string? AppraisalJson { get; private set; }

    public string? AppraisedBy { get; private set; }

    public DateTimeOffset? AppraisedAt { get; private set; }

    /// <summary>成本法 result: the cultivating investor's floor for the reserve price.</summary>
    public Money CostFloor { get; private set; }

    /// <summary>底价, decided by the approver after the appraisal; the listing price may not be lower.</summary>
    public Money ReservePrice { get; private set; }

    /// <summary>Why the approver set the reserve price below the cost floor, if they did.</summary>
    public string? ReservePriceReason { get; private set; }

    // 推介
    public string? Promotion { get; private set; }

    // 收益分配方案
    public Money AccountingFee { get; private set; }

    public Money AppraisalFee { get; private set; }

    public int PlatformFeeBasisPoints { get; private set; }

    public List<DistributionShare> Shares { get; private set; } = [];

    // 挂牌
    public Money ListingPrice { get; private set; }

    public Money DepositRequired { get; private set; }

    public Money Increment { get; private set; }

    public int FreePeriodMinutes { get; private set; }

    public int LimitedPeriodMinutes { get; private set; }

    public int PriorityWindowMinutes { get; private set; }

    public int ResultPublicityWorkingDays { get; private set; }

    public DateTimeOffset? ListedAt { get; private set; }

    public DateTimeOffset? PublicityEndsAt { get; private set; }

    // 竞价
    public DateTimeOffset? AuctionStartsAt { get; private set; }

    public DateTimeOffset? FreePeriodEndsAt { get; private set; }

    public DateTimeOffset? AuctionEndsAt { get; private set; }

    public Guid? HighestBidderId { get; private set; }

    public Money HighestAmount { get; private set; }

    public long BidSequence { get; private set; }

    /// <summary>
    /// Raised with every save of the deal, its owned rows or its bidders (<see cref="Data.TradingDb"/> does it), so a reader
    /// that kept the deal can tell by one number whether it is still what is stored (the bid lanes keep theirs, with the
    /// bidders they read, between batches).
    /// </summary>
    public long Version { get; private set; }

    internal void NextVersion() => Version++;

    public DateTimeOffset? PriorityWindowEndsAt { get; private set; }

    // 成交
    public Guid? WinnerId { get; private set; }

    public Money FinalPrice { get; private set; }

    public bool WonByPriorityRight { get; private set; }

    public DateTimeOffset? ResultPublicityEndsAt { get; private set; }

    // 合同
    public string? ContractNumber { get; private set; }

    public int ContractTermYears { get; private set; }

    public string? ProtectionDuties { get; private set; }

    public string? DefaultClauses { get; private set; }

    public List<Instalment> PaymentSchedule { get; private set; } = [];

    public DateTimeOffset? ContractSignedAt { get; private set; }

    // 报备
    public DateTimeOffset? FiledWithWaterAt { get; private set; }

    public DateTimeOffset? FiledWithDevelopmentReformAt { get; private set; }

    public DateTimeOffset? FiledWithFinanceAt { get; private set; }

    // 交易凭证
    public string? CertificateNumber { get; private set; }

    // 中止/终止
    public DealStatus? SuspendedFrom { get; private set; }

    public string? SuspensionReason { get; private set; }

    public string? CancellationReason { get; private set; }

    /// <summary>When the next automatic step is due (publicity, auction or window end): what the closer polls.</summary>
    public DateTimeOffset? DueAt { get; private set; }

    public IReadOnlyList<DealChange> Changes => changes;

    public bool IsFinal => Status is DealStatus.Certified or DealStatus.Unsold or DealStatus.Cancelled;

    /// <summary>Net proceeds of a price: minus accounting and appraisal fees and the platform's fee.</summary>
    public Money NetProceeds(Money price)
    {
        var platformFee = new Money(checked(price.Fen * PlatformFeeBasisPoints / 10_000));
        return price - AccountingFee - AppraisalFee - platformFee;
    }

    /// <summary>Each party's part of the net proceeds, to the fen (largest remainder).</summary>
    public IReadOnlyList<(string Party, Money Amount)> Distribute(Money price)
    {
        var net = NetProceeds(price);
        var parts = net.Allocate(Shares.Select(s => (long)s.BasisPoints).ToArray());
        return Shares.Select((s, i) => (s.Party, parts[i])).ToList();
    }

    /// <summary>The terms the ledger settles by (see <see cref="SettlementTerms"/>); the contract date is China's calendar day.</summary>
    public SettlementTerms TermsForSettlement(DateTimeOffset signedAt) => new(
        Code,
        Round,
        ContractNumber ?? "",
        DateOnly.FromDateTime(signedAt.ToOffset(TimeSpan.FromHours(8)).DateTime),
        FinalPrice.Fen,
        AccountingFee.Fen,
        AppraisalFee.Fen,
        PlatformFeeBasisPoints,
        [.. Shares.Select(s => new SettlementShare(s.Party, s.BasisPoints, s.Kind))],
        [.. PaymentSchedule.Select(i => new SettlementInstalment(i.DueOn, i.Amount.Fen))]);

    /// <summary>Contract payments are received after signing, until the deal is final.</summary>
    public bool IsCollectingPayments => Status is DealStatus.Contracted or DealStatus.Filed or DealStatus.Certified;

    public Result ApproveWorkPlan(string approvalDocument)
    {
        if (string.IsNullOrWhiteSpace(approvalDocument))
        {
            return TradingErrors.ApprovalDocumentRequired();
        }

        return Move(DealStatus.WorkPlanApproved, TradingEvents.WorkPlanApproved, approvalDocument, () => WorkPlanApproval = approvalDocument.Trim());
    }

    public Result ApproveAccounting(Guid accountingRunId, decimal accountedValueYuan, string report)
    {
        if (accountedValueYuan <= 0)
        {
            return TradingErrors.AccountedValueInvalid();
        }

        if (string.IsNullOrWhiteSpace(report))
        {
            return TradingErrors.ReportRequired();
        }

        return Move(DealStatus.AccountingApproved, TradingEvents.AccountingApproved, report, () =>
        {
            AccountingRunId = accountingRunId;
            AccountedValueYuan = accountedValueYuan;
            AccountingReport = report.Trim();
        });
    }

    /// <summary>The registry check (confirmed, undisputed, unpledged) is the handler's; the aggregate records the result.</summary>
    public Result DetermineTransferor(Guid transferorId) =>
        Move(DealStatus.TransferorDetermined, TradingEvents.TransferorDetermined, transferorId.ToString(), () => TransferorId = transferorId);

    /// <summary>
    /// 评估报告 issued by the appraisal agency while the transferor is determined: every method's result, the chosen
    /// reference price and the reasons. A later issue replaces an earlier one until the reserve price is decided.
    /// </summary>
    public Result IssueAppraisal(Money referencePrice, Money costFloor, string chosenMethod, string reportNumber, string json, string issuedBy, DateTimeOffset at)
    {
        if (Status != DealStatus.TransferorDetermined)
        {
            return WrongState();
        }

        if (referencePrice.Fen <= 0 || costFloor.IsNegative)
        {
            return TradingErrors.AppraisedValueInvalid();
        }

        if (string.IsNullOrWhiteSpace(reportNumber) || string.IsNullOrWhiteSpace(chosenMethod))
        {
            return TradingErrors.ReportRequired();
        }

        AppraisedValue = referencePrice;
        CostFloor = costFloor;
        AppraisalMethod = chosenMethod.Trim();
        AppraisalReport = reportNumber.Trim();
        AppraisalJson = json;
        AppraisedBy = issuedBy;
        AppraisedAt = at;
        changes.Add(new DealChange(TradingEvents.AppraisalIssued, Status, Status, $"{AppraisalReport} {chosenMethod} {referencePrice}"));
        return Result.Success();
    }

    /// <summary>底价: not below the cost-approach floor unless the approver records why (ACCOUNTING-METHOD.md 8.2 item 5).</summary>
    public Result DecideReservePrice(Money reservePrice, string? belowFloorReason)
    {
        if (Status != DealStatus.TransferorDetermined)
        {
            return WrongState();
        }

        if (AppraisalJson is null)
        {
            return TradingErrors.AppraisalNotIssued();
        }

        if (reservePrice.Fen <= 0)
        {
            return TradingErrors.ReservePriceInvalid();
        }

        var issue = Qingshan.Valuation.Appraisal.ReservePriceRule.Check(reservePrice.Yuan, CostFloor.Yuan, belowFloorReason);
        if (issue is not null)
        {
            return TradingErrors.ReservePriceBelowCostFloor(CostFloor.ToString());
        }

        var reason = reservePrice < CostFloor ? belowFloorReason!.Trim() : null;
        return Move(DealStatus.Appraised, TradingEvents.Appraised, reason is null ? reservePrice.ToString() : $"{reservePrice}；低于成本法底线的理由：{reason}", () =>
        {
            ReservePrice = reservePrice;
            ReservePriceReason = reason;
        });
    }

    public Result RecordPromotion(string promotion)
    {
        if (string.IsNullOrWhiteSpace(promotion))
        {
            return TradingErrors.PromotionRequired();
        }

        return Move(DealStatus.Promoted, TradingEvents.Promoted, null, () => Promotion = promotion.Trim());
    }

    /// <summary>收益分配方案: shares of the net proceeds must add up to exactly 10000 basis points.</summary>
    public Result ApproveDistributionPlan(Money accountingFee, Money appraisalFee, int platformFeeBasisPoints, IReadOnlyList<DistributionShare> shares)
    {
        if (shares.Count == 0 || shares.Any(s => s.BasisPoints <= 0 || string.IsNullOrWhiteSpace(s.Party)))
        {
            return TradingErrors.DistributionShareInvalid();
        }

        var total = shares.Sum(s => (long)s.BasisPoints);
        if (total != 10_000)
        {
            return TradingErrors.DistributionNotWhole(total);
        }

        if (shares.Select(s => s.Party.Trim()).Distinct().Count() != shares.Count)
        {
            return TradingErrors.DistributionPartyDuplicate();
        }

        if (accountingFee.IsNegative || appraisalFee.IsNegative || platformFeeBasisPoints is < 0 or >= 10_000)
        {
            return TradingErrors.DistributionFeeInvalid();
        }

        return Move(DealStatus.DistributionPlanApproved, TradingEvents.DistributionPlanApproved, null, () =>
        {
            AccountingFee = accountingFee;
            AppraisalFee = appraisalFee;
            PlatformFeeBasisPoints = platformFeeBasisPoints;
            Shares = [.. shares.Select(s => s with { Party = s.Party.Trim() })];
        });
    }

    /// <summary>挂牌公告: fixes the trading terms and the end of the publicity period (in working days, computed by the caller).</summary>
    public Result List(ListingTerms terms, DateTimeOffset now, DateTimeOffset publicityEndsAt)
    {
        if (terms.ListingPrice.Fen <= 0 || terms.Increment.Fen <= 0 || terms.Deposit.Fen <= 0)
        {
            return TradingErrors.ListingTermsInvalid();
        }

        if (terms.ListingPrice < ReservePrice)
        {
            return TradingErrors.ListingPriceBelowReserve(ReservePrice.ToString());
        }

        if (terms.FreePeriodMinutes < 0 || terms.LimitedPeriodMinutes <= 0 || terms.PriorityWindowMinutes <= 0 || terms.ResultPublicityWorkingDays <= 0)
        {
            return TradingErrors.ListingTermsInvalid();
        }

        return Move(DealStatus.Listed, TradingEvents.Listed, null, () =>
        {
            ListingPrice = terms.ListingPrice;
            DepositRequired = terms.Deposit;
            Increment = terms.Increment;
            FreePeriodMinutes = terms.FreePeriodMinutes;
            LimitedPeriodMinutes = terms.LimitedPeriodMinutes;
            PriorityWindowMinutes = terms.PriorityWindowMinutes;
            ResultPublicityWorkingDays = terms.ResultPublicityWorkingDays;
            ListedAt = now;
            PublicityEndsAt = publicityEndsAt;
            DueAt = publicityEndsAt;
        });
    }

    /// <summary>Registration, review and deposits happen while the listing's publicity period runs.</summary>
    public Result RequireRegistrationOpen(DateTimeOffset now)
    {
        if (Status != DealStatus.Listed)
        {
            return WrongState();
        }

        return now < PublicityEndsAt ? Result.Success() : TradingErrors.RegistrationClosed();
    }

    /// <summary>
    /// After the publicity period: no qualified bidder with a deposit → 流拍; one → 协议成交; several → 网络竞价,
    /// starting now with the free period and then the limited period.
    /// </summary>
    public Result StartTrading(IReadOnlyCollection<Bidder> bidders, DateTimeOffset now)
    {
        if (Status != DealStatus.Listed)
        {
            return WrongState();
        }

        if (now < PublicityEndsAt)
        {
            return TradingErrors.PublicityNotOver();
        }

        var eligible = bidders.Count(b => b.MayBid);
        if (eligible == 0)
        {
            return Move(DealStatus.Unsold, TradingEvents.Unsold, "no qualified bidder", () => DueAt = null);
        }

        if (eligible == 1)
        {
            return Move(DealStatus.Negotiation, TradingEvents.NegotiationStarted, null, () => DueAt = null);
        }

        return Move(DealStatus.Auction, TradingEvents.AuctionStarted, $"{eligible} bidders", () =>
        {
            AuctionStartsAt = now;
            FreePeriodEndsAt = now.AddMinutes(FreePeriodMinutes);
            AuctionEndsAt = FreePeriodEndsAt.Value.AddMinutes(LimitedPeriodMinutes);
            HighestBidderId = null;
            HighestAmount = Money.Zero;
            DueAt = AuctionEndsAt;
        });
    }

    /// <summary>
    /// Judges a bid at server time <paramref name="now"/>. Accepted bids raise the highest bid; a bid in the last
    /// <see cref="LimitedPeriodMinutes"/> of the limited period restarts the countdown (限时报价期内有新报价则重新计时).
    /// </summary>
    public Result PlaceBid(Bidder bidder, Money amount, DateTimeOffset now)
    {
        if (Status != DealStatus.Auction)
        {
            return WrongState();
        }

        if (!bidder.MayBid)
        {
            return bidder.Qualification != Qualification.Qualified ? TradingErrors.BidderNotQualified() : TradingErrors.DepositNotPaid();
        }

        if (now < AuctionStartsAt)
        {
            return TradingErrors.AuctionNotStarted();
        }

        if (now >= AuctionEndsAt)
        {
            return TradingErrors.AuctionClosed();
        }

        var minimum = HighestBidderId is null ? ListingPrice : HighestAmount + Increment;
        if (amount < minimum)
        {
            return HighestBidderId is null ? TradingErrors.BidBelowListingPrice(ListingPrice.ToString()) : TradingErrors.BidBelowIncrement(minimum.ToString());
        }

        if (HighestBidderId == bidder.Id)
        {
            return TradingErrors.BidAlreadyHighest();
        }

        HighestBidderId = bidder.Id;
        HighestAmount = amount;
        var window = TimeSpan.FromMinutes(LimitedPeriodMinutes);
        if (now >= FreePeriodEndsAt && AuctionEndsAt!.Value - now < window)
        {
            AuctionEndsAt = now + window;
            DueAt = AuctionEndsAt;
        }

        return Result.Success();
    }

    internal long NextBidSequence() => ++BidSequence;

    /// <summary>
    /// At the end of the limited period: no bid → 流拍; otherwise a priority-right holder who is not already the highest
    /// bidder gets a window to match; else the highest bidder wins.
    /// </summary>
    public Result CloseAuction(Bidder? priorityHolder, DateTimeOffset now)
    {
        if (Status != DealStatus.Auction)
        {
            return WrongState();
        }

        if (now < AuctionEndsAt)
        {
            return TradingErrors.AuctionNotOver();
        }

        if (HighestBidderId is null)
        {
            return Move(DealStatus.Unsold, TradingEvents.Unsold, "no bid", () => DueAt = null);
        }

        if (priorityHolder is { MayBid: true } && priorityHolder.Id != HighestBidderId)
        {
            return Move(DealStatus.PriorityWindow, TradingEvents.PriorityWindowOpened, HighestAmount.ToString(), () =>
            {
                PriorityWindowEndsAt = now.AddMinutes(PriorityWindowMinutes);
                DueAt = PriorityWindowEndsAt;
            });
        }

        return Award(HighestBidderId.Value, HighestAmount, byPriority: false, now);
    }

    /// <summary>优先经营权: the cultivating investor matches the best bid within the window and wins at that price.</summary>
    public Result ExercisePriorityRight(Bidder bidder, DateTimeOffset now)
    {
        if (Status != DealStatus.PriorityWindow)
        {
            return WrongState();
        }

        if (!bidder.IsPriorityHolder || !bidder.MayBid)
        {
            return TradingErrors.NotPriorityHolder();
        }

        if (now >= PriorityWindowEndsAt)
        {
            return TradingErrors.PriorityWindowClosed();
        }

        return Award(bidder.Id, HighestAmount, byPriority: true, now);
    }

    /// <summary>The priority window lapsed unused: the highest bidder wins.</summary>
    public Result ClosePriorityWindow(DateTimeOffset now)
    {
        if (Status != DealStatus.PriorityWindow)
        {
            return WrongState();
        }

        if (now < PriorityWindowEndsAt)
        {
            return TradingErrors.PriorityWindowOpen();
        }

        return Award(HighestBidderId!.Value, HighestAmount, byPriority: false, now);
    }

    /// <summary>协议成交 with the single qualified bidder, at no less than the listing price.</summary>
    public Result ConcludeNegotiation(Bidder bidder, Money price, DateTimeOffset now)
    {
        if (Status != DealStatus.Negotiation)
        {
            return WrongState();
        }

        if (!bidder.MayBid)
        {
            return TradingErrors.BidderNotQualified();
        }

        if (price < ListingPrice)
        {
            return TradingErrors.BidBelowListingPrice(ListingPrice.ToString());
        }

        return Award(bidder.Id, price, byPriority: false, now);
    }

    /// <summary>成交结果公示 starts; its end (working days) is set by the caller.</summary>
    public void SetResultPublicityEnd(DateTimeOffset end)
    {
        if (Status != DealStatus.ResultPublicity)
        {
            throw new InvalidOperationException("result publicity is not running");
        }

        ResultPublicityEndsAt = end;
    }

    public Result RequireResultPublicity(DateTimeOffset now)
    {
        if (Status != DealStatus.ResultPublicity)
        {
            return WrongState();
        }

        return now < ResultPublicityEndsAt ? Result.Success() : TradingErrors.PublicityOver();
    }

    /// <summary>签订合同 after publicity without a standing objection: term, payment schedule adding up to the price, duties, defaults.</summary>
    public Result SignContract(ContractTerms terms, IReadOnlyCollection<Objection> objections, DateTimeOffset now)
    {
        if (Status != DealStatus.ResultPublicity)
        {
            return WrongState();
        }

        if (now < ResultPublicityEndsAt)
        {
            return TradingErrors.PublicityNotOver();
        }

        if (objections.Any(o => o.IsOpen))
        {
            return TradingErrors.ObjectionOpen();
        }

        if (objections.Any(o => o.Upheld == true))
        {
            return TradingErrors.ObjectionUpheld();
        }

        if (string.IsNullOrWhiteSpace(terms.ContractNumber) || string.IsNullOrWhiteSpace(terms.ProtectionDuties) || string.IsNullOrWhiteSpace(terms.DefaultClauses))
        {
            return TradingErrors.ContractIncomplete();
        }

        if (terms.TermYears is < 1 or > 70)
        {
            return TradingErrors.ContractTermInvalid();
        }

        if (terms.PaymentSchedule.Count == 0 || terms.PaymentSchedule.Any(i => i.Amount.Fen <= 0))
        {
            return TradingErrors.PaymentScheduleInvalid(FinalPrice.ToString());
        }

        var total = terms.PaymentSchedule.Aggregate(Money.Zero, (s, i) => s + i.Amount);
        if (total != FinalPrice)
        {
            return TradingErrors.PaymentScheduleInvalid(FinalPrice.ToString());
        }

        return Move(DealStatus.Contracted, TradingEvents.ContractSigned, terms.ContractNumber, () =>
        {
            ContractNumber = terms.ContractNumber.Trim();
            ContractTermYears = terms.TermYears;
            ProtectionDuties = terms.ProtectionDuties.Trim();
            DefaultClauses = terms.DefaultClauses.Trim();
            PaymentSchedule = [.. terms.PaymentSchedule.OrderBy(i => i.DueOn)];
            ContractSignedAt = now;
        });
    }

    /// <summary>报备 with one department; when water, DRC and finance all have it, the deal is filed.</summary>
    public Result File(FilingDepartment department, DateTimeOffset now)
    {
        if (Status != DealStatus.Contracted)
        {
            return WrongState();
        }

        var already = department switch
        {
            FilingDepartment.Water => FiledWithWaterAt,
            FilingDepartment.DevelopmentReform => FiledWithDevelopmentReformAt,
            FilingDepartment.Finance => FiledWithFinanceAt,
            _ => throw new ArgumentOutOfRangeException(nameof(department)),
        };
        if (already is not null)
        {
            return TradingErrors.AlreadyFiled(department.ToString());
        }

        switch (department)
        {
            case FilingDepartment.Water:
                FiledWithWaterAt = now;
                break;
            case FilingDepartment.DevelopmentReform:
                FiledWithDevelopmentReformAt = now;
                break;
            default:
                FiledWithFinanceAt = now;
                break;
        }

        if (FiledWithWaterAt is null || FiledWithDevelopmentReformAt is null || FiledWithFinanceAt is null)
        {
            changes.Add(new DealChange(TradingEvents.FiledWith, Status, Status, department.ToString()));
            return Result.Success();
        }

        return Move(DealStatus.Filed, TradingEvents.Filed, department.ToString(), () => { });
    }

    public Result IssueCertificate(string number) =>
        Move(DealStatus.Certified, TradingEvents.CertificateIssued, number, () => CertificateNumber = number);

    /// <summary>中止 by the competent authority, with a reason. Deposits are refunded by the handler.</summary>
    public Result Suspend(string reason)
    {
        if (string.IsNullOrWhiteSpace(reason))
        {
            return TradingErrors.ReasonRequired();
        }

        if (IsFinal || Status == DealStatus.Suspended)
        {
            return WrongState();
        }

        var from = Status;
        Status = DealStatus.Suspended;
        SuspendedFrom = from;
        SuspensionReason = reason.Trim();
        DueAt = null;
        changes.Add(new DealChange(TradingEvents.Suspended, from, Status, reason));
        return Result.Success();
    }

    /// <summary>
    /// 恢复: a deal suspended before listing resumes where it stopped. One suspended at or after listing had its deposits
    /// refunded, so it is listed again in a new round with a new publicity period (computed by the caller).
    /// </summary>
    public Result Resume(string reason, DateTimeOffset now, Func<Result<DateTimeOffset>> newPublicityEnd)
    {
        if (Status != DealStatus.Suspended)
        {
            return WrongState();
        }

        if (string.IsNullOrWhiteSpace(reason))
        {
            return TradingErrors.ReasonRequired();
        }

        var from = SuspendedFrom!.Value;
        DealStatus to;
        if (from < DealStatus.Listed)
        {
            to = from;
        }
        else
        {
            var end = newPublicityEnd();
            if (end.IsFailure)
            {
                return end.Error!;
            }

            to = DealStatus.Listed;
            Round++;
            ListedAt = now;
            PublicityEndsAt = end.Value;
            DueAt = end.Value;
            AuctionStartsAt = FreePeriodEndsAt = AuctionEndsAt = PriorityWindowEndsAt = ResultPublicityEndsAt = null;
            HighestBidderId = null;
            HighestAmount = Money.Zero;
            WinnerId = null;
            FinalPrice = Money.Zero;
            WonByPriorityRight = false;
            ContractNumber = null;
            ContractSignedAt = null;
            PaymentSchedule = [];
            FiledWithWaterAt = FiledWithDevelopmentReformAt = FiledWithFinanceAt = null;
        }

        Status = to;
        SuspendedFrom = null;
        SuspensionReason = null;
        changes.Add(new DealChange(TradingEvents.Resumed, DealStatus.Suspended, to, reason));
        return Result.Success();
    }

    /// <summary>终止 by the competent authority, with a reason; final.</summary>
    public Result Cancel(string reason)
    {
        if (string.IsNullOrWhiteSpace(reason))
        {
            return TradingErrors.ReasonRequired();
        }

        if (IsFinal)
        {
            return WrongState();
        }

        var from = Status;
        Status = DealStatus.Cancelled;
        CancellationReason = reason.Trim();
        DueAt = null;
        changes.Add(new DealChange(TradingEvents.Cancelled, from, Status, reason));
        return Result.Success();
    }

    internal void ClearChanges() => changes.Clear();

    private Result Award(Guid winner, Money price, bool byPriority, DateTimeOffset now) =>
        Move(DealStatus.ResultPublicity, byPriority ? TradingEvents.WonByPriorityRight : TradingEvents.Awarded, price.ToString(), () =>
        {
            WinnerId = winner;
            FinalPrice = price;
            WonByPriorityRight = byPriority;
            PriorityWindowEndsAt = byPriority ? now : PriorityWindowEndsAt;
            DueAt = null;
        });

    private Error WrongState() => TradingErrors.WrongState(Status.ToString());

    private Result Move(DealStatus to, string action, string? note, Action apply)
    {
        if (!Flow.TryGetValue(Status, out var next) || !next.Contains(to))
        {
            return WrongState();
        }

        var from = Status;
        apply();
        Status = to;
        changes.Add(new DealChange(action, from, to, note));
        return Result.Success();
    }
}

/// <summary>A state change waiting to be written to the deal's history and the outbox.</summary>
internal sealed record DealChange(string Action, DealStatus From, DealStatus To, string? Note);

public sealed record ListingTerms(Money ListingPrice, Money Deposit, Money Increment, int PublicityWorkingDays, int FreePeriodMinutes, int LimitedPeriodMinutes, int PriorityWindowMinutes, int ResultPublicityWorkingDays);

public sealed record ContractTerms(string ContractNumber, int TermYears, IReadOnlyList<Instalment> PaymentSchedule, string ProtectionDuties, string DefaultClauses);
