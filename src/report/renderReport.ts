/**
 * The analyst report: one self-contained HTML page (inline SVG, inline CSS, no scripts, no external
 * assets) showing a merchant's trading, the ranked causes with evidence in words, and the warnings.
 */
import { adviceFor } from '../advice/catalog.js';
import { evidenceInWords, formatMoney, formatPercent, formatSignalValue } from '../advice/evidenceWords.js';
import type { CaseFile } from '../contract/caseFile.js';
import { OptionsError } from '../contract/errors.js';
import type { Warning } from '../contract/result.js';
import { LANGS, type Lang, type Result } from '../contract/result.js';
import { strongestConditions } from '../engine/strongestConditions.js';
import { leavesOf } from '../rules/language.js';
import type { RulePack } from '../rules/schema.js';
import type { SignalOptions } from '../signals/options.js';
import { prepare } from '../signals/prepare.js';
import { maskPans } from '../text/cardNumber.js';
import { type DailyFacts, dailyFacts } from './dailyFacts.js';
import en from './data/en.json';
import zhCN from './data/zh-CN.json';
import { escapeXml, heatmap, timeChart } from './svg.js';

type ReportText = typeof en;
const TEXT: Readonly<Record<Lang, ReportText>> = { en, 'zh-CN': zhCN };

/** What the report is drawn from: a validated case, its result and the settings behind it (a `Classification`). */
export interface ReportInput {
  readonly caseFile: CaseFile;
  readonly result: Result;
  readonly settings: { readonly rulePack: RulePack; readonly signalOptions: Partial<SignalOptions> };
}

/** Text from the case file, safe to place in HTML: card numbers masked, markup escaped. */
const safe = (text: string): string => escapeXml(maskPans(text));

const COLORS = { bar: '#93c5fd', line: '#1d4ed8', large: '#dc2626', threshold: '#b45309', warn: '#7c3aed' };

/** The lowest threshold of an upward leaf on `signal` in the pack: the line a chart of it should show. */
function lowestThreshold(pack: RulePack, signal: string): number | undefined {
  let lowest: number | undefined;
  for (const leaf of pack.rules.flatMap((rule) => leavesOf(rule.conditions))) {
    if (leaf.fact === signal && typeof leaf.value === 'number' && leaf.operator.startsWith('greaterThan')) {
      lowest = lowest === undefined ? leaf.value : Math.min(lowest, leaf.value);
    }
  }
  return lowest;
}

const shortDate = (date: string) => date.slice(5);

function tradingCharts(facts: DailyFacts, text: ReportText, currency: string, declineThreshold: number | undefined): string[] {
  const x = facts.days.map(shortDate);
  const charts = [
    timeChart({
      title: text.dailySales,
      xLabels: x,
      series: [
        { label: text.saleCount, kind: 'bar', axis: 0, color: COLORS.bar, values: facts.saleCount },
        { label: text.saleAmount, kind: 'line', axis: 1, color: COLORS.line, values: facts.saleAmount },
        { label: text.largeSales, kind: 'dots', axis: 0, color: COLORS.large, values: facts.largeSaleCount },
      ],
      format: [(v) => String(Math.round(v)), (v) => formatMoney(Math.round(v / 100) * 100, currency).replace(/\.00$/, '')],
    }),
    timeChart({
      title: text.dailyDeclines,
      xLabels: x,
      series: [{ label: text.declineRate, kind: 'line', axis: 0, color: COLORS.line, values: facts.declineRate }],
      references:
        declineThreshold === undefined
          ? []
          : [{ label: `${text.threshold} ${formatPercent(declineThreshold)}`, axis: 0, value: declineThreshold, color: COLORS.threshold }],
      format: [formatPercent],
    }),
    heatmap({
      title: text.heatmap,
      rowLabels: text.weekdays,
      columnLabels: Array.from({ length: 24 }, (_, h) => String(h)),
      values: facts.weekdayHour,
    }),
  ];
  if (facts.maxDistanceKm) {
    charts.push(
      timeChart({
        title: text.distance,
        xLabels: x,
        series: [{ label: text.distanceLabel, kind: 'dots', axis: 0, color: COLORS.large, values: facts.maxDistanceKm }],
        format: [(v) => `${Math.round(v)}`],
      }),
    );
  }
  return charts;
}

function warningChart(w: Warning, text: ReportText, lang: Lang, currency: string): string {
  const last = w.series.length - 1;
  const ahead = w.daysToCrossing === null ? 0 : Math.min(13, Math.ceil(w.daysToCrossing / 7));
  const labels = [
    ...w.series.map((p) => shortDate(p.from)),
    ...Array.from({ length: ahead }, (_, k) => text.weeksAhead.replace('{n}', String(k + 1))),
  ];
  const values = [...w.series.map((p) => p.value), ...new Array<number | null>(ahead).fill(null)];
  // The projection starts from the last observed week and follows the Theil–Sen slope.
  const start = w.series[last]?.value ?? 0;
  const projection = labels.map((_, i) => (i < last ? null : start + w.slopePerWeek * (i - last)));
  const unitFormat = (v: number) => formatSignalValue(w.signal, v, lang, currency);
  return timeChart({
    title: `${adviceFor(w.cause, lang).title} · ${w.rule}`,
    xLabels: labels,
    series: [
      { label: text.weekly, kind: 'line', axis: 0, color: COLORS.line, values },
      { label: text.projection, kind: 'line', axis: 0, color: COLORS.warn, values: projection, dashed: true },
    ],
    references: [{ label: `${text.threshold} ${unitFormat(w.threshold)}`, axis: 0, value: w.threshold, color: COLORS.threshold }],
    format: [unitFormat],
    height: 220,
  });
}

/** Where the notice and the transactions disagree, and the measures taken with who can lift them. */
function noticeSections(result: Result, text: ReportText): string {
  const parts: string[] = [];
  if (result.conflicts.length > 0) {
    parts.push(`<h2>${escapeXml(text.conflicts)}</h2><ul>${result.conflicts.map((c) => `<li>${safe(c.message)}</li>`).join('')}</ul>`);
  }
  if (result.measures.length > 0) {
    const items = result.measures.map((m) => `<li><strong>${safe(m.title)}</strong>: ${safe(m.meaning)} ${safe(m.whoCanLift)}</li>`);
    parts.push(`<h2>${escapeXml(text.measures)}</h2><ul>${items.join('')}</ul>`);
  }
  return parts.join('\n');
}

const STYLE = `
html { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", "Helvetica Neue", Arial, sans-serif; color: #111; }
body { max-width: 900px; margin: 0 auto; padding: 24px; line-height: 1.5; }
h1 { font-size: 22px; margin: 0 0 8px; } h2 { font-size: 17px; margin: 28px 0 8px; border-bottom: 1px solid #ccc; padding-bottom: 4px; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: 2px 16px; margin: 0 0 12px; } dt { color: #555; } dd { margin: 0; }
svg { display: block; margin: 12px 0; max-width: 100%; height: auto; } svg .tick { font-size: 11px; fill: #555; } svg .title { font-size: 13px; font-weight: 600; } svg .ref { font-size: 11px; }
.cause { border: 1px solid #ddd; border-radius: 6px; padding: 8px 14px; margin: 10px 0; } .cause h3 { margin: 4px 0; font-size: 15px; }
.meta { color: #555; font-size: 13px; } ul { margin: 4px 0 4px 18px; padding: 0; }
`;

/**
 * Renders the analyst report of a classification as one self-contained HTML page: inline SVG charts
 * (daily sales and amount, daily decline rate with the rule's threshold, weekday × hour heatmap,
 * distance from home, each warned signal's weekly series with its projection), the ranked causes with
 * evidence in words, and the warnings.
 *
 * @param classification - from `classifier.classifyDetailed(caseFile)`.
 * @param lang - language of the page. Default: the result's.
 * @returns the HTML text (UTF-8), with no scripts and no external assets.
 * @example
 * ```ts
 * const html = analystReport(await classifier.classifyDetailed(caseFile), 'zh-CN');
 * writeFileSync('report.html', html);
 * ```
 */
export function analystReport(input: ReportInput, lang: Lang = input.result.lang): string {
  if (!LANGS.includes(lang)) throw new OptionsError([{ path: 'lang', message: `expected one of ${LANGS.join(', ')}` }]);
  const text = TEXT[lang];
  const { caseFile, result } = input;
  const currency = caseFile.merchant.currency;
  const facts = dailyFacts(prepare(caseFile, input.settings.signalOptions));
  const charts = tradingCharts(facts, text, currency, lowestThreshold(input.settings.rulePack, 'declineRate'));
  const merchant = caseFile.merchant;
  const causes =
    result.causes.length === 0
      ? `<p>${escapeXml(text.noCauses)}</p>`
      : result.causes
          .map((cause) => {
            const unique = strongestConditions(cause.evidence).map((c) =>
              c === 'stated' ? escapeXml(text.statedReason) : safe(evidenceInWords(c, lang, currency)),
            );
            return `<div class="cause"><h3>${cause.rank}. ${safe(cause.title)}</h3><div class="meta">${escapeXml(text.score)} ${cause.score.toFixed(2)} · ${escapeXml(text.confidence)} ${escapeXml(text.confidenceWords[cause.confidence])}</div><p>${safe(cause.summary)}</p><strong>${escapeXml(text.evidence)}</strong><ul>${unique.map((l) => `<li>${l}</li>`).join('')}</ul></div>`;
          })
          .join('\n');
  const warnings =
    result.warnings.length === 0
      ? `<p>${escapeXml(text.noWarnings)}</p>`
      : result.warnings
          .map((w) => {
            const crossing = w.projectedCrossing === null ? text.never : `${w.projectedCrossing} (${w.daysToCrossing} ${text.days})`;
            const now = w.series[w.series.length - 1]?.value ?? 0;
            const words = safe(
              evidenceInWords({ signal: w.signal, value: now, operator: w.operator, threshold: w.threshold }, lang, currency),
            );
            return `<div class="cause"><h3>${escapeXml(adviceFor(w.cause, lang).title)} · ${safe(w.rule)}</h3><p>${words}</p><div class="meta">${escapeXml(text.crossing)}: ${escapeXml(crossing)} · ${escapeXml(text.confidence)} ${escapeXml(text.confidenceWords[w.confidence])}</div>${warningChart(w, text, lang, currency)}</div>`;
          })
          .join('\n');
  return `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeXml(text.title)} · ${safe(merchant.name ?? merchant.id)}</title>
<style>${STYLE}</style>
</head>
<body>
<h1>${escapeXml(text.title)}</h1>
<dl><dt>${escapeXml(text.merchant)}</dt><dd>${safe(merchant.name ? `${merchant.name} (${merchant.id})` : merchant.id)}</dd><dt>${escapeXml(text.mcc)}</dt><dd>${safe(merchant.mcc)}</dd><dt>${escapeXml(text.window)}</dt><dd>${safe(facts.days[0] ?? '')} — ${safe(facts.days[facts.days.length - 1] ?? '')}</dd><dt>${escapeXml(text.generatedFrom)}</dt><dd>${safe(`${result.rulePack.name} ${result.rulePack.version}`)}</dd></dl>
${charts.join('\n')}
<h2>${escapeXml(text.causes)}</h2>
${causes}
${noticeSections(result, text)}
<h2>${escapeXml(text.warnings)}</h2>
${warnings}
</body>
</html>
`;
}
