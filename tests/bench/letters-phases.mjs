/**
 * Where "print today's letters" spends its time, phase by phase, in the BUILT letters worker threads
 * (run `npx electron-vite build` first), as tests/bench/letters-flow.bench.ts runs it: 100 formal
 * notices each laid out alone (its archive), two at a time on the two threads, then merged. Prints,
 * per run, the parallel layout time, the per-letter median and maximum, the merge, the CPU time of
 * all the process's threads (steadier than the clock when others share the machine) and the sizes.
 * Not part of `npm run bench`: run it when the letters figure needs explaining, or to compare two
 * builds A/B in the same minutes (the machine is shared, figures taken at other times mislead):
 *
 *   NODE_ENV=production node tests/bench/letters-phases.mjs [--runs 4] [--chunks out/main/chunks] [--versus <other chunks folder>] [--interleave] [--young-mb n] [--versus-young-mb n]
 *
 * With --versus, both builds get their own pair of threads, warmed by one run each (not printed),
 * and the runs alternate A, B, A, B… so that both see the same load. With --versus and
 * --interleave, the alternation is per letter instead (finer, for a busy machine): each notice is
 * laid out on one thread of A, then of B (B first every other notice), and then the merges
 * alternate; per-letter medians and means are printed. To keep a "before" build:
 * `mkdir -p out/bench-before && cp -r out/main/* out/bench-before/` (inside the repository, so that
 * its imports find node_modules; out/ is ignored by git and electron-vite rebuilds only out/main).
 */
import { readdirSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { runnerImport } from 'vite';

process.env.NODE_ENV ??= 'production';
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : fallback;
};
const RUNS = Number(option('--runs', 4));
const builds = [option('--chunks', join('out', 'main', 'chunks')), option('--versus', undefined)].filter(Boolean);
/**
 * --young-mb n / --versus-young-mb n: the first / second build's threads get a young generation of
 * n MB instead of the app's (worker-client.ts LETTER_WORKER_YOUNG_GENERATION_MB); 0 is V8's own.
 */
const youngMb = [option('--young-mb', undefined), option('--versus-young-mb', undefined)].map((value) => (value === undefined ? undefined : Number(value)));

const load = async (path) => (await runnerImport(path, { configFile: false, logLevel: 'error' })).module;
const { createWorkerRenderer } = await load('./src-main/services/letters/worker-client.ts');
const { LETTER_WORKERS } = await load('./src-main/services/letters/index.ts');
const { noticesOf } = await load('./tests/bench/letter-notices.ts');
const notices = noticesOf(100);

const pools = builds.map((folder, index) => {
  const worker = readdirSync(folder).find((file) => /^render-worker-.*\.js$/.test(file));
  if (!worker) throw new Error(`no render-worker chunk in ${folder}`);
  const young = youngMb[index];
  const pool = createWorkerRenderer(resolve(folder, worker), { size: LETTER_WORKERS, ...(young === undefined ? {} : { youngGenerationMb: young }) });
  return { folder: young === undefined ? folder : `${folder} (young generation ${young || "V8's"} MB)`, pool, totals: [], cpus: [] };
});

async function flow(pool) {
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  const files = new Array(notices.length);
  const perLetter = [];
  let next = 0;
  const work = async () => {
    while (next < notices.length) {
      const index = next++;
      const begun = performance.now();
      files[index] = (await pool.render([notices[index]])).pdf;
      perLetter.push(performance.now() - begun);
    }
  };
  await Promise.all(Array.from({ length: LETTER_WORKERS }, work));
  const laidOut = performance.now();
  const merged = await pool.merge(files);
  const ended = performance.now();
  const cpu = process.cpuUsage(cpuBefore);
  perLetter.sort((a, b) => a - b);
  return {
    render: laidOut - started,
    median: perLetter[Math.floor(perLetter.length / 2)],
    max: perLetter.at(-1),
    merge: ended - laidOut,
    total: ended - started,
    cpu: (cpu.user + cpu.system) / 1000,
    archiveKb: files[0].length / 1024,
    mergedKb: merged.pdf.length / 1024,
  };
}

for (const build of pools) await flow(build.pool); // warm-up: module load, fonts, JIT

if (args.includes('--interleave') && pools.length === 2) {
  const times = pools.map(() => ({ letters: [], merges: [] }));
  const archives = pools.map(() => []);
  const timed = async (work) => {
    const begun = performance.now();
    const result = await work();
    return [performance.now() - begun, result];
  };
  for (let run = 0; run < RUNS; run += 1) {
    for (let index = 0; index < notices.length; index += 1) {
      for (const which of (index + run) % 2 === 0 ? [0, 1] : [1, 0]) {
        const [ms, result] = await timed(() => pools[which].pool.render([notices[index]]));
        times[which].letters.push(ms);
        archives[which][index] = result.pdf;
      }
    }
    for (const which of run % 2 === 0 ? [0, 1] : [1, 0]) times[which].merges.push((await timed(() => pools[which].pool.merge(archives[which])))[0]);
  }
  const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
  const mean = (values) => values.reduce((sum, value) => sum + value, 0) / values.length;
  pools.forEach((build, which) =>
    console.log(
      `${build.folder}: per letter median ${median(times[which].letters).toFixed(1)} ms, mean ${mean(times[which].letters).toFixed(1)} over ${times[which].letters.length}; ` +
        `merge median ${median(times[which].merges).toFixed(0)} ms over ${times[which].merges.length}; load ${loadavg()[0].toFixed(2)}`,
    ),
  );
  await Promise.all(pools.map((build) => build.pool.stop()));
  process.exit(0);
}

for (let run = 0; run < RUNS; run += 1) {
  for (const build of pools) {
    const r = await flow(build.pool);
    build.totals.push(r.total);
    build.cpus.push(r.cpu);
    console.log(
      `${build.folder} run ${run}: render ${r.render.toFixed(0)} ms (per letter median ${r.median.toFixed(1)}, max ${r.max.toFixed(0)}), ` +
        `merge ${r.merge.toFixed(0)} ms, total ${r.total.toFixed(0)}, CPU ${r.cpu.toFixed(0)} ms; archive ${r.archiveKb.toFixed(0)} KB, merged ${r.mergedKb.toFixed(0)} KB; load ${loadavg()[0].toFixed(2)}`,
    );
  }
}
for (const build of pools) {
  const sorted = [...build.totals].sort((a, b) => a - b);
  const mean = sorted.reduce((sum, t) => sum + t, 0) / sorted.length;
  const cpus = [...build.cpus].sort((a, b) => a - b);
  console.log(
    `${build.folder}: mean ${mean.toFixed(0)} ms, median ${sorted[Math.floor(sorted.length / 2)].toFixed(0)}, min ${sorted[0].toFixed(0)} over ${sorted.length} runs; ` +
      `CPU (all threads) median ${cpus[Math.floor(cpus.length / 2)].toFixed(0)} ms, min ${cpus[0].toFixed(0)}`,
  );
}
await Promise.all(pools.map((build) => build.pool.stop()));
