/**
 * Where the time goes: the same scenarios as `npm run bench` (import of the generated shop's French CSV, scroll of the
 * invoice list, cold start), each under Chrome tracing with the V8 sampling profiler, summarised as
 * the functions that took the most CPU (self and total time) and the longest tasks. Not part of
 * `npm run bench`: run it when a figure of `npm run bench` needs explaining.
 *
 *   node tests/bench/browser/profile.mjs [--rows 100000] [--scroll-steps 300] [--keep-traces]
 *
 * Each long task (over 50 ms) is listed with the functions sampled inside it.
 *
 * The traces (JSON, loadable in Chrome DevTools' Performance panel or ui.perfetto.dev) are kept in
 * a temporary folder with --keep-traces.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { chromium } from '@playwright/test';
import { loadShopModule } from './load-shop.mjs';
import { CONTEXT, LAUNCH, addHistory, freePort, measureColdStart, measureImport, measureScroll, openApp, startHost, stopHost, waitForStartupCache } from './measures.mjs';

const args = process.argv.slice(2);
const rowsArg = args.indexOf('--rows');
const ROWS = Number(rowsArg >= 0 ? args[rowsArg + 1] : 100_000);
const KEEP = args.includes('--keep-traces');
const stepsArg = args.indexOf('--scroll-steps');
const SCROLL_STEPS = Number(stepsArg >= 0 ? args[stepsArg + 1] : 300);
const CATEGORIES = [
  'devtools.timeline',
  'disabled-by-default-devtools.timeline',
  'v8.execute',
  'disabled-by-default-v8.cpu_profiler',
  'IndexedDB',
  'blink.user_timing',
];

/** Self and total CPU time per function, from the trace's ProfileChunk events (all threads). */
function summarise(trace, title, top = 14) {
  const events = trace.traceEvents ?? trace;
  const nodes = new Map(); // `${pid}:${profileId}:${nodeId}` → { name, parent }
  const self = new Map(); // node key → µs
  for (const event of events) {
    if (event.name !== 'ProfileChunk') continue;
    const prefix = `${event.pid}:${event.id}`;
    const profile = event.args?.data?.cpuProfile ?? {};
    for (const node of profile.nodes ?? []) {
      const frame = node.callFrame ?? {};
      const where = frame.url ? ` ${basename(frame.url).replace(/-[\w-]{8}\.js$/, '.js')}:${(frame.lineNumber ?? 0) + 1}` : '';
      nodes.set(`${prefix}:${node.id}`, {
        name: `${frame.functionName || '(anonymous)'}${where}`,
        parent: node.parent === undefined ? undefined : `${prefix}:${node.parent}`,
      });
    }
    const samples = profile.samples ?? [];
    const deltas = event.args?.data?.timeDeltas ?? [];
    for (let i = 0; i < samples.length; i += 1) {
      const key = `${prefix}:${samples[i]}`;
      self.set(key, (self.get(key) ?? 0) + Math.max(0, deltas[i + 1] ?? deltas[i] ?? 0));
    }
  }
  const selfByName = new Map();
  const totalByName = new Map();
  let busy = 0;
  for (const [key, us] of self) {
    const node = nodes.get(key);
    if (!node) continue;
    if (node.name.startsWith('(idle)') || node.name.startsWith('(program)') || node.name.startsWith('(root)')) continue;
    busy += us;
    selfByName.set(node.name, (selfByName.get(node.name) ?? 0) + us);
    const seen = new Set();
    for (let at = key; at; at = nodes.get(at)?.parent) {
      const name = nodes.get(at)?.name;
      if (!name || seen.has(name) || name.startsWith('(root)')) continue;
      seen.add(name);
      totalByName.set(name, (totalByName.get(name) ?? 0) + us);
    }
  }
  const list = (map) =>
    [...map]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, us]) => `    ${(us / 1000).toFixed(0).padStart(7)} ms  ${(100 * us / busy).toFixed(0).padStart(3)} %  ${name}`)
      .join('\n');
  const tasks = events
    .filter((e) => e.name === 'RunTask' && e.ph === 'X' && e.dur > 50_000)
    .sort((a, b) => b.dur - a.dur)
    .slice(0, 5)
    .map((e) => `${(e.dur / 1000).toFixed(0)} ms`);
  console.log(`\n== ${title}: ${(busy / 1000).toFixed(0)} ms of CPU in JavaScript and GC (all threads); longest tasks ${tasks.join(', ') || 'none over 50 ms'}`);
  console.log(`  self time:\n${list(selfByName)}`);
  console.log(`  total time (self + callees):\n${list(totalByName)}`);
  console.log(longTaskCulprits(events, nodes));
}

/**
 * What ran during each long task of the renderer's main thread: the sampled stacks that fall inside
 * the task's time window, by function (total time), so that a long task is explained by name.
 */
function longTaskCulprits(events, nodes, top = 6) {
  const samples = []; // { ts (µs), key, tid }
  const starts = new Map(); // `${pid}:${id}` → { ts, tid }
  for (const event of events) if (event.name === 'Profile') starts.set(`${event.pid}:${event.id}`, { ts: event.args?.data?.startTime ?? event.ts, tid: event.tid });
  const clocks = new Map();
  for (const event of events) {
    if (event.name !== 'ProfileChunk') continue;
    const prefix = `${event.pid}:${event.id}`;
    const start = starts.get(prefix);
    if (!start) continue;
    let ts = clocks.get(prefix) ?? start.ts;
    const profile = event.args?.data?.cpuProfile ?? {};
    const deltas = event.args?.data?.timeDeltas ?? [];
    (profile.samples ?? []).forEach((node, i) => {
      ts += deltas[i] ?? 0;
      samples.push({ ts, key: `${prefix}:${node}`, pid: event.pid, tid: start.tid });
    });
    clocks.set(prefix, ts);
  }
  const long = events.filter((e) => e.name === 'RunTask' && e.ph === 'X' && e.dur > 50_000).sort((a, b) => a.ts - b.ts);
  const scrollMark = events.find((e) => e.name === 'relance-scroll-start');
  const lines = [];
  for (const task of long) {
    if (scrollMark && task.ts >= scrollMark.ts && !lines.some((line) => line.includes('scroll starts'))) lines.push(`    -- the scroll starts (mark relance-scroll-start) --`);
    const byName = new Map();
    for (const sample of samples) {
      if (sample.pid !== task.pid || sample.tid !== task.tid || sample.ts < task.ts || sample.ts > task.ts + task.dur) continue;
      const seen = new Set();
      for (let at = sample.key; at; at = nodes.get(at)?.parent) {
        const name = nodes.get(at)?.name;
        if (!name || seen.has(name) || /^\((root|program|idle)\)/.test(name)) continue;
        seen.add(name);
        byName.set(name, (byName.get(name) ?? 0) + 1);
      }
    }
    const names = [...byName].sort((a, b) => b[1] - a[1]).slice(0, top).map(([name, n]) => `${name} (${n})`);
    lines.push(`    ${(task.dur / 1000).toFixed(0)} ms task (tid ${task.tid}): ${names.join(' ← ') || 'no JavaScript sampled (layout, GC or IndexedDB)'}`);
  }
  return lines.length ? `  long tasks, by what was sampled inside (samples per function):\n${lines.join('\n')}` : '';
}

async function traced(browser, title, work, folder) {
  await browser.startTracing(undefined, { categories: CATEGORIES });
  const result = await work();
  const buffer = await browser.stopTracing();
  const path = join(folder, `${title.replace(/\W+/g, '-')}.json`);
  if (KEEP) writeFileSync(path, buffer);
  summarise(JSON.parse(buffer.toString('utf8')), title);
  if (KEEP) console.log(`  trace: ${path}`);
  return result;
}

async function main() {
  const work = mkdtempSync(join(tmpdir(), 'relance-profile-'));
  const csvPath = join(work, `factures-${ROWS}.csv`);
  const { generateShop, toFrenchCsv } = await loadShopModule();
  const shop = generateShop(ROWS);
  writeFileSync(csvPath, toFrenchCsv(shop).text);
  const host = await startHost(join(work, 'data'), await freePort(), randomBytes(24).toString('base64url'));
  const browser = await chromium.launch(LAUNCH);
  try {
    const context = await browser.newContext(CONTEXT);
    const page = await context.newPage();
    await openApp(page, host.url, '#/invoices');
    const imported = await traced(browser, `import ${ROWS} rows`, () => measureImport(page, host.url, csvPath, ROWS), work);
    console.log(`  parse + check ${imported.parseMs.toFixed(0)} ms, import ${imported.importMs.toFixed(0)} ms, ${JSON.stringify(imported.records)}`);

    // The floor of a start that reads everything: raw getAll of the tables the ledger reads.
    const reads = await page.evaluate(async () => {
      const db = await new Promise((resolveOpen, reject) => {
        const request = indexedDB.open('relance');
        request.onsuccess = () => resolveOpen(request.result);
        request.onerror = () => reject(request.error);
      });
      const out = {};
      for (const name of ['customers', 'invoices', 'interactions', 'payments']) {
        const t0 = performance.now();
        const rows = await new Promise((resolveRead, reject) => {
          const request = db.transaction(name, 'readonly').objectStore(name).getAll();
          request.onsuccess = () => resolveRead(request.result);
          request.onerror = () => reject(request.error);
        });
        out[name] = `${rows.length} rows in ${(performance.now() - t0).toFixed(0)} ms`;
      }
      db.close();
      return out;
    });
    console.log(`\n== raw IndexedDB getAll (no Dexie): ${JSON.stringify(reads)}`);

    // As `npm run bench`: the shop's history written, then the list opened afresh and scrolled at once.
    const byName = new Map(shop.customers.map((c) => [c.id, c.name]));
    const byId = new Map(shop.invoices.map((i) => [i.id, i.number]));
    const named = (records) => records.map(({ customerId, invoiceIds, ...rest }) => ({ ...rest, customerName: byName.get(customerId), invoiceNumbers: invoiceIds.map((id) => byId.get(id)) }));
    console.log(`\n== history added: ${JSON.stringify(await addHistory(page, { interactions: named(shop.interactions), promises: named(shop.promises), paymentPlans: named(shop.paymentPlans) }))}`);
    const scroll = await traced(
      browser,
      `reload, then scroll ${SCROLL_STEPS} steps`,
      async () => {
        await page.goto(host.url + '#/invoices');
        await page.getByRole('table', { name: 'Liste des factures' }).waitFor({ timeout: 300_000 });
        return measureScroll(page, { maxSteps: SCROLL_STEPS });
      },
      work,
    );
    console.log(`  max long task ${scroll.maxMs.toFixed(0)} ms, ${scroll.count} long tasks, ${scroll.steps} steps of ${scroll.stepPx} px`);
    const cacheWait = await waitForStartupCache(page);
    console.log(`  start-up copy current ${cacheWait === undefined ? 'not within 2 min' : `${cacheWait} ms after the scroll`}`);
    await page.close();

    const cold = await traced(browser, 'cold start', () => measureColdStart(context, host.url), work);
    console.log(`  cold start ${cold} ms`);
  } finally {
    await browser.close();
    await stopHost(host.child);
    if (!KEEP) rmSync(work, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
