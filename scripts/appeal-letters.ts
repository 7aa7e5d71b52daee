/**
 * Writes the example letters: docs/appeal-example.{zh-CN.md,en.html,zh-CN.html} (and the .png
 * screenshot when Chromium is installed), and one zh-CN letter per document kind in docs/appeals/.
 * Run: `npx tsx scripts/appeal-letters.ts`.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type AppealOptions, CAUSE_IDS, type CauseId, createClassifier, draftAppeal } from '../src/index.js';

const root = new URL('../', import.meta.url);
const fixtures = new URL('test/fixtures/', root);
const fixtureFor = (cause: string) => {
  const file = readdirSync(fixtures).find((f) => f.startsWith(`${cause}-1-`)) as string;
  return JSON.parse(readFileSync(new URL(file, fixtures), 'utf8'));
};

/** The example merchant: a 个体工商户 with its numbers and the acquirer's notice, as a real export carries them. */
function example(cause: CauseId) {
  const caseFile = fixtureFor(cause);
  caseFile.merchant.kind ??= 'individual-business';
  caseFile.merchant.suspension = {
    at: '2026-03-31',
    noticeId: 'FXTZ-2026-0331-017',
    measures: cause === 'fraud-related-freeze' ? ['transactions-suspended', 'funds-frozen'] : ['transactions-suspended'],
    ...caseFile.merchant.suspension,
  };
  caseFile.transactions.forEach((tx: Record<string, unknown>, i: number) => {
    tx.referenceNumber ??= String(608_000_000_000 + i);
    tx.voucherNumber ??= String(100_000 + i);
    if (tx.status === 'approved') tx.authCode ??= String(300_000 + ((i * 7919) % 600_000));
  });
  return caseFile;
}

const OPTIONS: AppealOptions = { addressee: '收单机构商户服务部', contact: '【待填写：联系人、电话】' };

async function letters(): Promise<void> {
  const out = new URL('docs/appeals/', root);
  mkdirSync(out, { recursive: true });
  const kinds = new Map<string, string>();
  for (const cause of CAUSE_IDS) {
    const classification = await createClassifier({ lang: 'zh-CN' }).classifyDetailed(example(cause));
    for (const stance of ['dispute', 'rectified', 'explain'] as const) {
      let draft: ReturnType<typeof draftAppeal>;
      try {
        draft = draftAppeal(classification, { ...OPTIONS, lang: 'zh-CN', cause, stance });
      } catch {
        continue; // a status cause takes only 'explain'
      }
      if (kinds.has(draft.kind)) continue;
      kinds.set(draft.kind, cause);
      writeFileSync(new URL(`${draft.kind}.zh-CN.md`, out), draft.markdown);
    }
  }
  const index = [...kinds.entries()].map(([kind, cause]) => `- [${kind}](${kind}.zh-CN.md) — ${cause}`).join('\n');
  writeFileSync(
    new URL('README.md', out),
    `# Example letters, one per document kind\n\nWritten by \`npx tsx scripts/appeal-letters.ts\` from the test fixtures (a 个体工商户 with made-up reference numbers). Each names the cause it was drawn from.\n\n${index}\n`,
  );
}

async function example1(): Promise<void> {
  const classification = await createClassifier({ lang: 'zh-CN' }).classifyDetailed(example('credit-card-cash-out'));
  const zh = draftAppeal(classification, { ...OPTIONS, lang: 'zh-CN' });
  const en = draftAppeal(classification, { lang: 'en', addressee: 'Merchant Services, the acquirer' });
  writeFileSync(new URL('docs/appeal-example.zh-CN.md', root), zh.markdown);
  writeFileSync(new URL('docs/appeal-example.zh-CN.html', root), zh.html);
  writeFileSync(new URL('docs/appeal-example.en.html', root), en.html);
  const chromium = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'].find((p) => existsSync(p));
  if (!chromium) {
    console.warn('no Chromium: docs/appeal-example.png not redrawn');
    return;
  }
  const work = mkdtempSync(join(tmpdir(), 'pos-appeal-'));
  execFileSync(
    chromium,
    [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--hide-scrollbars',
      '--no-first-run',
      `--user-data-dir=${join(work, 'profile')}`,
      `--screenshot=${new URL('docs/appeal-example.png', root).pathname}`,
      '--window-size=900,2400',
      new URL('docs/appeal-example.zh-CN.html', root).href,
    ],
    { stdio: 'ignore', timeout: 60_000 },
  );
}

await letters();
await example1();
