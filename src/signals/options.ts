/**
 * Thresholds the signals depend on. Merchant-specific ones can also come from the case file
 * (`merchant.largeAmountThreshold`, `merchant.singleSaleLimit`), which wins over these options.
 */
export interface SignalOptions {
  /** A sale at or above this is large, in minor units. Default 5,000,000 (50,000 CNY, the single-sale level acquirers commonly review). */
  readonly largeAmountThreshold: number;
  /** Amounts that are whole multiples of this are "round", in minor units. Default 10,000 (100 CNY). */
  readonly roundAmountUnit: number;
  /** Round limits a sale can sit "just under", in minor units. Default 10,000 / 20,000 / 50,000 / 100,000 CNY. */
  readonly roundLimits: readonly number[];
  /** How far below a limit still counts as "just under", as a fraction of the limit. Default 0.01 (1 %). */
  readonly nearLimitBand: number;
  /** How far below a limit counts as "in the band under it" for varied cash-out amounts, as a fraction of the limit. Default 0.1 (90–99.99 %). */
  readonly nearLimitWideBand: number;
  /** First local hour of the night (inclusive). Default 23. */
  readonly nightStartHour: number;
  /** First local hour after the night (exclusive end). Default 6. */
  readonly nightEndHour: number;
  /** Least amount of a round or near-limit sale counted in a cash-out repeat, in minor units. Default 100,000 (1,000 CNY): smaller sums are not worth a cash-out fee. */
  readonly cashOutMinAmount: number;
  /** A sale this many times the MCC's typical ticket (and at least `cashOutMinAmount`) is a large ticket for the category. Default 5. */
  readonly largeTicketFactor: number;
  /** The large ticket when the MCC is not in the table, in minor units. Default 500,000 (5,000 CNY). */
  readonly largeTicketUnknownMcc: number;
  /** A credit card with large tickets on this many distinct local days or more is returning. Default 3. */
  readonly returningCardDays: number;
  /** Sales by one card on one local day at or above this count are a repeat. Default 3 (regulars paying twice a day stay clean). */
  readonly sameCardDailyRepeat: number;
  /** Sales by one card on one local day at or above this count are heavy use: no regular pays that often. Default 5. */
  readonly heavyCardDailySales: number;
  /** Window of a split sale cluster, in minutes. Default 30. */
  readonly splitWindowMinutes: number;
  /** Least sales in a split cluster. Default 3. */
  readonly splitMinSales: number;
  /** Least total of a split cluster, in minor units; a lower merchant single-sale limit wins. Default 1,000,000 (10,000 CNY). */
  readonly splitSaleThreshold: number;
  /** Window of a card-testing burst, in minutes. Default 10. */
  readonly cardTestingMinutes: number;
  /** Least distinct declined cards in a card-testing burst. Default 5. */
  readonly cardTestingCards: number;
  /** A refund or void this soon after its sale is quick, in hours. Default 24. */
  readonly quickRefundHours: number;
  /** Distance from the registered location that counts as far, in km. Default 50. */
  readonly farDistanceKm: number;
  /** Last days of the window compared with the earlier days for a volume spike. Default 7. */
  readonly recentDays: number;
  /** Least earlier days needed before a spike is judged. Default 7. */
  readonly minBaselineDays: number;
  /** A sale this many times the MCC's typical ticket or more is an MCC outlier. Default 10. */
  readonly mccOutlierFactor: number;
}

/** The documented defaults. */
export const DEFAULT_SIGNAL_OPTIONS: SignalOptions = Object.freeze({
  largeAmountThreshold: 5_000_000,
  roundAmountUnit: 10_000,
  roundLimits: Object.freeze([1_000_000, 2_000_000, 5_000_000, 10_000_000]),
  nearLimitBand: 0.01,
  nearLimitWideBand: 0.1,
  nightStartHour: 23,
  nightEndHour: 6,
  cashOutMinAmount: 100_000,
  largeTicketFactor: 5,
  largeTicketUnknownMcc: 500_000,
  returningCardDays: 3,
  sameCardDailyRepeat: 3,
  heavyCardDailySales: 5,
  splitWindowMinutes: 30,
  splitMinSales: 3,
  splitSaleThreshold: 1_000_000,
  cardTestingMinutes: 10,
  cardTestingCards: 5,
  quickRefundHours: 24,
  farDistanceKm: 50,
  recentDays: 7,
  minBaselineDays: 7,
  mccOutlierFactor: 10,
});
