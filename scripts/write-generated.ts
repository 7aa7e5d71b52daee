/** Writes docs/signals.md, docs/sources.md and schema/case-file.schema.json. Run: npm run generate */
import { mkdirSync, writeFileSync } from 'node:fs';
import { renderCaseFileSchema, renderSignalsDoc, renderSourcesDoc } from './generated.js';

mkdirSync(new URL('../docs/', import.meta.url), { recursive: true });
mkdirSync(new URL('../schema/', import.meta.url), { recursive: true });
writeFileSync(new URL('../docs/signals.md', import.meta.url), renderSignalsDoc());
writeFileSync(new URL('../schema/case-file.schema.json', import.meta.url), renderCaseFileSchema());
writeFileSync(new URL('../docs/sources.md', import.meta.url), renderSourcesDoc());
console.log('wrote docs/signals.md, docs/sources.md and schema/case-file.schema.json');
