/** Writes a labelled case as JSON with one transaction or event per line: compact, yet easy to read and diff. */
import type { LabelledCase } from './generate.js';

/** Serializes a labelled case file (the label sits beside the case-file fields; the schema ignores it). */
export function serializeCase({ label, caseFile }: LabelledCase): string {
  const lines = [
    '{',
    `  "label": ${JSON.stringify(label)},`,
    `  "merchant": ${JSON.stringify(caseFile.merchant)},`,
    '  "transactions": [',
    caseFile.transactions.map((t) => `    ${JSON.stringify(t)}`).join(',\n'),
    '  ],',
    '  "events": [',
    caseFile.events.map((e) => `    ${JSON.stringify(e)}`).join(',\n'),
    '  ]',
    '}',
  ];
  return `${lines.filter((l) => l !== '').join('\n')}\n`;
}
