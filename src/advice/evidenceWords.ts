/**
 * Evidence in words for people: a signal's name in the reader's language and its value in the unit a
 * person reads (percentages, ¥ with separators, km, days), never a signal code or a raw ratio.
 */
import type { EvidenceCondition, Lang, Operator } from '../contract/result.js';
import { SIGNAL_CATALOG, type SignalName } from '../signals/catalog.js';
import en from './data/signal-names.en.json';
import zhCN from './data/signal-names.zh-CN.json';

const NAMES: Readonly<Record<Lang, Readonly<Record<string, string>>>> = { en, 'zh-CN': zhCN };

const OPERATOR_WORDS: Readonly<Record<Lang, Readonly<Record<Operator, string>>>> = {
  en: {
    equal: 'equal to',
    notEqual: 'not',
    lessThan: 'under',
    lessThanInclusive: 'at most',
    greaterThan: 'over',
    greaterThanInclusive: 'at least',
    in: 'one of',
    notIn: 'none of',
  },
  'zh-CN': {
    equal: '等于',
    notEqual: '不等于',
    lessThan: '低于',
    lessThanInclusive: '不高于',
    greaterThan: '高于',
    greaterThanInclusive: '不低于',
    in: '属于',
    notIn: '不属于',
  },
};

const UNIT_WORDS: Readonly<Record<Lang, { km: string; days: string; times: string; yes: string; no: string }>> = {
  en: { km: ' km', days: ' days', times: '×', yes: 'yes', no: 'no' },
  'zh-CN': { km: ' 公里', days: ' 天', times: ' 倍', yes: '是', no: '否' },
};

/**
 * The signal's name for people; an unknown (custom) signal keeps its own name.
 *
 * @example
 * ```ts
 * signalName('declineRate', 'zh-CN'); // '交易失败率'
 * ```
 */
export function signalName(signal: string, lang: Lang): string {
  return NAMES[lang][signal] ?? signal;
}

/** Money in minor units as people write it: `¥48,000.00` for CNY, `1,234.50 USD` otherwise. */
export function formatMoney(minorUnits: number, currency: string): string {
  const major = (minorUnits / 100).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  return currency === 'CNY' ? `¥${major}` : `${major} ${currency}`;
}

/** A share 0–1 as a percentage with one decimal (`0.0193` → `1.9%`). */
export function formatPercent(share: number): string {
  return `${(share * 100).toFixed(1)}%`;
}

/**
 * A signal's value in the unit its catalog entry gives (percent, ¥, km, days, ×).
 *
 * @example
 * ```ts
 * formatSignalValue('chargebackRatio', 0.0193, 'en'); // '1.9%'
 * formatSignalValue('saleAmount', 4_800_000, 'zh-CN'); // '¥48,000.00'
 * ```
 */
export function formatSignalValue(
  signal: string,
  value: number | boolean | string | readonly (number | string)[],
  lang: Lang,
  currency = 'CNY',
): string {
  const words = UNIT_WORDS[lang];
  if (Array.isArray(value)) return value.map((v) => formatSignalValue(signal, v, lang, currency)).join(lang === 'zh-CN' ? '、' : ', ');
  if (typeof value === 'boolean') return value ? words.yes : words.no;
  if (typeof value === 'string') return value;
  if (typeof value !== 'number') return String(value);
  const unit = SIGNAL_CATALOG[signal as SignalName]?.unit ?? '';
  if (unit.startsWith('share')) return formatPercent(value);
  if (unit === 'minor units') return formatMoney(value, currency);
  if (unit === 'km') return `${value.toFixed(1)}${words.km}`;
  if (unit === 'days') return `${Math.round(value)}${words.days}`;
  if (unit === 'ratio') return `${value.toFixed(1)}${words.times}`;
  return Number.isInteger(value) ? value.toLocaleString('en-US') : String(Math.round(value * 100) / 100);
}

/**
 * One evidence condition as a sentence for an analyst: `decline rate 31.0% (rule: at least 30.0%)`,
 * `交易失败率 31.0%（规则：不低于 30.0%）`.
 *
 * @example
 * ```ts
 * evidenceInWords({ signal: 'declineRate', value: 0.31, operator: 'greaterThanInclusive', threshold: 0.3 }, 'en');
 * // 'decline rate 31.0% (rule: at least 30.0%)'
 * ```
 */
export function evidenceInWords(condition: EvidenceCondition, lang: Lang, currency = 'CNY'): string {
  const name = signalName(condition.signal, lang);
  const value = formatSignalValue(condition.signal, condition.value, lang, currency);
  const threshold = formatSignalValue(condition.signal, condition.threshold, lang, currency);
  const operator = OPERATOR_WORDS[lang][condition.operator] ?? condition.operator;
  return lang === 'zh-CN' ? `${name} ${value}（规则：${operator} ${threshold}）` : `${name} ${value} (rule: ${operator} ${threshold})`;
}
