/**
 * The signal catalog: every signal's name, family, type, unit, possible range and exact definition.
 * It is the single source for the `Signals` type, rule-pack validation (facts must be signal names),
 * the rule-pack lint (thresholds inside the range) and `docs/signals.md` (generated from it).
 * "Sales" are approved sales and pre-authorisation completions (预授权完成) of a positive amount
 * inside the window unless a definition says otherwise (a pre-authorisation alone, a zero-amount
 * verification and a pre-authorisation cancel are not sales); "days" are local days in the merchant's
 * time zone. Every share of an empty set is 0.
 */

/** Signal families, one source file each. */
export type SignalFamily = 'amounts' | 'cashOut' | 'fabrication' | 'failures' | 'location' | 'conduct' | 'status' | 'acquirerRecords';

/** How one signal is described. */
export interface SignalSpec {
  readonly family: SignalFamily;
  readonly kind: 'number' | 'boolean';
  /** Unit of a number: count, minor units, share (0–1), ratio, days, km. */
  readonly unit: string;
  /** Least possible value (numbers). */
  readonly min?: number;
  /** Greatest possible value (numbers), when bounded. */
  readonly max?: number;
  /** Exact definition, including the value on an empty window. */
  readonly definition: string;
}

type NumberSpec<F extends SignalFamily> = SignalSpec & { readonly family: F; readonly kind: 'number' };
type FlagSpec<F extends SignalFamily> = SignalSpec & { readonly family: F; readonly kind: 'boolean' };

const count = <F extends SignalFamily>(family: F, definition: string): NumberSpec<F> => ({
  family,
  kind: 'number',
  unit: 'count',
  min: 0,
  definition,
});
const shareOf = <F extends SignalFamily>(family: F, definition: string): NumberSpec<F> => ({
  family,
  kind: 'number',
  unit: 'share (0–1)',
  min: 0,
  max: 1,
  definition,
});
const flag = <F extends SignalFamily>(family: F, definition: string): FlagSpec<F> => ({
  family,
  kind: 'boolean',
  unit: 'boolean',
  definition,
});
const measure = <F extends SignalFamily>(family: F, unit: string, definition: string, max?: number): NumberSpec<F> =>
  max === undefined ? { family, kind: 'number', unit, min: 0, definition } : { family, kind: 'number', unit, min: 0, max, definition };

/** Every signal. Names are public API: renaming one is a breaking change. */
export const SIGNAL_CATALOG = {
  // amounts
  saleCount: count('amounts', 'Approved sales in the window.'),
  saleAmount: measure('amounts', 'minor units', 'Sum of approved sale amounts.'),
  averageTicket: measure('amounts', 'minor units', 'saleAmount / saleCount; 0 with no sales.'),
  activeDays: count('amounts', 'Local days with at least one approved sale.'),
  largeSaleCount: count('amounts', 'Approved sales at or above the large-amount threshold.'),
  largeSaleShare: shareOf('amounts', 'largeSaleCount / saleCount.'),
  largeSalesMaxPerDay: count('amounts', 'Most large sales on one local day.'),
  largeSaleDays: count('amounts', 'Local days with at least one large sale.'),
  volumeSpikeRatio: measure(
    'amounts',
    'ratio',
    'Approved sale amount per day over the last `recentDays` local days of the window, divided by the amount per day over the earlier days. 1 when the earlier part is shorter than `minBaselineDays`; capped at 100 (also when the earlier amount is 0).',
    100,
  ),
  mccKnown: flag(
    'amounts',
    'The MCC is in the reference table (`src/signals/data/mcc-profiles.json`) and the currency is CNY, so MCC-relative signals are judged.',
  ),
  averageTicketVsMcc: measure(
    'amounts',
    'ratio',
    'averageTicket / the MCC typical ticket; 0 when the MCC is not known or there are no sales.',
  ),
  medianTicketVsMcc: measure(
    'amounts',
    'ratio',
    'Median approved sale amount / the MCC typical ticket; 0 when the MCC is not known or there are no sales.',
  ),
  mccOutlierSaleCount: count(
    'amounts',
    'Approved sales at or above `mccOutlierFactor` × the MCC typical ticket; 0 when the MCC is not known.',
  ),
  mccOutlierSaleShare: shareOf('amounts', 'mccOutlierSaleCount / saleCount.'),
  offHoursForMccShare: shareOf(
    'amounts',
    'Share of approved sales at night (`nightStartHour`–`nightEndHour`) when the MCC table marks the category as daytime-only; 0 for categories open at night and unknown MCCs.',
  ),
  outsideMccHoursShare: shareOf(
    'amounts',
    'Share of approved sales outside the usual trading hours of the MCC (`src/signals/data/mcc-hours.json`, local hours from `open` to `close`); 0 for categories that trade around the clock and MCCs the table does not list.',
  ),
  // cash-out shape
  roundAmountShare: shareOf('cashOut', 'Share of approved sales whose amount is a whole multiple of `roundAmountUnit` (100 CNY).'),
  nearLimitShare: shareOf(
    'cashOut',
    'Share of approved sales within `nearLimitBand` (1 %) below the merchant single-sale limit or a round limit (10,000 / 20,000 / 50,000 / 100,000 CNY), e.g. 9,999 CNY.',
  ),
  creditShare: shareOf('cashOut', 'Share of approved sales paid with a credit card.'),
  creditRoundShare: shareOf('cashOut', 'Share of approved sales that are credit-card sales of a round amount.'),
  sameCardMaxSalesPerDay: count('cashOut', 'Most approved sales by one card token on one local day.'),
  repeatCardDays: count('cashOut', 'Pairs of (card, local day) with at least `sameCardDailyRepeat` (3) approved sales.'),
  repeatCardSaleShare: shareOf(
    'cashOut',
    'Share of approved sales made by a card on a local day on which that card made at least `sameCardDailyRepeat` (3) approved sales.',
  ),
  heavyCardSaleShare: shareOf(
    'cashOut',
    'Share of approved sales made by a card on a local day on which that card made at least `heavyCardDailySales` (5) approved sales.',
  ),
  repeatCreditRoundDays: count(
    'cashOut',
    'Pairs of (credit card, local day) with at least `sameCardDailyRepeat` (3) approved sales, at least half of them round or just under a limit and at least `cashOutMinAmount` (1,000 CNY), counted for cards that show this on two or more days.',
  ),
  repeatCreditRoundNightDays: count('cashOut', 'The repeatCreditRoundDays pairs in which at least one of the sales was at night.'),
  nightSaleShare: shareOf('cashOut', 'Share of approved sales at local hours from `nightStartHour` (23:00) to `nightEndHour` (06:00).'),
  splitSaleClusters: count(
    'cashOut',
    'Disjoint clusters of at least `splitMinSales` (3) approved sales by one card within `splitWindowMinutes` (30) whose total reaches `splitSaleThreshold` (10,000 CNY, or a lower merchant single-sale limit).',
  ),
  nearLimitBandCreditShare: shareOf(
    'cashOut',
    'Share of approved sales that are credit-card sales within `nearLimitWideBand` (10 %) below a round limit (10,000 / 20,000 / 50,000 / 100,000 CNY) or the merchant single-sale limit (`merchant.singleSaleLimit`, `merchant.limits.perSale`) and large for the category (as returningLargeCreditCards): varied amounts such as 9,137 or 47,820 CNY.',
  ),
  nearLimitBandRepeatCards: count(
    'cashOut',
    'Credit cards with two or more approved sales in the band under a limit (as nearLimitBandCreditShare).',
  ),
  nearLimitBandRepeatSaleCount: count('cashOut', 'Approved sales in the band under a limit made by the nearLimitBandRepeatCards.'),
  returningLargeCreditCards: count(
    'cashOut',
    'Credit cards with a large ticket for the category (at least `largeTicketFactor` (5) × the MCC typical ticket and at least `cashOutMinAmount`; `largeTicketUnknownMcc` (5,000 CNY) when the MCC is not known) on at least `returningCardDays` (3) distinct local days.',
  ),
  returningLargeCreditValueShare: shareOf(
    'cashOut',
    'Share of the approved sale amount paid by the returningLargeCreditCards (all their sales).',
  ),
  topCreditCardsValueShare: shareOf(
    'cashOut',
    'Share of the approved sale amount paid by the five credit cards that paid the most: value concentration; 0 with no sales.',
  ),
  nightLargeSaleCount: count(
    'cashOut',
    'Approved sales at night (`nightStartHour`–`nightEndHour`) of a large ticket for the category (as returningLargeCreditCards), any card kind.',
  ),
  nightLargeReturningCards: count(
    'cashOut',
    'Cards with night-time large tickets (as nightLargeSaleCount) on two or more distinct local days.',
  ),
  nightLargeReturningSaleCount: count('cashOut', 'The night-time large tickets made by the nightLargeReturningCards.'),
  // fabrication
  cardCount: count('fabrication', 'Distinct card tokens among approved sales.'),
  distinctCardRatio: shareOf('fabrication', 'cardCount / approved sales that carry a card; 1 when none carries a card.'),
  topCardShare: shareOf(
    'fabrication',
    'Share of approved sales with a card made by the three most used cards; 0 when none carries a card.',
  ),
  intervalRegularity: shareOf(
    'fabrication',
    '1 − coefficient of variation of the gaps between consecutive approved sales that are under 6 hours apart, clipped to 0–1 (1 = machine-regular); 0 with fewer than 10 such gaps.',
  ),
  repeatedAmountShare: shareOf(
    'fabrication',
    'Share of approved sales whose amount equals the most frequent amount; 0 with fewer than 20 sales.',
  ),
  refundShare: shareOf(
    'fabrication',
    'Approved refunds and voids of a positive amount / saleCount, capped at 1; a pre-authorisation cancel (deposit released) is not a refund.',
  ),
  quickRefundShare: shareOf(
    'fabrication',
    'Approved refunds and voids made within `quickRefundHours` (24) of the sale they reverse (by `refersTo`, else the latest earlier sale with the same card and amount) / saleCount, capped at 1. In categories that take deposits as sales (`src/signals/data/deposit-mccs.json`: hotels, rental, hospitals), a refund of the full sale amount on a later local day is a deposit released and does not count.',
  ),
  keyedCardCount: count(
    'fabrication',
    'Cards with at least 3 approved sales, at least half of them keyed: the keyed-card cluster (a card number on file, not a card at the counter).',
  ),
  keyedCardSaleCount: count('fabrication', 'Approved sales made by the keyed-card cluster (all entry modes).'),
  keyedCardRepeatedAmountShare: shareOf(
    'fabrication',
    'Share of the keyed-card cluster sales whose amount the same card paid in another sale of the window (the same price points again and again); 0 without a cluster.',
  ),
  keyedCardQuickReversalShare: shareOf(
    'fabrication',
    'Share of the keyed-card cluster sales refunded or voided quickly (as quickRefundShare); 0 without a cluster.',
  ),
  keyedShare: shareOf('fabrication', 'Share of approved sales with entry mode `keyed`.'),
  fallbackShare: shareOf('fabrication', 'Share of approved sales with entry mode `fallback` (chip read failed, magnetic stripe used).'),
  // failures
  attemptCount: count(
    'failures',
    'Sale attempts in the window: approved or declined sales and pre-authorisations (zero amounts included), and declined completions; an approved completion is not a second attempt.',
  ),
  declineCount: count('failures', 'Declined sale attempts (sales, pre-authorisations and completions).'),
  declineRate: shareOf('failures', 'declineCount / attemptCount.'),
  outageDeclineCount: count(
    'failures',
    'Declines whose response code is in the issuer-unavailable or system-error family (e.g. 91, 96, 68, 98: the issuer or the network could not answer; `src/signals/data/response-codes.json`).',
  ),
  cardDeclineRate: shareOf(
    'failures',
    '(declineCount − outageDeclineCount) / (attemptCount − outageDeclineCount): the decline rate that the cards and the merchant caused, without outages.',
  ),
  cardTestingBursts: count(
    'failures',
    'Disjoint bursts in which at least `cardTestingCards` (5) distinct cards are declined within `cardTestingMinutes` (10) and declines are at least as many as approved sales in those minutes; outage declines (issuer-unavailable and system-error families) do not count.',
  ),
  suspiciousDeclineCount: count(
    'failures',
    'Declines whose response code is in a suspicious family: invalid card, PIN, expired card, fraud (lost, stolen, pick-up, restricted, suspected fraud) (`src/signals/data/response-codes.json`).',
  ),
  suspiciousDeclineShare: shareOf('failures', 'suspiciousDeclineCount / declineCount.'),
  declinedCardCount: count('failures', 'Distinct card tokens among declined attempts.'),
  // location & device
  locatedAttemptCount: count('location', 'Sale attempts that carry a location.'),
  longestFarDayRun: count(
    'location',
    'Longest run of consecutive trading days (local days with located sale attempts; days without any are skipped) on which more than half of the located attempts were more than `farDistanceKm` (50 km) from the registered location; 0 without a registered location.',
  ),
  farFromHomeShare: shareOf(
    'location',
    'Share of located sale attempts more than `farDistanceKm` (50 km) from the registered location; 0 without a registered location.',
  ),
  recentFarFromHomeShare: shareOf(
    'location',
    'The same share over the last `recentDays` (7) local days of the window only: where the terminal is now.',
  ),
  maxDistanceKm: measure('location', 'km', 'Greatest distance of a located sale attempt from the registered location; 0 without one.'),
  unknownTerminalCount: count('location', 'Sale attempts from a terminal id not in `merchant.terminals`; 0 when the list is not given.'),
  unknownTerminalShare: shareOf('location', 'unknownTerminalCount / sale attempts that carry a terminal id.'),
  // conduct events
  complaintCount: count('conduct', 'Complaint events in the window.'),
  chargebackCount: count('conduct', 'Chargeback events in the window.'),
  chargebackRatio: shareOf(
    'conduct',
    "chargebackCount / saleCount (the schemes' count ratio), capped at 1; 1 with chargebacks and no sales.",
  ),
  securityIncidentCount: count('conduct', 'Security-incident events in the window.'),
  regulatoryNoticeCount: count(
    'conduct',
    'Regulatory-notice events in the window, except routine ones (a notice to every merchant; `routine` in `src/signals/data/event-details.json`).',
  ),
  settlementOverdueCount: count(
    'conduct',
    'Settlement-overdue events in the window, except routine ones (a delay the detail says was settled the next day; `routine` in `src/signals/data/event-details.json`).',
  ),
  contractChangeCount: count(
    'conduct',
    'Contract-change events in the window, except routine ones (a renewal, a change with service unchanged, a reminder before the end date; `routine` in `src/signals/data/event-details.json`).',
  ),
  kycNoticeCount: count(
    'conduct',
    'KYC-notice events in the window, except routine ones (a reminder that documents will expire; `routine` in `src/signals/data/event-details.json`).',
  ),
  // status
  windowDays: measure('status', 'days', 'Length of the window in days (fractional).'),
  contractEnded: flag('status', 'Contract status is expired or terminated, or its end date is at or before the window end.'),
  daysSinceContractEnd: measure(
    'status',
    'days',
    'Whole days from the contract end date to the window end; 0 when it has not ended or has no date.',
  ),
  kycExpired: flag('status', 'The merchant documents expire at or before the window end.'),
  daysSinceKycExpiry: measure('status', 'days', 'Whole days from document expiry to the window end; 0 when not expired.'),
  kycUnverified: flag('status', 'The case file says the merchant is not verified (`kyc.verified: false`); a missing flag is not judged.'),
  dormantDays: measure(
    'status',
    'days',
    'Whole days from the last approved sale in the file (inside or before the window) to the window end; with no approved sale at all, from the registration date (else the window start).',
  ),
  mccUnderRectification: flag('status', 'The MCC is in a sector under rectification (`src/signals/data/rectification-mccs.json`).'),
  mccWholesale: flag(
    'status',
    'The MCC is a wholesale category (5000–5199, `wholesale` in `src/signals/data/mcc-profiles.json`): trade buyers return with large orders by the nature of the business.',
  ),
  // acquirer records: merchant numbers, limits, freezes, settlement failures, acquirer notices
  merchantNumberedSaleCount: count(
    'acquirerRecords',
    'Approved sales that carry `merchantNumber` (many exports omit it; those sales are not judged).',
  ),
  otherMerchantNumberSaleCount: count(
    'acquirerRecords',
    'Approved sales sent under a `merchantNumber` that is neither `merchant.id` nor in `merchant.merchantNumbers`.',
  ),
  otherMerchantNumberShare: shareOf(
    'acquirerRecords',
    'otherMerchantNumberSaleCount / merchantNumberedSaleCount; 0 when no sale carries a merchant number.',
  ),
  otherMerchantNumberCount: count(
    'acquirerRecords',
    'Distinct merchant numbers, not registered to the merchant, that approved sales were sent under.',
  ),
  mccTaggedSaleCount: count(
    'acquirerRecords',
    'Approved sales that carry the `mcc` they were sent under (many exports omit it; those sales are not judged).',
  ),
  otherMccSaleCount: count('acquirerRecords', 'Approved sales sent under an MCC other than `merchant.mcc`.'),
  otherMccShare: shareOf('acquirerRecords', 'otherMccSaleCount / mccTaggedSaleCount; 0 when no sale carries an MCC.'),
  microMerchant: flag(
    'acquirerRecords',
    '`merchant.kind` is `individual` (个人 / 小微) or `individual-business` (个体工商户); false when the kind is missing (not judged).',
  ),
  saleLimitExceededCount: count(
    'acquirerRecords',
    'Approved sales above `merchant.limits.perSale` (else `merchant.singleSaleLimit`); 0 without a per-sale limit.',
  ),
  dailyLimitExceededDays: count(
    'acquirerRecords',
    'Local days whose approved sale total exceeds `merchant.limits.perDay`; 0 without a daily limit.',
  ),
  monthlyLimitExceededMonths: count(
    'acquirerRecords',
    'Local calendar months whose approved sale total inside the window exceeds `merchant.limits.perMonth`; 0 without a monthly limit.',
  ),
  maxDayVsDailyLimit: measure(
    'acquirerRecords',
    'ratio',
    'Greatest approved sale total of one local day / `merchant.limits.perDay`; 0 without a daily limit or without sales.',
  ),
  maxMonthVsMonthlyLimit: measure(
    'acquirerRecords',
    'ratio',
    'Greatest approved sale total of one local calendar month inside the window / `merchant.limits.perMonth`; 0 without a monthly limit or without sales.',
  ),
  fundFreezeCount: count('acquirerRecords', 'Fund-freeze events in the window.'),
  lawEnforcementRequestCount: count(
    'acquirerRecords',
    'Law-enforcement-request events (协查 / 冻结 requests from police, procuratorate or court) in the window.',
  ),
  settlementFailedCount: count('acquirerRecords', 'Settlement-failed events in the window.'),
  settlementFailedDays: count(
    'acquirerRecords',
    'Local days with at least one settlement-failed event: a failure fixed by the next payout stays one day.',
  ),
  settlementAccountDefectCount: count(
    'acquirerRecords',
    'Settlement-failed events whose `detail` names a defect of the account itself: closed, reported lost, frozen, not in the merchant name, no such account (`src/signals/data/event-details.json`; negated mentions do not count).',
  ),
  acquirerExitNoticeCount: count(
    'acquirerRecords',
    'Contract-change or regulatory-notice events whose `detail` says the acquirer ends or changes the service for its own reasons: business adjustment, exit from acquiring, terminal model retired, licence change (`src/signals/data/event-details.json`).',
  ),
} as const satisfies Record<string, SignalSpec>;

/** A signal name, e.g. `'declineRate'`. */
export type SignalName = keyof typeof SIGNAL_CATALOG;

/** The computed signals of one case: a flat record of named numbers and booleans. */
export type Signals = {
  readonly [K in SignalName]: (typeof SIGNAL_CATALOG)[K]['kind'] extends 'boolean' ? boolean : number;
};

/** The signals of one family. */
export type FamilySignals<F extends SignalFamily> = {
  [K in SignalName as (typeof SIGNAL_CATALOG)[K]['family'] extends F ? K : never]: Signals[K];
};

/** All signal names, in catalog order. */
export const SIGNAL_NAMES = Object.keys(SIGNAL_CATALOG) as readonly SignalName[];
