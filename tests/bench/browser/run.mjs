/**
 * Browser benchmarks: the real renderer in Chromium against the real web host, on 100,000 invoices.
 *
 *   node tests/bench/browser/run.mjs [--rows 100000] [--no-docs] [--build]
 *
 * 1. Import of a generated French CSV through the app's import wizard (parse + check, then the write),
 *    against a raw IndexedDB bulk insert of as many invoice-shaped objects (no Dexie, one transaction).
 * 2. The longest task while scrolling the invoice list over its whole height, against the same scroll
 *    on the demo data (~430 invoices).
 * 3. Cold start to an interactive Today (heading and worklist visible).
 * 4. The dashboard opened directly, to its aging chart and top-10 table (target under 1 s).
 *
 * Builds when out/ is missing, starts its own web host (free port, never 47811, temporary data folder),
 * prints one table and writes it into docs/benchmarks.md. Nothing fails on a missed target: the table
 * says it. See docs/benchmarks.md for how to read it.
 */
import { spawn, execSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { cpus, loadavg, totalmem, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';
import { generateFrenchCsv } from './csv.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
process.chdir(ROOT);

const args = process.argv.slice(2);
const argValue = (name) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const ROWS = Number(argValue('--rows') ?? process.env.RELANCE_BENCH_ROWS ?? 100_000);
const WRITE_DOCS = !args.includes('--no-docs');
const RESERVED_PORTS = new Set([47811]); // the e2e tests' port
const RUN_LIMIT_MS = 5 * 60_000;
const MAX_SCROLL_STEPS = 500;
const FORCE_BUILD = args.includes('--build');
const started = Date.now();
const elapsed = () => `${((Date.now() - started) / 1000).toFixed(1)} s`;
const log = (message) => console.log(`[bench ${elapsed()}] ${message}`);

// ---------------------------------------------------------------------------------------------------
// Host and browser

export function freePort() {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => (RESERVED_PORTS.has(port) ? freePort().then(resolvePort, reject) : resolvePort(port)));
    });
  });
}

export function startHost(dataDir, port, token) {
  return new Promise((resolveHost, reject) => {
    const child = spawn(process.execPath, ['out/main/web-host.js'], {
      env: {
        ...process.env,
        RELANCE_DATA_DIR: dataDir,
        RELANCE_EXPORT_DIR: join(dataDir, 'exports'),
        RELANCE_WEB_TOKEN: token,
        RELANCE_PORT: String(port),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const onData = (chunk) => {
      output += chunk.toString();
      const match = /http:\/\/127\.0\.0\.1:\d+\/\?token=\S+/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolveHost({ child, url: match[0] });
      }
    };
    const timer = setTimeout(() => reject(new Error(`web host did not start: ${output}`)), 20_000);
    child.stdout.on('data', onData);
    child.stderr.on('data', (chunk) => (output += chunk.toString()));
    child.on('exit', (code) => reject(new Error(`web host exited with ${code}: ${output}`)));
  });
}

export function stopHost(child) {
  if (!child || child.exitCode !== null) return Promise.resolve();
  return new Promise((resolveStop) => {
    child.removeAllListeners('exit');
    child.once('exit', () => resolveStop());
    child.kill('SIGTERM');
    setTimeout(() => child.kill('SIGKILL'), 5_000).unref();
  });
}

const SYSTEM_CHROMIUM = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((path) => existsSync(path));
// The flags of playwright.config.ts.
export const LAUNCH = SYSTEM_CHROMIUM
  ? {
      executablePath: SYSTEM_CHROMIUM,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    }
  : {};
export const CONTEXT = { locale: 'fr-FR', timezoneId: 'Europe/Paris', viewport: { width: 1280, height: 800 } };

// ---------------------------------------------------------------------------------------------------
// The measures

/** Opens the app at `hash` in `page` and waits for the navigation. */
export async function openApp(page, url, hash = '') {
  await page.goto(url + hash);
  await page.getByRole('navigation').waitFor();
}

async function invoiceCount(page) {
  return Number(await page.getByRole('table', { name: 'Liste des factures' }).getAttribute('aria-rowcount')) - 1;
}

async function waitForInvoiceCount(page, expected, timeout = 120_000) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const table = page.getByRole('table', { name: 'Liste des factures' });
    if ((await table.count()) > 0 && (await invoiceCount(page)) === expected) return;
    if (Date.now() > deadline) throw new Error(`the invoice list never showed ${expected} invoices`);
    await page.waitForTimeout(100);
  }
}

/**
 * The import through the wizard. Times are taken inside the page (performance.now()), from the
 * file input's `change` event to the column step, and from the click on "Importer" to the
 * "Import terminé" status appearing in the DOM.
 */
export async function measureImport(page, url, csvPath, rows) {
  await openApp(page, url, '#/invoices');
  await page.evaluate(() => {
    const marks = (window.__bench = { longTasks: [] });
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) marks.longTasks.push({ start: entry.startTime, duration: entry.duration });
    }).observe({ type: 'longtask' });
    document.addEventListener('change', (event) => {
      if (event.target instanceof HTMLInputElement && event.target.type === 'file') marks.fileChosen = performance.now();
    }, true);
    document.addEventListener('click', (event) => {
      const button = event.target instanceof Element ? event.target.closest('button') : null;
      if (button?.textContent?.trim() === 'Importer') marks.importClicked = performance.now();
    }, true);
    new MutationObserver(() => {
      const text = document.body.textContent ?? '';
      if (marks.fileChosen && !marks.columns && /encodage utf-8/.test(text)) marks.columns = performance.now();
      if (marks.importClicked && !marks.done && text.includes('Import terminé')) marks.done = performance.now();
    }).observe(document.body, { childList: true, subtree: true, characterData: true });
  });
  await page.getByRole('button', { name: 'Importer un fichier CSV' }).first().click();
  const wizard = page.getByRole('dialog', { name: 'Importer des factures' });
  const chooser = page.waitForEvent('filechooser');
  await wizard.getByRole('button', { name: 'Choisir un fichier CSV' }).click();
  await (await chooser).setFiles(csvPath);
  await wizard.getByText(/encodage utf-8/).waitFor({ timeout: 240_000 });
  await wizard.getByRole('button', { name: 'Continuer' }).click();
  const summary = wizard.getByText(/factures? nouvelles?/);
  await summary.waitFor();
  const summaryText = (await wizard.getByRole('list').innerText()).replace(/\s+/g, ' ');
  const importButton = wizard.getByRole('button', { name: 'Importer', exact: true });
  if (await importButton.isDisabled()) throw new Error(`the wizard refuses the file: ${summaryText}`);
  await importButton.click();
  const status = wizard.getByRole('status');
  await status.waitFor({ timeout: 240_000 });
  const statusText = (await status.innerText()).replace(/\s+/g, ' ');
  const marks = await page.evaluate(() => window.__bench);
  await wizard.getByRole('button', { name: 'Fermer', exact: true }).click();
  await waitForInvoiceCount(page, rows);
  const longest = (from, to) =>
    marks.longTasks.filter((t) => t.start >= from && t.start < to).reduce((max, t) => Math.max(max, t.duration), 0);
  return {
    parseMs: marks.columns - marks.fileChosen,
    importMs: marks.done - marks.importClicked,
    longestTaskMs: longest(marks.importClicked, marks.done),
    parseLongestTaskMs: longest(marks.fileChosen, marks.columns),
    summaryText,
    statusText,
    records: await page.evaluate(() => {
      return new Promise((resolveCounts, reject) => {
        const open = indexedDB.open('relance');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const names = ['customers', 'invoices', 'payments', 'interactions'].filter((n) => db.objectStoreNames.contains(n));
          const tx = db.transaction(names, 'readonly');
          const counts = {};
          for (const name of names) tx.objectStore(name).count().onsuccess = (e) => (counts[name] = e.target.result);
          tx.oncomplete = () => {
            db.close();
            resolveCounts(counts);
          };
        };
      });
    }),
  };
}

/**
 * The limit: `rows` invoice-shaped plain objects put in ONE readwrite transaction of a fresh database
 * (no Dexie), with the same primary key and indexes as the app's invoices table. The objects are
 * made before the clock starts; the time ends at the transaction's `complete`.
 */
export async function measureRawInsert(page, rows, { indexes = true, payments = 0 } = {}) {
  return page.evaluate(
    async ({ rows, indexes, payments }) => {
      const name = `relance-bench-raw-${Math.random().toString(36).slice(2)}`;
      const db = await new Promise((resolveOpen, reject) => {
        const request = indexedDB.open(name, 1);
        request.onupgradeneeded = () => {
          const invoices = request.result.createObjectStore('invoices', { keyPath: 'id' });
          const paymentStore = request.result.createObjectStore('payments', { keyPath: 'id' });
          if (indexes) {
            // Dexie's "id, &number, customerId, issueDate, dueDate, [customerId+dueDate], totalCents, paidCents".
            invoices.createIndex('number', 'number', { unique: true });
            for (const field of ['customerId', 'issueDate', 'dueDate', 'totalCents', 'paidCents']) invoices.createIndex(field, field);
            invoices.createIndex('[customerId+dueDate]', ['customerId', 'dueDate']);
            // "id, customerId, date, *invoiceIds"
            paymentStore.createIndex('customerId', 'customerId');
            paymentStore.createIndex('date', 'date');
            paymentStore.createIndex('invoiceIds', 'invoiceIds', { multiEntry: true });
          }
        };
        request.onsuccess = () => resolveOpen(request.result);
        request.onerror = () => reject(request.error);
      });
      const now = new Date().toISOString();
      const customers = Array.from({ length: 2_000 }, () => crypto.randomUUID());
      const objects = [];
      for (let i = 0; i < rows; i += 1) {
        const day = new Date(Date.UTC(2025, 5, 1) + (i % 540) * 86_400_000).toISOString().slice(0, 10);
        objects.push({
          id: crypto.randomUUID(),
          number: `FA-RAW-${String(i + 1).padStart(6, '0')}`,
          kind: 'invoice',
          customerId: customers[i % customers.length],
          issueDate: day,
          dueDate: day,
          totalCents: 1_000 + ((i * 7_919) % 1_500_000),
          paidCents: i % 3 === 0 ? 1_000 : 0,
          createdAt: now,
          updatedAt: now,
        });
      }
      const paymentObjects = [];
      for (let i = 0; i < payments; i += 1) {
        const invoice = objects[i % objects.length];
        paymentObjects.push({
          id: crypto.randomUUID(),
          customerId: invoice.customerId,
          date: now.slice(0, 10),
          amountCents: invoice.totalCents,
          method: 'autre',
          source: 'import',
          reference: 'Import factures.csv',
          allocations: [{ invoiceId: invoice.id, amountCents: invoice.totalCents }],
          invoiceIds: [invoice.id],
          createdAt: now,
        });
      }
      const t0 = performance.now();
      await new Promise((resolveTx, reject) => {
        const tx = db.transaction(['invoices', 'payments'], 'readwrite');
        const store = tx.objectStore('invoices');
        for (const object of objects) store.put(object);
        const paymentStore = tx.objectStore('payments');
        for (const object of paymentObjects) paymentStore.put(object);
        tx.oncomplete = () => resolveTx();
        tx.onerror = () => reject(tx.error);
        tx.onabort = () => reject(tx.error);
      });
      const ms = performance.now() - t0;
      db.close();
      await new Promise((resolveDelete) => {
        const request = indexedDB.deleteDatabase(name);
        request.onsuccess = request.onerror = request.onblocked = () => resolveDelete();
      });
      return ms;
    },
    { rows, indexes, payments },
  );
}

/**
 * Scrolls the invoice list's scroll container (the rowgroup that scrolls) from top to bottom with
 * the mouse wheel, one frame per step, and reports the long tasks that started meanwhile.
 * Steps are one container height (every step draws new rows) or larger, at most ~2,000 steps.
 */
export async function measureScroll(page, { maxSteps = MAX_SCROLL_STEPS } = {}) {
  const table = page.getByRole('table', { name: 'Liste des factures' });
  await table.waitFor();
  const body = table.getByRole('rowgroup').nth(1);
  await body.evaluate((element) => {
    element.scrollTop = 0;
  });
  const box = await body.boundingBox();
  const { scrollHeight, clientHeight } = await body.evaluate((element) => ({
    scrollHeight: element.scrollHeight,
    clientHeight: element.clientHeight,
  }));
  const step = Math.max(clientHeight, Math.ceil((scrollHeight - clientHeight) / maxSteps));
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.evaluate(() => {
    window.__longTasks = [];
    window.__scrollStart = performance.now();
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) window.__longTasks.push({ start: entry.startTime, duration: entry.duration });
    }).observe({ type: 'longtask', buffered: true });
  });
  const t0 = Date.now();
  let steps = 0;
  // After each wheel step, wait for the next frame and read where the list is.
  const afterFrame = () =>
    body.evaluate((element) => new Promise((resolveFrame) => requestAnimationFrame(() => resolveFrame(element.scrollTop))));
  let top = 0;
  let still = 0;
  while (top + clientHeight < scrollHeight - 1 && steps < maxSteps * 2 && still < 20) {
    await page.mouse.wheel(0, step);
    const next = await afterFrame();
    still = next === top ? still + 1 : 0;
    top = next;
    steps += 1;
  }
  const wallMs = Date.now() - t0;
  await page.waitForTimeout(300); // let the last long task be reported
  const reachedBottom = await body.evaluate((element) => element.scrollTop + element.clientHeight >= element.scrollHeight - 1);
  const tasks = await page.evaluate(() => window.__longTasks.filter((task) => task.start >= window.__scrollStart));
  const rowsDrawn = await body.getByRole('row').count();
  return {
    maxMs: tasks.reduce((max, task) => Math.max(max, task.duration), 0),
    count: tasks.length,
    totalMs: tasks.reduce((sum, task) => sum + task.duration, 0),
    steps,
    stepPx: step,
    scrollHeight,
    wallMs,
    reachedBottom,
    rowsDrawn,
  };
}

/** From page.goto to the "Aujourd’hui" heading and the worklist table visible, in a new tab. */
export async function measureColdStart(context, url) {
  const page = await context.newPage();
  const t0 = Date.now();
  await page.goto(url + '#/');
  await page.getByRole('heading', { level: 1, name: /^Aujourd’hui/ }).waitFor({ timeout: 60_000 });
  await page.getByRole('table', { name: 'Clients à relancer' }).waitFor({ timeout: 60_000 });
  const ms = Date.now() - t0;
  await page.close();
  return ms;
}

/**
 * Time to an interactive dashboard, opened directly (a fresh page, so the records are read and every
 * metric computed from nothing): until the aging chart's heading and the top-10 table are visible.
 */
export async function measureDashboard(context, url) {
  const page = await context.newPage();
  const t0 = Date.now();
  await page.goto(url + '#/dashboard');
  await page.getByRole('heading', { name: 'Retards par ancienneté' }).waitFor({ timeout: 120_000 });
  await page.getByRole('table', { name: 'Les 10 clients les plus en retard' }).waitFor({ timeout: 120_000 });
  const ms = Date.now() - t0;
  await page.close();
  return ms;
}

// ---------------------------------------------------------------------------------------------------
// Report

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
};
const ms = (value) => (value >= 10_000 ? `${(value / 1000).toFixed(1)} s` : `${Math.round(value)} ms`);
const int = (value) => Math.round(value).toLocaleString('en');

function machine() {
  const cpuinfo = existsSync('/proc/cpuinfo') ? readFileSync('/proc/cpuinfo', 'utf8') : '';
  const model = /model name\s*:\s*(.+)/.exec(cpuinfo)?.[1]?.trim() ?? cpus()[0]?.model ?? 'unknown CPU';
  return {
    cpu: model,
    cores: cpus().length,
    ramGiB: (totalmem() / 2 ** 30).toFixed(1),
    node: process.version,
  };
}

function markdownTable(rows) {
  const header = ['Measure', 'Figure', 'Anchor', 'Ratio', 'Target', 'Met?'];
  const lines = [`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`];
  for (const row of rows) lines.push(`| ${[row.measure, row.figure, row.anchor, row.ratio, row.target, row.met].join(' | ')} |`);
  return lines.join('\n');
}

function plainTable(rows) {
  const header = { measure: 'Measure', figure: 'Figure', anchor: 'Anchor', ratio: 'Ratio', target: 'Target', met: 'Met?' };
  const all = [header, ...rows];
  const keys = Object.keys(header);
  const widths = keys.map((key) => Math.max(...all.map((row) => String(row[key]).length)));
  const line = (row) => keys.map((key, i) => String(row[key]).padEnd(widths[i])).join(' │ ');
  return [line(header), widths.map((w) => '─'.repeat(w)).join('─┼─'), ...rows.map(line)].join('\n');
}

const DOC = 'docs/benchmarks.md';
const START = '<!-- browser-bench:start (written by tests/bench/browser/run.mjs) -->';
const END = '<!-- browser-bench:end -->';

function writeDocs(section) {
  const block = `${START}\n${section}\n${END}`;
  const current = existsSync(DOC) ? readFileSync(DOC, 'utf8') : '# Benchmarks\n';
  const from = current.indexOf(START);
  const to = current.indexOf(END);
  const next =
    from >= 0 && to > from ? current.slice(0, from) + block + current.slice(to + END.length) : `${current.trimEnd()}\n\n${block}\n`;
  writeFileSync(DOC, next);
}

// ---------------------------------------------------------------------------------------------------
// Main

/** The table rows from what was measured; what the time limit cut short says so. */
function tableRows(r) {
  const missing = (measure, target) => ({ measure, figure: 'not measured (time limit)', anchor: '', ratio: '', target, met: '' });
  const rows = [];
  const rawMs = r.raw?.length ? Math.min(...r.raw) : undefined;
  if (r.imported && rawMs) {
    const ratio = r.imported.importMs / rawMs;
    rows.push({
      measure: `Import ${int(ROWS)} rows, "Importer" → "Import terminé"`,
      figure: `${ms(r.imported.importMs)} (${int(ROWS / (r.imported.importMs / 1000))} rows/s; longest task ${ms(r.imported.longestTaskMs)})`,
      anchor: `raw IndexedDB put ${ms(rawMs)} (${int(ROWS / (rawMs / 1000))} rows/s)`,
      ratio: `${ratio.toFixed(1)}×`,
      target: '≤ 2×',
      met: ratio <= 2 ? 'yes' : 'no',
    });
    rows.push({
      measure: '  same, anchor with the payments the import writes too',
      figure: '',
      anchor: r.rawAll
        ? `raw put ${int(ROWS)} invoices + ${int(r.imported.records.payments ?? 0)} payments ${ms(r.rawAll)}`
        : 'skipped: the run was late (5-minute limit)',
      ratio: r.rawAll ? `${(r.imported.importMs / r.rawAll).toFixed(1)}×` : '',
      target: '(info)',
      met: '',
    });
    rows.push({
      measure: `Parse + check ${int(ROWS)} rows, file chosen → columns step`,
      figure: `${ms(r.imported.parseMs)} (longest task ${ms(r.imported.parseLongestTaskMs)})`,
      anchor: '',
      ratio: '',
      target: '(info)',
      met: '',
    });
  } else rows.push(missing(`Import ${int(ROWS)} rows`, '≤ 2×'));
  if (r.bigScroll && r.demoScroll) {
    rows.push({
      measure: 'Scroll the invoice list top → bottom: longest task',
      figure: `${ms(r.bigScroll.maxMs)} (${r.bigScroll.count} long tasks, ${r.bigScroll.steps} steps)`,
      anchor: `demo, ${r.demoInvoices} invoices: ${ms(r.demoScroll.maxMs)} (${r.demoScroll.count} long tasks, ${r.demoScroll.steps} steps)`,
      ratio: r.demoScroll.maxMs > 0 ? `${(r.bigScroll.maxMs / r.demoScroll.maxMs).toFixed(1)}×` : '—',
      target: '< 50 ms',
      met: r.bigScroll.maxMs < 50 ? 'yes' : 'no',
    });
  } else rows.push(missing('Scroll the invoice list: longest task', '< 50 ms'));
  if (r.cold?.length && r.demoCold?.length) {
    rows.push({
      measure: `Cold start to an interactive Today (median of ${r.cold.length})`,
      figure: ms(median(r.cold)),
      anchor: `demo: ${ms(median(r.demoCold))}`,
      ratio: `${(median(r.cold) / median(r.demoCold)).toFixed(1)}×`,
      target: '< 1.5 s',
      met: median(r.cold) < 1_500 ? 'yes' : 'no',
    });
  } else rows.push(missing('Cold start to an interactive Today', '< 1.5 s'));
  if (r.dashboard !== undefined && r.demoDashboard !== undefined) {
    rows.push({
      measure: 'Dashboard opened directly, to the aging chart and top-10 table',
      figure: ms(r.dashboard),
      anchor: `demo: ${ms(r.demoDashboard)}`,
      ratio: `${(r.dashboard / r.demoDashboard).toFixed(1)}×`,
      target: '< 1 s',
      met: r.dashboard < 1_000 ? 'yes' : 'no',
    });
  } else rows.push(missing('Dashboard opened directly', '< 1 s'));
  return rows;
}

/** Prints the table and writes it into docs/benchmarks.md (also when the time limit cut the run). */
function report(r, partial) {
  const rows = tableRows(r);
  const info = machine();
  const load = loadavg().map((x) => x.toFixed(1)).join(' / ');
  const date = new Date().toISOString().replace('T', ' ').slice(0, 16) + ' UTC';
  const where = `${info.cpu}, ${info.cores} cores, ${info.ramGiB} GiB RAM, Node ${info.node}, Chromium ${r.chromiumVersion ?? '?'}`;
  const loads = `load average (1/5/15 min) at the start ${r.loadAtStart}, at the end ${load}`;
  const notes = [];
  if (partial) notes.push(`**Cut short by the ${RUN_LIMIT_MS / 60_000}-minute limit**: the missing lines were not measured.`);
  if (r.imported) {
    notes.push(
      `Wizard summary before the import: ${r.imported.summaryText}. Status after it: “${r.imported.statusText}”. Records then in the database: ${Object.entries(r.imported.records).map(([k, v]) => `${int(v)} ${k}`).join(', ')}.`,
    );
  }
  if (r.raw) notes.push(`Raw put runs: ${r.raw.map(ms).join(', ')} (the fastest is the anchor).`);
  if (r.bigScroll) {
    notes.push(
      `Scroll: ${r.bigScroll.steps} wheel steps of ${int(r.bigScroll.stepPx)} px over ${int(r.bigScroll.scrollHeight)} px in ${ms(r.bigScroll.wallMs)}, total long-task time ${ms(r.bigScroll.totalMs)}; demo ${r.demoScroll.steps} steps of ${r.demoScroll.stepPx} px, total ${ms(r.demoScroll.totalMs)}.`,
    );
  }
  if (r.cold) notes.push(`Cold starts: ${r.cold.map(ms).join(', ')} (demo: ${r.demoCold.map(ms).join(', ')}).`);
  console.log(`\nBrowser benchmarks — ${date} — ${where}; ${loads}; build in out/ of ${r.builtAt}\n`);
  console.log(plainTable(rows));
  console.log(`\n${notes.join('\n')}`);
  if (WRITE_DOCS) {
    writeDocs(
      [
        '## Latest browser run',
        '',
        `${date} — ${where} (headless, flags of playwright.config.ts); ${loads}; build in out/ of ${r.builtAt}.`,
        '',
        markdownTable(rows),
        '',
        ...notes.map((note) => `- ${note}`),
      ].join('\n'),
    );
    log(`written to ${DOC}`);
  }
}

let timedOut = false;

async function main() {
  if (FORCE_BUILD || !existsSync('out/renderer/index.html') || !existsSync('out/main/web-host.js')) {
    log(FORCE_BUILD ? 'building (npx electron-vite build)' : 'out/ is missing: building (npx electron-vite build)');
    execSync('npx electron-vite build', { stdio: 'inherit' });
  }
  const r = {
    builtAt: statSync('out/renderer/index.html').mtime.toISOString().replace('T', ' ').slice(0, 16) + ' UTC',
    loadAtStart: loadavg().map((x) => x.toFixed(1)).join(' / '),
  };
  log(`measuring the build in out/ (${r.builtAt}); --build rebuilds it first`);
  const work = mkdtempSync(join(tmpdir(), 'relance-bench-'));
  const csvPath = join(work, `factures-${ROWS}.csv`);
  const csv = generateFrenchCsv(ROWS);
  writeFileSync(csvPath, csv.text);
  log(`generated ${int(ROWS)} rows (${(csv.text.length / 1e6).toFixed(1)} MB, ${csv.customers} customers, ${int(csv.paid)} paid, ${int(csv.partlyPaid)} partly paid)`);

  const token = randomBytes(24).toString('base64url');
  const port = await freePort();
  let host;
  let browser;
  const cleanUp = async () => {
    await browser?.close().catch(() => {});
    await stopHost(host?.child);
    rmSync(work, { recursive: true, force: true });
  };
  const watchdog = setTimeout(() => {
    timedOut = true;
    console.error(`[bench] over ${RUN_LIMIT_MS / 60_000} minutes: stopping`);
    report(r, true);
    void cleanUp().then(() => process.exit(2));
  }, RUN_LIMIT_MS);
  watchdog.unref();
  try {
    host = await startHost(join(work, 'data'), port, token);
    log(`web host on port ${port}`);
    browser = await chromium.launch(LAUNCH);
    r.chromiumVersion = browser.version();

    // The anchor of the scroll and the cold start: the demo data, in its own context (own IndexedDB).
    const demoContext = await browser.newContext(CONTEXT);
    const demoPage = await demoContext.newPage();
    await openApp(demoPage, host.url);
    await demoPage.getByRole('button', { name: 'Charger les données de démonstration' }).first().click();
    await demoPage.getByText(/Données de démonstration chargées/).waitFor();
    await demoPage.getByRole('navigation').getByRole('link', { name: 'Factures' }).click();
    await demoPage.getByRole('table', { name: 'Liste des factures' }).waitFor();
    r.demoInvoices = await invoiceCount(demoPage);
    r.demoScroll = await measureScroll(demoPage);
    log(`demo scroll (${r.demoInvoices} invoices): max long task ${ms(r.demoScroll.maxMs)}, ${r.demoScroll.count} long tasks, ${r.demoScroll.steps} steps`);
    await demoPage.close();
    r.demoCold = [];
    for (let i = 0; i < 3; i += 1) r.demoCold.push(await measureColdStart(demoContext, host.url));
    log(`demo cold start: ${r.demoCold.map(ms).join(', ')}`);
    r.demoDashboard = await measureDashboard(demoContext, host.url);
    log(`demo dashboard: ${ms(r.demoDashboard)}`);
    await demoContext.close();

    // The big shop, in a fresh context.
    const context = await browser.newContext(CONTEXT);
    const page = await context.newPage();
    page.on('pageerror', (error) => log(`page error: ${error.message}`));
    await openApp(page, host.url, '#/invoices');
    r.raw = [];
    for (let i = 0; i < 2; i += 1) r.raw.push(await measureRawInsert(page, ROWS));
    log(`raw IndexedDB put of ${int(ROWS)} invoices (same indexes): ${r.raw.map(ms).join(', ')}`);

    r.imported = await measureImport(page, host.url, csvPath, ROWS);
    log(`wizard: parse + check ${ms(r.imported.parseMs)} (longest task ${ms(r.imported.parseLongestTaskMs)}); import ${ms(r.imported.importMs)} (longest task ${ms(r.imported.longestTaskMs)}) — ${r.imported.statusText}`);
    log(`records after the import: ${JSON.stringify(r.imported.records)}`);
    // The second anchor is information only: skipped when the run is late, to keep the scroll and the start.
    if (Date.now() - started < 150_000) {
      r.rawAll = await measureRawInsert(page, ROWS, { payments: r.imported.records.payments ?? 0 });
      log(`raw IndexedDB put of the same invoices and payments: ${ms(r.rawAll)}`);
    } else log('raw put of invoices + payments skipped (the run is late)');

    r.bigScroll = await measureScroll(page);
    log(`scroll (${int(ROWS)} invoices): max long task ${ms(r.bigScroll.maxMs)}, ${r.bigScroll.count} long tasks, ${r.bigScroll.steps} steps of ${r.bigScroll.stepPx} px in ${ms(r.bigScroll.wallMs)}, bottom reached: ${r.bigScroll.reachedBottom}`);
    await page.close();

    // Three starts when they are quick; one when a start takes seconds (the run must stay under 5 min).
    const first = await measureColdStart(context, host.url);
    r.cold = [first];
    while (r.cold.length < 3 && first < 5_000) r.cold.push(await measureColdStart(context, host.url));
    log(`cold start (${int(ROWS)} invoices): ${r.cold.map(ms).join(', ')}`);
    r.dashboard = await measureDashboard(context, host.url);
    log(`dashboard (${int(ROWS)} invoices): ${ms(r.dashboard)}`);
    await context.close();

    clearTimeout(watchdog);
    report(r, false);
  } finally {
    clearTimeout(watchdog);
    await cleanUp();
  }
}

// Run when called as a script; tests/bench/browser/profile.mjs imports the helpers.
if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((error) => {
    // After the time limit, the browser closed under the measure: the partial table is printed.
    if (timedOut) process.exit(2);
    console.error(error);
    process.exit(1);
  });
}
