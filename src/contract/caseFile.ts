/**
 * The case file: one merchant, its recent transactions and events. Defined once here; the
 * TypeScript types and the published JSON Schema are both derived from these zod schemas.
 */
import { z } from 'zod';
import { containsPan } from '../text/cardNumber.js';
import { checkDate, checkTimestamp, DATE_ONLY, TIMESTAMP } from '../time/timestamp.js';
import { PAN_MESSAGE } from './screen.js';

/** Longest id, in characters. */
export const MAX_ID_LENGTH = 128;
/** Longest free text (notes, details), in characters. */
export const MAX_TEXT_LENGTH = 2000;
/** 10^13 minor units (100 billion CNY): larger than any real single card sale, small enough to sum safely. */
export const MAX_AMOUNT = 10_000_000_000_000;
/** An ISO 4217 currency code, upper case. */
export const CURRENCY_CODE = /^[A-Z]{3}$/;
/** A 4-digit merchant category code (ISO 18245). */
export const MCC_CODE = /^\d{4}$/;

const TIMESTAMP_FORM = 'expected an ISO 8601 timestamp, e.g. 2026-03-01T23:30:00+08:00, or 2026-03-01 23:30:00 for local time';
const OUT_OF_RANGE = 'is outside 1970–9999: a placeholder date such as 1900-01-01 or 0001-01-01? leave the field out instead';

/**
 * An ISO 8601 timestamp: with an offset or `Z` (`2026-03-01T23:30:00+08:00`, `…+0800`), or without one
 * (`2026-03-01 23:30:00`, `2026-03-01T23:30:00.120`), which is local time in `merchant.timezone`.
 * Years 1970–9999; hour 24 and leap seconds are refused.
 */
export const TimestampSchema = z
  .string({ error: 'expected an ISO 8601 timestamp string' })
  .max(64, { error: 'timestamp is too long' })
  .regex(TIMESTAMP, { error: TIMESTAMP_FORM, abort: true })
  .refine((text) => checkTimestamp(text) !== 'invalid', {
    error: 'is not a real date and time (month 1–12, day within the month, hour 0–23, minute and second 0–59, offset within ±18:00)',
    abort: true,
  })
  .refine((text) => checkTimestamp(text) === 'ok', { error: OUT_OF_RANGE })
  .meta({
    description: 'ISO 8601 timestamp; without an offset it is local time in merchant.timezone. Years 1970–9999.',
    examples: ['2026-03-01T23:30:00+08:00', '2026-03-01 23:30:00'],
  });

/** A timestamp, or a plain calendar date `YYYY-MM-DD` (a local day in the merchant's zone). */
export const DateOrTimestampSchema = z
  .string({ error: 'expected an ISO 8601 date or timestamp string' })
  .max(64, { error: 'date is too long' })
  .meta({ anyOf: [{ pattern: TIMESTAMP.source }, { pattern: DATE_ONLY.source }] })
  .refine((text) => checkTimestamp(text) !== 'invalid' || checkDate(text) !== 'invalid', {
    error: 'expected an ISO 8601 date (2026-03-01) or timestamp (2026-03-01T10:00:00+08:00, or 2026-03-01 10:00:00 for local time)',
    abort: true,
  })
  .refine((text) => checkTimestamp(text) === 'ok' || checkDate(text) === 'ok', { error: OUT_OF_RANGE });

const Id = z
  .string({ error: 'expected a string id' })
  .min(1, { error: 'must not be empty' })
  .max(MAX_ID_LENGTH, { error: `must be at most ${MAX_ID_LENGTH} characters` });

const Text = z.string({ error: 'expected a string' }).max(MAX_TEXT_LENGTH, {
  error: `must be at most ${MAX_TEXT_LENGTH} characters`,
});

/** Money in integer minor units (fen for CNY) of a transaction: zero allowed (verifications, zero-amount declines). */
const TransactionAmount = z
  .number({ error: 'expected a non-negative integer (minor units)' })
  .int({ error: 'expected a non-negative integer (minor units)' })
  .nonnegative({ error: 'expected a non-negative integer (minor units)' })
  .max(MAX_AMOUNT, { error: 'amount is implausibly large (over 10^13 minor units)' });

/** Money in integer minor units (fen for CNY), strictly positive. */
const Amount = z
  .number({ error: 'expected a positive integer (minor units)' })
  .int({ error: 'expected a positive integer (minor units)' })
  .positive({ error: 'expected a positive integer (minor units)' })
  .max(MAX_AMOUNT, { error: 'amount is implausibly large (over 10^13 minor units)' });

/** A geographic position in decimal degrees (WGS 84). */
export const LocationSchema = z.object({
  lat: z.number({ error: 'expected latitude in degrees, from -90 to 90' }).min(-90).max(90),
  lng: z.number({ error: 'expected longitude in degrees, from -180 to 180' }).min(-180).max(180),
});

/** An ISO 4217 currency code, upper case. */
const Currency = z
  .string({ error: 'expected an ISO 4217 currency code such as CNY' })
  .regex(CURRENCY_CODE, { error: 'expected an ISO 4217 currency code such as CNY' });

/** Graded measures an acquirer takes (暂停交易, 关闭贷记卡, 降低限额, 延迟结算, 冻结资金, 收回终端, 终止服务). */
export const MEASURES = [
  'transactions-suspended',
  'credit-cards-blocked',
  'limit-lowered',
  'settlement-delayed',
  'funds-frozen',
  'terminal-recalled',
  'service-terminated',
] as const;
/** One graded measure. */
export type Measure = (typeof MEASURES)[number];

/** Kinds of merchant: a person or micro merchant (个人 / 小微), a sole proprietorship (个体工商户), a company. */
export const MERCHANT_KINDS = ['individual', 'individual-business', 'company'] as const;

/** The merchant: identity, registration and status. */
export const MerchantSchema = z.object({
  id: Id.describe('Merchant id at the acquirer'),
  name: Text.max(200, { error: 'must be at most 200 characters' }).optional(),
  mcc: z
    .string({ error: 'expected a 4-digit MCC string' })
    .regex(MCC_CODE, { error: 'expected a 4-digit merchant category code (ISO 18245)' }),
  timezone: z
    .string({ error: 'expected an IANA time zone name such as Asia/Shanghai' })
    .min(1, { error: 'must not be empty' })
    .max(64, { error: 'must be at most 64 characters' })
    .default('Asia/Shanghai')
    .describe('IANA time zone; days are local days here'),
  currency: Currency.default('CNY').describe('Currency of all amounts in the case file'),
  location: LocationSchema.optional().describe('Registered business location'),
  singleSaleLimit: Amount.optional().describe('Single-sale limit agreed with the acquirer (minor units)'),
  largeAmountThreshold: Amount.optional().describe('A sale at or above this is large (minor units); overrides the default'),
  terminals: z.array(Id).max(10_000).optional().describe('Terminal ids registered to the merchant'),
  merchantNumbers: z
    .array(Id)
    .max(10_000)
    .optional()
    .describe("Other merchant numbers (商户编号) registered to this merchant besides its id, e.g. a chain's branches"),
  registeredAt: DateOrTimestampSchema.optional(),
  kyc: z
    .object({
      verified: z.boolean().optional(),
      documentsExpireAt: DateOrTimestampSchema.optional(),
    })
    .optional(),
  contract: z
    .object({
      status: z.enum(['active', 'expired', 'terminated'], { error: 'expected active, expired or terminated' }),
      endsAt: DateOrTimestampSchema.optional(),
    })
    .optional(),
  suspension: z
    .object({
      at: DateOrTimestampSchema.optional(),
      reasonCode: Id.optional(),
      note: Text.optional(),
      noticeId: Id.optional().describe("The acquirer's reference of the suspension notice"),
      measures: z
        .array(z.enum(MEASURES, { error: `expected one of ${MEASURES.join(', ')}` }))
        .max(MEASURES.length)
        .optional()
        .describe('What the acquirer did (graded measures), e.g. transactions-suspended, funds-frozen'),
    })
    .optional(),
  kind: z
    .enum(MERCHANT_KINDS, { error: `expected one of ${MERCHANT_KINDS.join(', ')}` })
    .optional()
    .describe('individual (个人 / 小微), individual-business (个体工商户) or company'),
  limits: z
    .object({
      perSale: Amount.optional().describe('Acquirer-set limit per sale (minor units)'),
      perDay: Amount.optional().describe('Acquirer-set limit per local day (minor units)'),
      perMonth: Amount.optional().describe('Acquirer-set limit per local calendar month (minor units)'),
    })
    .optional()
    .describe('Receiving limits the acquirer set for this merchant'),
});

/** A masked card number: six digits, 3–9 mask characters, four digits. */
export const MASKED_CARD = /^\d{6}[*xX•]{3,9}\d{4}$/;

/** The card used, identified only by a token (never the card number). */
export const CardSchema = z.object({
  token: Id.describe('Opaque card token; a full card number is refused'),
  kind: z.enum(['credit', 'debit', 'prepaid', 'unknown'], { error: 'expected credit, debit, prepaid or unknown' }).default('unknown'),
  masked: z
    .string({ error: 'expected a masked card number such as 622588******1234' })
    .regex(MASKED_CARD, { error: 'expected a masked card number: first six and last four digits, the rest masked (622588******1234)' })
    .optional()
    .describe('Masked card number, first six and last four digits (622588******1234)'),
});

/**
 * Transaction types: sales, refunds (退货) and voids (撤销), and pre-authorisations (预授权) with their
 * completion (预授权完成, the sale) and cancel (预授权撤销, releases the hold; not a refund).
 */
export const TRANSACTION_TYPES = ['sale', 'refund', 'void', 'preauth', 'preauth-completion', 'preauth-cancel'] as const;

/** One card-present transaction attempt at the merchant's terminals. */
export const TransactionSchema = z.object({
  id: Id,
  at: TimestampSchema,
  amount: TransactionAmount.describe('Minor units; 0 for a verification or a zero-amount decline (never counted as a sale)'),
  currency: Currency.optional().describe('Defaults to the merchant currency'),
  type: z
    .enum(TRANSACTION_TYPES, { error: `expected one of ${TRANSACTION_TYPES.join(', ')}` })
    .default('sale')
    .describe('sale (消费), refund (退货), void (撤销), preauth (预授权), preauth-completion (预授权完成), preauth-cancel (预授权撤销)'),
  status: z.enum(['approved', 'declined', 'reversed'], { error: 'expected approved, declined or reversed' }),
  responseCode: z
    .union([Id, z.number().int().nonnegative().transform(String)], { error: 'expected a response code string' })
    // Strings are screened before the schema; a number is screened here, written as the string it becomes.
    .refine((code) => !containsPan(code), { error: PAN_MESSAGE })
    .optional()
    .describe('Issuer / host response code (ISO 8583 such as "55", or a name such as "wrong_pin")'),
  card: CardSchema.optional(),
  entryMode: z
    .enum(['chip', 'contactless', 'swipe', 'keyed', 'fallback', 'qr'], {
      error: 'expected chip, contactless, swipe, keyed, fallback or qr',
    })
    .optional(),
  terminalId: Id.optional(),
  location: LocationSchema.optional(),
  refersTo: Id.optional().describe(
    'For a refund or void: the sale it reverses; for a pre-authorisation completion or cancel: the pre-authorisation',
  ),
  referenceNumber: Id.optional().describe('Retrieval reference number (参考号)'),
  authCode: Id.optional().describe('Authorisation code (授权码)'),
  voucherNumber: Id.optional().describe('Voucher / trace number (凭证号)'),
  merchantNumber: Id.optional().describe('The merchant number the transaction was actually sent under (商户编号)'),
  mcc: z
    .string({ error: 'expected a 4-digit MCC string' })
    .regex(MCC_CODE, { error: 'expected a 4-digit merchant category code (ISO 18245)' })
    .optional()
    .describe('The MCC the transaction was actually sent under'),
});

/** Event types a case file may carry. */
export const EVENT_TYPES = [
  'complaint',
  'chargeback',
  'security-incident',
  'regulatory-notice',
  'settlement-overdue',
  'contract-change',
  'kyc-notice',
  'settlement-failed',
  'fund-freeze',
  'law-enforcement-request',
] as const;

/** Something that happened to the merchant besides a transaction. */
export const EventSchema = z.object({
  type: z.enum(EVENT_TYPES, { error: `expected one of ${EVENT_TYPES.join(', ')}` }),
  at: TimestampSchema,
  transactionId: Id.optional(),
  amount: TransactionAmount.optional(),
  detail: Text.optional(),
});

/** The period the case covers. */
export const WindowSchema = z.object({ from: TimestampSchema, to: TimestampSchema });

/** The whole case file as callers send it. */
export const CaseFileSchema = z
  .object({
    merchant: MerchantSchema,
    window: WindowSchema.optional().describe(
      'Defaults to the span of the transactions, extended to the last event and the suspension date',
    ),
    transactions: z.array(TransactionSchema, { error: 'expected an array of transactions' }),
    events: z.array(EventSchema, { error: 'expected an array of events' }).default([]),
  })
  .meta({ title: 'pos-suspension-classifier case file' });

/** A case file as the caller writes it (optional fields optional). */
export type CaseFileInput = z.input<typeof CaseFileSchema>;
/** A validated case file with defaults applied and the window resolved. */
export type CaseFile = z.output<typeof CaseFileSchema> & { window: Window };
/** One transaction of a validated case file. */
export type Transaction = z.output<typeof TransactionSchema>;
/** One event of a validated case file. */
export type CaseEvent = z.output<typeof EventSchema>;
/** The merchant of a validated case file. */
export type Merchant = z.output<typeof MerchantSchema>;
/** The period a case covers. */
export type Window = z.output<typeof WindowSchema>;
/** A latitude/longitude pair. */
export type Location = z.output<typeof LocationSchema>;
