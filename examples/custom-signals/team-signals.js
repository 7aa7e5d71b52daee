// Custom signals of a risk team, loaded with `--signals examples/custom-signals/team-signals.js` or
// passed to `createClassifier({ customSignals })`. Each signal is pure: the validated case file and
// the built-in signals in, a finite number (or a boolean, for unit 'boolean') out.

/** Merchants this team has already judged and put on watch (merchant ids at the acquirer). */
const WATCHLIST = new Set(['M000500', 'M-7731']);

/** Single-sale limit assumed when the case file carries none (minor units): 50,000 CNY, a project estimate. */
const DEFAULT_LIMIT = 5_000_000;

/** @type {import('pos-suspension-classifier').CustomSignal[]} */
export default [
  {
    name: 'onTeamWatchlist',
    description: "The merchant is on the risk team's watchlist (judged before).",
    unit: 'boolean',
    compute: (caseFile) => WATCHLIST.has(caseFile.merchant.id),
  },
  {
    name: 'largestSaleVsLimit',
    description: 'Largest approved sale divided by the single-sale limit (merchant.singleSaleLimit, else 50,000 CNY).',
    unit: 'ratio',
    range: [0, 1_000_000],
    compute: (caseFile) => {
      const limit = caseFile.merchant.singleSaleLimit ?? DEFAULT_LIMIT;
      let largest = 0;
      for (const tx of caseFile.transactions) if (tx.status === 'approved' && tx.type === 'sale' && tx.amount > largest) largest = tx.amount;
      return Math.round((largest / limit) * 1e6) / 1e6;
    },
  },
];
