/**
 * The browser measures of `npm run bench` (tests/bench/run.mjs): the real renderer in Chromium
 * against the real web host. Each function drives one scenario and returns its figures; the entry
 * script decides the sizes, the anchors and the table. tests/bench/browser/profile.mjs replays them
 * under Chrome tracing.
 *
 * 1. Import of the generated shop's French CSV through the app's import wizard (parse + check, then
 *    the write), against a raw IndexedDB bulk insert of as many invoice-shaped objects.
 * 2. The longest task while scrolling the invoice list over its whole height.
 * 3. Cold start to an interactive Today (heading and worklist visible), then the renderer's memory.
 * 4. The dashboard opened directly, to its aging chart and top-10 table.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CHROMIUM_ARGS, SYSTEM_CHROMIUM } from '../../system-chromium.mjs';

// Paths (out/main/web-host.js, tests/bench/shop.ts) are the repository's.
process.chdir(resolve(dirname(fileURLToPath(import.meta.url)), '../../..'));

const RESERVED_PORTS = new Set([47811]); // the e2e tests' port
const MAX_SCROLL_STEPS = 300;

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


// Debian's Chromium with the flags of playwright.config.ts.
export const LAUNCH = SYSTEM_CHROMIUM
  ? {
      executablePath: SYSTEM_CHROMIUM,
      args: CHROMIUM_ARGS,
    }
  : {};
export const CONTEXT = { locale: 'fr-FR', timezoneId: 'Europe/Paris', viewport: { width: 1280, height: 800 } };

// ---------------------------------------------------------------------------------------------------
// Raw IndexedDB in the page

/**
 * Promises over raw IndexedDB, for the page functions that read or write the app's databases
 * without Dexie. One function returning them, so that its source can go to the page (`withIdb`).
 */
function idbHelpers() {
  return {
    /** A request's result (an open request's: the database), or its error. */
    done: (request) =>
      new Promise((resolveRequest, reject) => {
        request.onsuccess = () => resolveRequest(request.result);
        request.onerror = () => reject(request.error);
      }),
    /** Settles when the transaction commits; fails with its error when it fails or aborts. */
    committed: (tx) =>
      new Promise((resolveTx, reject) => {
        tx.oncomplete = () => resolveTx();
        tx.onerror = () => reject(tx.error);
        tx.onabort = () => reject(tx.error);
      }),
  };
}

/**
 * `pageFunction(arg, idb)` for page.evaluate, `idb` being `idbHelpers()` in the page. page.evaluate
 * sends a function's source text, so a page function cannot call this module's functions by name:
 * the helpers' source is sent with it, and `arg` is still passed by Playwright.
 */
function withIdb(pageFunction) {
  return new Function('arg', `return (${pageFunction})(arg, (${idbHelpers})());`);
}

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
    records: await page.evaluate(
      withIdb(async (_, { done }) => {
        const db = await done(indexedDB.open('relance'));
        const names = ['customers', 'invoices', 'payments', 'interactions'].filter((n) => db.objectStoreNames.contains(n));
        const tx = db.transaction(names, 'readonly');
        const counts = Object.fromEntries(await Promise.all(names.map(async (name) => [name, await done(tx.objectStore(name).count())])));
        db.close();
        return counts;
      }),
    ),
  };
}

/**
 * The limit: `rows` invoice-shaped plain objects put in ONE readwrite transaction of a fresh database
 * (no Dexie), with the same primary key and indexes as the app's invoices table. The objects are
 * made before the clock starts; the time ends at the transaction's `complete`.
 */
export async function measureRawInsert(page, rows, { indexes = true, payments = 0 } = {}) {
  return page.evaluate(
    withIdb(async ({ rows, indexes, payments }, { done, committed }) => {
      const name = `relance-bench-raw-${Math.random().toString(36).slice(2)}`;
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
      const db = await done(request);
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
      const tx = db.transaction(['invoices', 'payments'], 'readwrite');
      const store = tx.objectStore('invoices');
      for (const object of objects) store.put(object);
      const paymentStore = tx.objectStore('payments');
      for (const object of paymentObjects) paymentStore.put(object);
      await committed(tx);
      const ms = performance.now() - t0;
      db.close();
      await new Promise((resolveDelete) => {
        const request = indexedDB.deleteDatabase(name);
        request.onsuccess = request.onerror = request.onblocked = () => resolveDelete();
      });
      return ms;
    }),
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
  // A handle, not a locator: a locator runs its ARIA query over the page at every step, on the
  // page's main thread, and its cost (up to 100 ms at 100×) would count as the app's long tasks.
  const body = await table.getByRole('rowgroup').nth(1).elementHandle();
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
    performance.mark('relance-scroll-start'); // found in traces (profile.mjs)
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
  const scrollStart = await page.evaluate(() => window.__scrollStart);
  const rowsDrawn = await body.evaluate((element) => element.querySelectorAll('[role="row"]').length);
  await body.dispose();
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
    // When each long task came (ms after the first wheel step) and how long it took.
    tasks: tasks.map((task) => ({ atMs: Math.round(task.start - scrollStart), ms: Math.round(task.duration) })),
  };
}

/**
 * Waits until the app's start-up copy of the ledger (db/ledger-cache.ts) is current, as it is when
 * a session ends normally: the app writes it once the user pauses, so a tab closed right after a
 * scroll would leave the next start reading every table. Returns how long it waited (ms), or
 * undefined when the copy was still not current after `timeoutMs`.
 */
export async function waitForStartupCache(page, timeoutMs = 120_000) {
  const t0 = Date.now();
  while (Date.now() - t0 < timeoutMs) {
    const current = await page.evaluate(withIdb(async (_, { done }) => {
      const generation = Number(localStorage.getItem('relance:cache-generation:relance'));
      // Opening a database that does not exist would create it: look first.
      if (!(await indexedDB.databases()).some((d) => d.name === 'relance-cache')) return false;
      const db = await done(indexedDB.open('relance-cache')).catch(() => undefined);
      if (!db || !db.objectStoreNames.contains('entries')) {
        db?.close();
        return false;
      }
      // The copy's stamp (db/ledger-cache.ts), written with the tables in one transaction.
      const stamp = await done(db.transaction('entries', 'readonly').objectStore('entries').get('stamp')).catch(() => undefined);
      db.close();
      return stamp?.generation === generation;
    }));
    if (current) return Date.now() - t0;
    await page.waitForTimeout(1_000);
  }
  return undefined;
}

/** From page.goto to the "Aujourd’hui" heading and the worklist table visible, in a new tab. */
export async function measureColdStart(context, url) {
  const page = await context.newPage();
  const t0 = Date.now();
  await page.goto(url + '#/');
  await page.getByRole('heading', { level: 1, name: /^Aujourd’hui/ }).waitFor({ timeout: 300_000 });
  await page.getByRole('table', { name: 'Clients à relancer' }).waitFor({ timeout: 300_000 });
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
  await page.getByRole('heading', { name: 'Retards par ancienneté' }).waitFor({ timeout: 300_000 });
  await page.getByRole('table', { name: 'Les 10 clients les plus en retard' }).waitFor({ timeout: 300_000 });
  const ms = Date.now() - t0;
  await page.close();
  return ms;
}


/**
 * The generated shop's history (reminders, calls, letters, notes, promises, payment plans) written
 * into the app's database after the import, which made the customers and invoices: the records
 * name their customer and invoices by name and number, mapped here to the ids the import gave.
 * Raw IndexedDB, one readwrite transaction, after bumping the cache generation as the app's writes
 * do. Returns how many records of each were written.
 */
export async function addHistory(page, history) {
  return page.evaluate(withIdb(async ({ interactions, promises, paymentPlans }, { done, committed }) => {
    const db = await done(indexedDB.open('relance'));
    const read = db.transaction(['customers', 'invoices'], 'readonly');
    const customerIds = new Map((await done(read.objectStore('customers').getAll())).map((c) => [c.name, c.id]));
    const numbers = new Set([...interactions, ...promises, ...paymentPlans].flatMap((r) => r.invoiceNumbers));
    const numberIndex = read.objectStore('invoices').index('number');
    const invoiceIds = new Map(await Promise.all([...numbers].map(async (n) => [n, await done(numberIndex.getKey(n))])));
    const map = ({ customerName, invoiceNumbers, ...record }) => ({
      ...record,
      customerId: customerIds.get(customerName),
      invoiceIds: invoiceNumbers.map((n) => invoiceIds.get(n)).filter(Boolean),
    });
    const counts = { interactions: 0, promises: 0, paymentPlans: 0 };
    // As the app does before every write (db/cache-generation.ts): otherwise the start-up copy of the
    // ledger, taken before these rows, would still be trusted and the starts would not see them.
    const generationKey = 'relance:cache-generation:relance';
    localStorage.setItem(generationKey, String((Number(localStorage.getItem(generationKey)) || 0) + 1));
    const tx = db.transaction(['interactions', 'promises', 'paymentPlans'], 'readwrite');
    for (const [store, records] of Object.entries({ interactions, promises, paymentPlans })) {
      for (const record of records) {
        const mapped = map(record);
        if (!mapped.customerId) continue;
        tx.objectStore(store).put(mapped);
        counts[store] += 1;
      }
    }
    await committed(tx);
    db.close();
    return counts;
  }), history);
}

/** Resident memory of a process from /proc (Linux), in bytes; undefined elsewhere. */
function residentBytes(pid) {
  try {
    const kb = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return kb ? Number(kb) * 1024 : undefined;
  } catch {
    return undefined;
  }
}

async function rendererPids(browser) {
  const session = await browser.newBrowserCDPSession();
  try {
    const { processInfo } = await session.send('SystemInfo.getProcessInfo');
    return processInfo.filter((p) => p.type === 'renderer').map((p) => p.id);
  } finally {
    await session.detach();
  }
}

/**
 * Cold start to an interactive Today in a new tab (as measureColdStart), then, in that tab once
 * Today is drawn, the renderer's memory: the JavaScript heap in use after a full garbage collection
 * (CDP `HeapProfiler.collectGarbage` then `Performance.getMetrics` → JSHeapUsedSize; the figure
 * compared with the target) and the resident memory (RSS, /proc) of the renderer process that the
 * tab added (information: it counts shared libraries and the DOM and images as well).
 */
export async function measureStartAndMemory(browser, context, url) {
  const before = new Set(await rendererPids(browser).catch(() => []));
  const page = await context.newPage();
  const t0 = Date.now();
  await page.goto(url + '#/');
  await page.getByRole('heading', { level: 1, name: /^Aujourd’hui/ }).waitFor({ timeout: 300_000 });
  await page.getByRole('table', { name: 'Clients à relancer' }).waitFor({ timeout: 300_000 });
  const startMs = Date.now() - t0;
  const cdp = await context.newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('Performance.enable');
  const { metrics } = await cdp.send('Performance.getMetrics');
  const metric = (name) => metrics.find((m) => m.name === name)?.value;
  const added = (await rendererPids(browser).catch(() => [])).filter((pid) => !before.has(pid));
  const rss = added.map(residentBytes).filter((bytes) => bytes !== undefined);
  await cdp.detach();
  await page.close();
  return {
    startMs,
    heapUsedBytes: metric('JSHeapUsedSize'),
    heapTotalBytes: metric('JSHeapTotalSize'),
    rendererRssBytes: rss.length ? Math.max(...rss) : undefined,
    domNodes: metric('Nodes'),
  };
}
