/**
 * `npm run bench`: every benchmark of Relance at 1×, 10× and 100× a big shop (1,000, 10,000 and
 * 100,000 invoices of tests/bench/shop.ts, the one generator), printed as ONE table and written to
 * docs/benchmarks.md with the machine it ran on.
 *
 *   node tests/bench/run.mjs [--sizes 1,10,100] [--only node|browser] [--no-docs] [--build]
 *
 * 1. The pure functions in Node: `vitest bench --run --outputJson` over tests/bench/*.bench.ts
 *    (import parsing, planner, ledger summary, dashboard metrics, letters), each group
 *    "<measure> | <factor>×" with its anchor as first bench; the medians are read back from the JSON.
 * 2. The browser: the built renderer in Chromium against a web host this script starts (free port,
 *    never 47811, temporary data folder). Per size, in a fresh browser context: import of the shop's
 *    CSV through the wizard (anchor: a raw IndexedDB put of the same invoices and payments), the
 *    shop's history added, scroll of the invoice list, cold start to an interactive Today and the
 *    renderer's memory there, the dashboard opened directly. Anchors: the demo shop (~430 invoices).
 *
 * A missed target never fails the command: the table says it. The run stops measuring after 25
 * minutes and writes what it has.
 */
import { execSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import {
  CONTEXT,
  LAUNCH,
  addHistory,
  freePort,
  measureDashboard,
  measureImport,
  measureRawInsert,
  measureScroll,
  measureStartAndMemory,
  waitForStartupCache,
  openApp,
  startHost,
  stopHost,
} from './browser/measures.mjs';
import { loadShopModule } from './browser/load-shop.mjs';

const args = process.argv.slice(2);
const argValue = (name) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const SIZES = (argValue('--sizes') ?? process.env.RELANCE_BENCH_SIZES ?? '1,10,100').split(',').map(Number);
for (const size of SIZES) if (![1, 10, 100].includes(size)) throw new Error(`--sizes: ${size} is not one of 1, 10, 100`);
const INVOICES = { 1: 1_000, 10: 10_000, 100: 100_000 };
const ONLY = argValue('--only');
const WRITE_DOCS = !args.includes('--no-docs');
const FORCE_BUILD = args.includes('--build');
const RUN_LIMIT_MS = 25 * 60_000;
const started = Date.now();
const log = (message) => console.log(`[bench ${((Date.now() - started) / 1000).toFixed(0)} s] ${message}`);
const late = () => Date.now() - started > RUN_LIMIT_MS;

const ms = (value) => (value === undefined ? '—' : value >= 10_000 ? `${(value / 1000).toFixed(1)} s` : value >= 10 ? `${Math.round(value)} ms` : `${value.toFixed(2)} ms`);
const mb = (bytes) => (bytes === undefined ? '—' : `${Math.round(bytes / 2 ** 20)} MB`);
const int = (value) => Math.round(value).toLocaleString('en');
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

// ---------------------------------------------------------------------------------------------------
// 1. Vitest benches

/** Runs vitest bench on the sizes and returns { '<measure>': { <factor>: { anchor, subject, ...} } }. */
async function nodeBenches(work, notesFile) {
  const json = join(work, 'vitest-bench.json');
  log(`vitest bench at ${SIZES.join('×, ')}× (tests/bench/*.bench.ts)`);
  const code = await new Promise((resolveRun) => {
    const child = spawn('npx', ['vitest', 'bench', '--run', '--outputJson', json], {
      // NODE_ENV=production: React's production build, as the app runs it (the letters are laid
      // out by react-pdf in worker threads started with it; the other benches use no React).
      env: { ...process.env, NODE_ENV: 'production', RELANCE_BENCH_SIZES: SIZES.join(','), RELANCE_BENCH_NOTES: notesFile },
      stdio: 'inherit',
    });
    child.on('exit', resolveRun);
  });
  if (!existsSync(json)) throw new Error(`vitest bench exited with ${code} and wrote no results`);
  const results = {};
  for (const file of JSON.parse(readFileSync(json, 'utf8')).files) {
    for (const group of file.groups) {
      const match = / > (.+) \| (\d+)×$/.exec(group.fullName);
      if (!match) continue;
      const [anchor, subject] = group.benchmarks;
      (results[match[1]] ??= {})[Number(match[2])] = {
        anchorName: anchor.name.replace(/^anchor: /, ''),
        anchor: anchor.median,
        subjectName: subject.name,
        subject: subject.median,
        samples: subject.sampleCount,
      };
    }
  }
  return results;
}

// ---------------------------------------------------------------------------------------------------
// 2. Browser

async function browserBenches(r) {
  if (FORCE_BUILD || !existsSync('out/renderer/index.html') || !existsSync('out/main/web-host.js')) {
    log('building (npx electron-vite build)');
    execSync('npx electron-vite build', { stdio: 'inherit' });
  }
  r.builtAt = statSync('out/renderer/index.html').mtime.toISOString().replace('T', ' ').slice(0, 16) + ' UTC';
  log(`measuring the build in out/ (${r.builtAt}); --build rebuilds it first`);
  const shops = await loadShopModule();
  const work = mkdtempSync(join(tmpdir(), 'relance-bench-'));
  const host = await startHost(join(work, 'data'), await freePort(), randomBytes(24).toString('base64url'));
  const browser = await chromium.launch(LAUNCH);
  r.chromium = browser.version();
  try {
    // The anchors: the demo shop, in its own context (own IndexedDB).
    const demoContext = await browser.newContext(CONTEXT);
    const demoPage = await demoContext.newPage();
    await openApp(demoPage, host.url);
    await demoPage.getByRole('button', { name: 'Charger les données de démonstration' }).first().click();
    await demoPage.getByText(/Données de démonstration chargées/).waitFor();
    await demoPage.getByRole('navigation').getByRole('link', { name: 'Factures' }).click();
    await demoPage.getByRole('table', { name: 'Liste des factures' }).waitFor();
    r.demo = { invoices: Number(await demoPage.getByRole('table', { name: 'Liste des factures' }).getAttribute('aria-rowcount')) - 1 };
    r.demo.scroll = await measureScroll(demoPage);
    await demoPage.close();
    const demoStarts = [];
    for (let i = 0; i < 3; i += 1) demoStarts.push(await measureStartAndMemory(browser, demoContext, host.url));
    r.demo.start = median(demoStarts.map((s) => s.startMs));
    r.demo.memory = demoStarts[demoStarts.length - 1];
    r.demo.dashboard = await measureDashboard(demoContext, host.url);
    await demoContext.close();
    log(`demo (${r.demo.invoices} invoices): scroll longest task ${ms(r.demo.scroll.maxMs)}, start ${ms(r.demo.start)}, heap ${mb(r.demo.memory.heapUsedBytes)}, dashboard ${ms(r.demo.dashboard)}`);

    r.browser = {};
    for (const factor of SIZES) {
      if (late()) break;
      const at = (r.browser[factor] = {});
      const shop = shops.shopAt(factor);
      const csv = shops.toFrenchCsv(shop);
      const csvPath = join(work, `factures-${factor}.csv`);
      writeFileSync(csvPath, csv.text);
      log(`${factor}×: ${int(csv.rows)} invoices of ${int(shop.customers.length)} customers (${(csv.text.length / 1e6).toFixed(1)} MB)`);
      const context = await browser.newContext(CONTEXT);
      // A measure that fails (a time-out on a loaded machine) is noted and the run goes on.
      const attempt = async (name, measure) => {
        try {
          return await measure();
        } catch (error) {
          const message = `${factor}×: ${name} not measured: ${String(error?.message ?? error).split('\n')[0]}`;
          log(message);
          (r.errors ??= []).push(message);
          return undefined;
        }
      };
      const page = await context.newPage();
      page.on('pageerror', (error) => log(`page error: ${error.message}`));
      at.imported = await attempt('import', () => measureImport(page, host.url, csvPath, csv.rows));
      if (!at.imported) {
        await context.close();
        continue;
      }
      log(`${factor}×: parse + check ${ms(at.imported.parseMs)}, import ${ms(at.imported.importMs)} — ${at.imported.statusText}`);
      // Anchor: as many invoices and payments as the import wrote, raw; the fastest of two below 100×.
      const raws = [];
      for (let i = 0; i < (factor === 100 ? 1 : 2); i += 1) {
        const raw = await attempt('raw put anchor', () => measureRawInsert(page, csv.rows, { payments: at.imported.records.payments ?? 0 }));
        if (raw !== undefined) raws.push(raw);
      }
      at.raw = raws.length ? Math.min(...raws) : undefined;
      const byName = new Map(shop.customers.map((c) => [c.id, c.name]));
      const byId = new Map(shop.invoices.map((i) => [i.id, i.number]));
      const named = (records) => records.map(({ customerId, invoiceIds, ...rest }) => ({ ...rest, customerName: byName.get(customerId), invoiceNumbers: invoiceIds.map((id) => byId.get(id)) }));
      at.history = await attempt('history', () => addHistory(page, { interactions: named(shop.interactions), promises: named(shop.promises), paymentPlans: named(shop.paymentPlans) }));
      log(`${factor}×: raw put anchor ${ms(at.raw)}; history added ${JSON.stringify(at.history)}`);
      at.scroll = await attempt('scroll', async () => {
        // The reload reads the whole ledger again (with the history): minutes at 100× on a loaded machine.
        await page.goto(host.url + '#/invoices');
        await page.getByRole('table', { name: 'Liste des factures' }).waitFor({ timeout: 300_000 });
        return measureScroll(page);
      });
      // The session ends as a normal one does, with its start-up copy written (what the next start reads).
      at.cacheWaitMs = await attempt('start-up copy', () => waitForStartupCache(page));
      await page.close();
      if (at.scroll) log(`${factor}×: scroll longest task ${ms(at.scroll.maxMs)} (${at.scroll.count} long tasks, ${at.scroll.steps} steps)`);
      const starts = [];
      const first = await attempt('cold start', () => measureStartAndMemory(browser, context, host.url));
      if (first) {
        starts.push(first);
        while (starts.length < 3 && first.startMs < 5_000) starts.push(await measureStartAndMemory(browser, context, host.url));
        at.start = median(starts.map((s) => s.startMs));
        at.starts = starts.map((s) => s.startMs);
        at.memory = starts[starts.length - 1];
        log(`${factor}×: cold start ${at.starts.map(ms).join(', ')}; heap ${mb(at.memory.heapUsedBytes)}, renderer RSS ${mb(at.memory.rendererRssBytes)}`);
      }
      at.dashboard = await attempt('dashboard', () => measureDashboard(context, host.url));
      if (at.dashboard !== undefined) log(`${factor}×: dashboard ${ms(at.dashboard)}`);
      await context.close();
    }
  } finally {
    await browser.close().catch(() => {});
    await stopHost(host.child);
    rmSync(work, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------------------------------------------
// 3. The table

const MEASURES = [
  { id: 'import-parse', title: 'Import: parse + check the CSV (Node)', target: null },
  { id: 'planner', title: 'Planner: follow-ups of the whole ledger (Node)', target: { at: 100, below: 100, text: '< 100 ms at 100×' } },
  { id: 'ledger-summary', title: 'Ledger summary: statuses and customer totals (Node)', target: null },
  { id: 'metrics', title: 'Dashboard metrics, all six (Node)', target: { at: 100, below: 150, text: '< 150 ms at 100×' } },
  { id: 'letters', title: 'Letters: 1 formal notice per 1,000 invoices → one PDF (Node)', target: { at: 100, below: 3_000, text: '100 notices < 3 s' } },
  { id: 'letters-flow', title: 'Print today’s letters as the app does: 100 notices each archived alone on 2 worker threads, then merged (Node, built worker)', target: { at: 100, below: 3_000, text: '100 notices < 3 s' } },
];

const growth = (values) => {
  const sizes = SIZES.filter((f) => values[f] !== undefined);
  if (sizes.length < 2) return '—';
  const [a, b] = [sizes[0], sizes[sizes.length - 1]];
  return values[a] > 0 ? `×${(values[b] / values[a]).toFixed(1)} (size ×${b / a})` : '—';
};

/** Met at the size the target names, else at the largest size measured (and says which). */
function met(values, target) {
  if (!target) return '';
  const measured = SIZES.filter((f) => values[f] !== undefined);
  if (!measured.length) return '';
  const at = measured.includes(target.at) ? target.at : measured.at(-1);
  const value = values[at];
  const ok = target.ratio !== undefined ? value <= target.ratio : value < target.below;
  return `${ok ? 'yes' : 'no'}${at === target.at ? '' : ` (at ${at}×)`}`;
}

function row(title, values, format, anchorText, ratios, target) {
  return {
    measure: title,
    ...Object.fromEntries(SIZES.map((f) => [`s${f}`, values[f] === undefined ? '—' : format(values[f])])),
    growth: growth(values),
    anchor: anchorText,
    ratio: SIZES.map((f) => (ratios[f] === undefined ? '—' : `${ratios[f].toFixed(1)}×`)).join(' / '),
    target: target?.text ?? '(info)',
    met: met(target?.ratio !== undefined ? ratios : values, target),
  };
}

function tableRows(r) {
  const rows = [];
  const largest = Math.max(...SIZES);
  for (const measure of MEASURES) {
    const bySize = r.node?.[measure.id];
    if (!bySize) continue;
    const values = Object.fromEntries(Object.entries(bySize).map(([f, v]) => [f, v.subject]));
    const ratios = Object.fromEntries(Object.entries(bySize).map(([f, v]) => [f, v.subject / v.anchor]));
    const top = bySize[largest] ?? Object.values(bySize).at(-1);
    rows.push(row(`${measure.title}: ${top.subjectName}`, values, ms, `${top.anchorName}: ${ms(top.anchor)} at ${largest}×`, ratios, measure.target));
  }
  const b = r.browser ?? {};
  const pick = (get) => Object.fromEntries(Object.entries(b).map(([f, at]) => [f, get(at)]).filter(([, v]) => v !== undefined));
  if (r.demo) {
    const imports = pick((at) => at.imported?.importMs);
    const raws = pick((at) => at.raw);
    rows.push(
      row('Import through the wizard, "Importer" → "Import terminé" (browser)', imports, ms,
        `raw IndexedDB put of the same invoices and payments: ${ms(raws[largest])} at ${largest}×`,
        Object.fromEntries(Object.keys(imports).map((f) => [f, imports[f] / raws[f]])),
        { at: 100, ratio: 2, text: '≤ 2× the anchor' }),
    );
    rows.push(row('Import: parse + check in the wizard, file chosen → columns (browser)', pick((at) => at.imported?.parseMs), ms, '—', {}, null));
    const demoRatio = (values, demo) => Object.fromEntries(Object.entries(values).map(([f, v]) => [f, demo > 0 ? v / demo : undefined]).filter(([, v]) => v !== undefined));
    const scroll = pick((at) => at.scroll?.maxMs);
    rows.push(row('Scroll the invoice list top → bottom: longest task (browser)', scroll, ms, `demo, ${r.demo.invoices} invoices: ${ms(r.demo.scroll.maxMs)}`, demoRatio(scroll, r.demo.scroll.maxMs), { at: 100, below: 50, text: '< 50 ms' }));
    const start = pick((at) => at.start);
    rows.push(row('Cold start to an interactive Today (browser)', start, ms, `demo: ${ms(r.demo.start)}`, demoRatio(start, r.demo.start), { at: 100, below: 1_500, text: '< 1.5 s at 100×' }));
    const heap = pick((at) => at.memory?.heapUsedBytes);
    rows.push(row('Renderer memory on Today: JS heap used after GC (CDP)', heap, mb, `demo: ${mb(r.demo.memory.heapUsedBytes)}`, demoRatio(heap, r.demo.memory.heapUsedBytes), { at: 100, below: 300 * 2 ** 20, text: '< 300 MB at 100×' }));
    const rss = pick((at) => at.memory?.rendererRssBytes);
    rows.push(row('Renderer memory on Today: resident (RSS of the renderer process)', rss, mb, `demo: ${mb(r.demo.memory.rendererRssBytes)}`, demoRatio(rss, r.demo.memory.rendererRssBytes), null));
    const dashboard = pick((at) => at.dashboard);
    rows.push(row('Dashboard opened directly, to the aging chart and top 10 (browser)', dashboard, ms, `demo: ${ms(r.demo.dashboard)}`, demoRatio(dashboard, r.demo.dashboard), { at: 100, below: 1_000, text: '< 1 s' }));
  }
  return rows;
}

const COLUMNS = () => [
  ['measure', 'Measure'],
  ...SIZES.map((f) => [`s${f}`, `${f}× (${int(INVOICES[f])})`]),
  ['growth', `Growth ${SIZES[0]}×→${SIZES.at(-1)}×`],
  ['anchor', 'Anchor'],
  ['ratio', `Ratio to anchor (${SIZES.map((f) => `${f}×`).join(' / ')})`],
  ['target', 'Target'],
  ['met', 'Met?'],
];

function markdownTable(rows) {
  const columns = COLUMNS();
  const lines = [`| ${columns.map(([, title]) => title).join(' | ')} |`, `|${columns.map(() => '---').join('|')}|`];
  for (const r of rows) lines.push(`| ${columns.map(([key]) => String(r[key]).replace(/\|/g, '\\|')).join(' | ')} |`);
  return lines.join('\n');
}

function plainTable(rows) {
  const columns = COLUMNS();
  const header = Object.fromEntries(columns);
  const all = [header, ...rows];
  const widths = columns.map(([key]) => Math.max(...all.map((r) => String(r[key]).length)));
  const line = (r) => columns.map(([key], i) => String(r[key]).padEnd(widths[i])).join(' │ ');
  return [line(header), widths.map((w) => '─'.repeat(w)).join('─┼─'), ...rows.map(line)].join('\n');
}

function machine() {
  const cpuinfo = existsSync('/proc/cpuinfo') ? readFileSync('/proc/cpuinfo', 'utf8') : '';
  const model = /model name\s*:\s*(.+)/.exec(cpuinfo)?.[1]?.trim() ?? cpus()[0]?.model ?? 'unknown CPU';
  return `${model}, ${cpus().length} cores, ${(totalmem() / 2 ** 30).toFixed(1)} GiB RAM, Node ${process.version}`;
}

const loadNow = () => loadavg().map((x) => x.toFixed(1)).join(' / ');
const DOC = 'docs/benchmarks.md';
const START = '<!-- bench:start (written by npm run bench, tests/bench/run.mjs) -->';
const END = '<!-- bench:end -->';

function report(r, partial) {
  const rows = tableRows(r);
  const date = new Date().toISOString().replace('T', ' ').slice(0, 16) + ' UTC';
  const where = `${machine()}${r.chromium ? `, Chromium ${r.chromium} (headless, flags of playwright.config.ts)` : ''}`;
  const loads = `load average (1 / 5 / 15 min) at the start ${r.loadAtStart}, at the end ${loadNow()}`;
  const notes = [...(r.notes ?? []), ...(r.errors ?? [])];
  if (partial) notes.unshift(`**Cut short by the ${RUN_LIMIT_MS / 60_000}-minute limit**: the sizes shown as — were not measured.`);
  for (const [f, at] of Object.entries(r.browser ?? {})) {
    if (at.imported) notes.push(`Browser ${f}×: “${at.imported.statusText}”; records after the import: ${Object.entries(at.imported.records).map(([k, v]) => `${int(v)} ${k}`).join(', ')}; history added: ${Object.entries(at.history ?? {}).map(([k, v]) => `${int(v)} ${k}`).join(', ')}.`);
    if (at.starts) notes.push(`Browser ${f}×: cold starts ${at.starts.map(ms).join(', ')}; heap ${mb(at.memory.heapUsedBytes)} used of ${mb(at.memory.heapTotalBytes)}, ${int(at.memory.domNodes ?? 0)} DOM nodes on Today.`);
    if (at.cacheWaitMs !== undefined || at.scroll) notes.push(`Browser ${f}×: after the scroll, the start-up copy of the ledger was current ${at.cacheWaitMs === undefined ? 'not within 2 min (the starts read the tables)' : `${(at.cacheWaitMs / 1000).toFixed(1)} s later (written once the user pauses)`}.`);
    if (at.scroll) notes.push(`Browser ${f}×: scroll ${at.scroll.count} long tasks (${ms(at.scroll.totalMs)} in all${at.scroll.tasks?.length ? `: ${at.scroll.tasks.slice(0, 8).map((t) => `${ms(t.ms)} at ${(t.atMs / 1000).toFixed(1)} s`).join(', ')}` : ''}) in ${at.scroll.steps} wheel steps of ${int(at.scroll.stepPx)} px, ${ms(at.scroll.wallMs)}.`);
  }
  const took = `${((Date.now() - started) / 60_000).toFixed(1)} min`;
  const heading = `${date} — ${where}; ${loads}; took ${took}${r.builtAt ? `; build in out/ of ${r.builtAt}` : ''}.`;
  console.log(`\nRelance benchmarks — ${heading}\n`);
  console.log(plainTable(rows));
  if (notes.length) console.log(`\n${notes.join('\n')}`);
  if (!WRITE_DOCS) return;
  const block = [START, '## Latest run', '', heading, '', markdownTable(rows), '', ...notes.map((n) => `- ${n}`), END].join('\n');
  const current = existsSync(DOC) ? readFileSync(DOC, 'utf8') : '# Benchmarks\n';
  const from = current.indexOf(START);
  const to = current.indexOf(END);
  writeFileSync(DOC, from >= 0 && to > from ? current.slice(0, from) + block + current.slice(to + END.length) : `${current.trimEnd()}\n\n${block}\n`);
  log(`written to ${DOC}`);
}

async function main() {
  const r = { loadAtStart: loadNow() };
  const work = mkdtempSync(join(tmpdir(), 'relance-bench-node-'));
  const notesFile = join(work, 'notes.jsonl');
  let partial = false;
  const watchdog = setTimeout(() => {
    partial = true;
    console.error(`[bench] over ${RUN_LIMIT_MS / 60_000} minutes: writing what was measured`);
    report(r, true);
    process.exit(2);
  }, RUN_LIMIT_MS + 5 * 60_000);
  watchdog.unref();
  try {
    if (ONLY !== 'browser') {
      r.node = await nodeBenches(work, notesFile);
      r.notes = existsSync(notesFile) ? readFileSync(notesFile, 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line)) : [];
    }
    if (ONLY !== 'node') await browserBenches(r);
    partial = late() && SIZES.some((f) => r.browser && !r.browser[f]);
  } finally {
    clearTimeout(watchdog);
    rmSync(work, { recursive: true, force: true });
  }
  report(r, partial);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
