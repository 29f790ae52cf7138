/**
 * Where the time of a batch of formal notices goes: the notices of tests/bench/letter-notices.ts
 * (as `npm run bench` builds them) laid out by `renderLetters` in this process, under V8's sampling
 * profiler, summarised as the functions and the packages that took the most CPU. Not part of
 * `npm run bench`: run it when the letters figure needs explaining.
 *
 *   node tests/bench/letters-profile.mjs [--letters 100] [--runs 2] [--cold] [--one-by-one] [--keep-profile]
 *
 * --one-by-one renders each notice as its own document, as "print today's letters" does (each
 * letter archived on its own, then the archives merged): the per-document costs show.
 *
 * The first run warms up (fonts registered and parsed, code compiled) and is not profiled, unless
 * --cold: then the runs profiled start with the first one, as in a fresh worker. NODE_ENV is
 * production, as in the app's worker (React's development build is slower).
 */
import { Session } from 'node:inspector/promises';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir, loadavg } from 'node:os';
import { join } from 'node:path';
import { runnerImport } from 'vite';

process.env.NODE_ENV ??= 'production';
const args = process.argv.slice(2);
const value = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const LETTERS = value('--letters', 100);
const RUNS = value('--runs', 2);
const load = async (path) => (await runnerImport(path, { configFile: false, logLevel: 'error' })).module;

const { noticesOf } = await load('./tests/bench/letter-notices.ts');
const { renderLetters } = await load('./src-main/services/letters/render.ts');
const notices = noticesOf(100, LETTERS);
const ONE_BY_ONE = args.includes('--one-by-one');
const renderAll = async () => {
  if (!ONE_BY_ONE) return renderLetters(notices);
  let pages = 0;
  for (const notice of notices) pages += (await renderLetters([notice])).pages;
  return { pages };
};

if (!args.includes('--cold')) {
  const first = await renderAll();
  console.log(`warm-up: ${LETTERS} notices, ${first.pages} pages`);
}

const session = new Session();
session.connect();
await session.post('Profiler.enable');
await session.post('Profiler.setSamplingInterval', { interval: 200 });
await session.post('Profiler.start');
const times = [];
for (let run = 0; run < RUNS; run += 1) {
  const started = performance.now();
  await renderAll();
  times.push(performance.now() - started);
}
const { profile } = await session.post('Profiler.stop');
session.disconnect();
console.log(`renderLetters(${LETTERS} notices${ONE_BY_ONE ? ', one document each' : ''}): ${times.map((t) => `${Math.round(t)} ms`).join(', ')} (load average ${loadavg().map((l) => l.toFixed(2)).join(' ')})`);

// Self time per function and per package, and total (inclusive) time per function.
const byId = new Map(profile.nodes.map((node) => [node.id, node]));
const dt = new Map();
profile.samples.forEach((id, i) => dt.set(id, (dt.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
const total = [...dt.values()].reduce((a, b) => a + b, 0);
const where = (frame) => {
  const url = frame.url.replace(/^file:\/\//, '').replace(process.cwd() + '/', '');
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url)?.[1] ?? (url.startsWith('src-') || url.startsWith('tests/') ? 'relance' : url || '(native)');
  return { pkg, name: `${frame.functionName || '(anonymous)'} ${url.split('/').slice(-2).join('/')}:${frame.lineNumber + 1}` };
};
const self = new Map();
const packages = new Map();
const inclusive = new Map();
const parent = new Map();
for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
for (const [id, time] of dt) {
  const node = byId.get(id);
  const { pkg, name } = where(node.callFrame);
  self.set(name, (self.get(name) ?? 0) + time);
  packages.set(pkg, (packages.get(pkg) ?? 0) + time);
  const seen = new Set();
  for (let at = id; at !== undefined; at = parent.get(at)) {
    const frameName = where(byId.get(at).callFrame).name;
    if (seen.has(frameName)) continue;
    seen.add(frameName);
    inclusive.set(frameName, (inclusive.get(frameName) ?? 0) + time);
  }
}
const top = (map, n) =>
  [...map].sort((a, b) => b[1] - a[1]).slice(0, n).map(([name, time]) => `  ${(time / 1000 / RUNS).toFixed(0).padStart(6)} ms  ${((100 * time) / total).toFixed(1).padStart(5)} %  ${name}`);
console.log(`\nSelf time by package (per run):\n${top(packages, 15).join('\n')}`);
console.log(`\nSelf time by function (per run):\n${top(self, 40).join('\n')}`);
console.log(`\nTotal time by function (per run):\n${top(inclusive, 60).join('\n')}`);
if (args.includes('--keep-profile')) {
  const file = join(mkdtempSync(join(tmpdir(), 'relance-letters-profile-')), 'letters.cpuprofile');
  writeFileSync(file, JSON.stringify(profile));
  console.log(`\nprofile: ${file} (load it in Chrome DevTools)`);
}
