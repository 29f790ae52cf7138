import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REVIEWED_FINDINGS } from '../security/electronegativity-reviewed';

/**
 * The Electron security scanner over the main process's source, with no finding left unexplained:
 * each one is reviewed in tests/security/electronegativity-reviewed.ts, with the test that proves
 * the point. The Electron version is given (`-e`) so the tool need not ask the network for it.
 */
const root = resolve(import.meta.dirname, '../..');
const electronVersion = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { devDependencies: Record<string, string> }).devDependencies.electron!;

interface Finding {
  check: string;
  file: string;
  location: string;
  severity: string;
}

let findings: Finding[] = [];
let work: string;

/** One scan: the findings, or undefined when the report came out malformed (seen on a loaded machine). */
function scan(output: string): Finding[] | undefined {
  execFileSync(join(root, 'node_modules/.bin/electronegativity'), ['-i', join(root, 'src-main'), '-r', '-v', 'false', '-e', electronVersion, '-o', output], {
    cwd: root,
    stdio: 'pipe',
    timeout: 120_000,
  });
  const parsed = Papa.parse<Record<string, string | undefined>>(readFileSync(output, 'utf8'), { header: true, skipEmptyLines: true, transformHeader: (h) => h.trim() });
  const rows = parsed.data.map((row) => ({ check: row.issue?.trim(), file: row.filename?.trim(), location: row.location?.trim(), severity: row.severity?.trim() }));
  return rows.every((row): row is Finding => !!row.check && !!row.file && !!row.location && !!row.severity) ? rows : undefined;
}

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'relance-electronegativity-'));
  const output = join(work, 'findings.csv');
  // A malformed report is scanned once more; twice malformed fails with the report itself, to read.
  const result = scan(output) ?? scan(output);
  if (!result) throw new Error(`electronegativity wrote a report that cannot be read:\n${readFileSync(output, 'utf8')}`);
  findings = result;
}, 280_000);

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('electronegativity over src-main', () => {
  it('reads the main process and finds what it always finds (the scan really ran)', () => {
    // The BrowserWindow is always reported (its options are built by a function): an empty list
    // would mean the scanner read nothing, not that everything is fine.
    expect(findings.some((f) => f.file === 'electron/window.ts')).toBe(true);
  });

  it('reports nothing that has not been reviewed', () => {
    const unexplained = findings.filter((f) => !REVIEWED_FINDINGS.some((r) => r.check === f.check && r.file === f.file));
    expect(unexplained, 'review each new finding in tests/security/electronegativity-reviewed.ts').toEqual([]);
  });

  it('has no stale review: each reviewed finding is still reported', () => {
    const stale = REVIEWED_FINDINGS.filter((r) => !findings.some((f) => f.check === r.check && f.file === r.file));
    expect(stale).toEqual([]);
  });
});
