// The five-line library use: run with `npx tsx examples/library.ts`.
import { readFileSync } from 'node:fs';
import { createClassifier } from 'pos-suspension-classifier';

const classifier = createClassifier({ lang: 'en' }); // build once, reuse for every merchant
const result = await classifier.classify(JSON.parse(readFileSync('examples/cash-out-supermarket.json', 'utf8')));
for (const cause of result.causes) console.log(cause.rank, cause.id, cause.score, cause.confidence, cause.title);
console.log('What to do now:', result.causes[0]?.remediation);
