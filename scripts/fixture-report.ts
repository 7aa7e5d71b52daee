/**
 * Prints a table of every fixture: label, top-ranked cause and its score, and the other causes.
 * Run: npx tsx scripts/fixture-report.ts
 */
import { readdirSync, readFileSync } from 'node:fs';
import { createClassifier } from '../src/index.js';

const dir = new URL('../test/fixtures/', import.meta.url);
const classifier = createClassifier();
console.log('| fixture | label | top cause | score | others |\n|---|---|---|---|---|');
for (const file of readdirSync(dir)
  .filter((f) => f.endsWith('.json'))
  .sort()) {
  const json = JSON.parse(readFileSync(new URL(file, dir), 'utf8'));
  const result = classifier.classifySync(json);
  const [top, ...rest] = result.causes;
  const others = rest.map((c) => `${c.id} ${c.score}`).join(', ');
  console.log(
    `| ${file.replace('.json', '')} | ${json.label.expected ?? '(none)'} | ${top?.id ?? '(none)'} | ${top?.score ?? ''} | ${others} |`,
  );
}
