import { existsSync } from 'node:fs';
import { access, readFile, realpath } from 'node:fs/promises';
import { join, relative, resolve, sep } from 'node:path';
import { ContractError } from '../../contract/errors';
import type { LETTER_METHOD_NAMES } from '../../contract/letters-names';
import type { LetterInput } from '../../contract/letters';
import type { ServiceModule } from '../handler-types';
import type { EventSink, Platform } from '../platform';
import { writeFileAtomic } from '../files';
import type { RenderedLetters } from './render';
import { createWorkerRenderer, type WorkerRenderer } from './worker-client';
import { letterWorkerPath } from './worker-path';

export type LetterMethodName = (typeof LETTER_METHOD_NAMES)[number];

/** How letters become PDF bytes: in this process, or in a worker thread (same module behind both). */
export type LetterRenderer = (letters: LetterInput[]) => Promise<RenderedLetters>;
/** How finished PDFs become one (merge.ts): in this process, or in a worker thread. */
export type PdfMerger = (pdfs: Uint8Array[]) => Promise<RenderedLetters>;

/**
 * Worker threads for letters: two, so that "print today's letters" (the renderer archives two
 * letters at a time) lays out on both cores of a small shop PC; the second starts only when two
 * letters are asked for at once.
 */
export const LETTER_WORKERS = 2;

export interface LetterServiceOptions {
  /**
   * Defaults to a worker thread running the built `render-worker` chunk, or, run from sources
   * (tests) where there is no built worker, to rendering in this process.
   */
  render?: LetterRenderer;
  /** Defaults to the worker threads' merge, or merging in this process (as `render`). */
  merge?: PdfMerger;
  /**
   * The worker threads to render, merge and warm up with; defaults to LETTER_WORKERS threads of the
   * built worker (when there is one and `render` is not given). Tests pass the built chunk's.
   */
  workers?: WorkerRenderer;
}

/**
 * Rendering in this thread (no built worker: tests and sources). Loaded on first use, so that the
 * main process does not load react-pdf at start-up when the worker does the work.
 */
export const renderInProcess: LetterRenderer = async (letters) => (await import('./render')).renderLetters(letters);
export const mergeInProcess: PdfMerger = async (pdfs) => (await import('./merge')).mergePdfs(pdfs);

/** The built worker's file, when there is one (see worker-path.ts). */
export function builtWorkerPath(): string | undefined {
  const path = letterWorkerPath;
  return typeof path === 'string' && /\.[cm]?js$/.test(path) && existsSync(path) ? path : undefined;
}

/**
 * Where an archived letter goes: `<data>/letters/<year of the letter>/<name>.pdf`. An existing copy is
 * never replaced (an archive is evidence of what was sent): the next free `<name> (2).pdf` is used.
 */
export async function archivePathFor(dataDir: string, letterDate: string, name: string): Promise<string> {
  const base = name.replace(/\.pdf$/i, '');
  const folder = join(dataDir, 'letters', letterDate.slice(0, 4));
  for (let attempt = 1; ; attempt += 1) {
    const path = join(folder, attempt === 1 ? `${base}.pdf` : `${base} (${attempt}).pdf`);
    try {
      await access(path);
    } catch {
      return path;
    }
  }
}

/** `letters/<year>/<file>.pdf`, the archive's id: its path in the data folder with `/` separators. */
export function archiveIdOf(dataDir: string, path: string): string {
  return relative(dataDir, path).split(sep).join('/');
}

/**
 * The file of an archived letter, from an id the contract already checked (`archivedLetterId`):
 * checked again here, after resolving links, to stay inside `<data>/letters`, so that no id can read
 * another file of the disk.
 */
export async function archivedLetterPath(dataDir: string, id: string): Promise<string> {
  const folder = resolve(dataDir, 'letters');
  const path = resolve(dataDir, ...id.split('/'));
  const inside = (candidate: string, root: string) => candidate.startsWith(root + sep);
  if (!inside(path, folder) || !path.toLowerCase().endsWith('.pdf')) {
    throw new ContractError('invalid-arguments', 'letters: not an archived letter', [{ path: 'id', message: 'is outside the letters folder' }]);
  }
  let real: string;
  try {
    real = await realpath(path);
  } catch {
    throw new ContractError('io-error', `letters: no archived letter ${id}`);
  }
  if (!inside(real, await realpath(folder))) {
    throw new ContractError('invalid-arguments', 'letters: not an archived letter', [{ path: 'id', message: 'is outside the letters folder' }]);
  }
  return real;
}

/** Where a batch to print is written before the print dialog opens it (replaced at each print). */
function printCopyPath(dataDir: string): string {
  return join(dataDir, 'documents', 'print', 'courriers-du-jour.pdf');
}

/** The letters service: PDF letters rendered with @react-pdf/renderer, archived in the data folder. */
export async function createLetterService(
  platform: Platform,
  _events: EventSink,
  options: LetterServiceOptions = {},
): Promise<ServiceModule<LetterMethodName>> {
  const workerPath = options.render || options.workers ? undefined : builtWorkerPath();
  const worker = options.workers ?? (workerPath ? createWorkerRenderer(workerPath, { size: LETTER_WORKERS }) : undefined);
  const render: LetterRenderer = options.render ?? worker?.render ?? renderInProcess;
  const merge: PdfMerger = options.merge ?? worker?.merge ?? mergeInProcess;

  /** Writes a batch for the print dialog and opens it (desktop); `false` in the browser mode. */
  const printBatch = async (pdf: Uint8Array): Promise<boolean> => {
    if (!platform.supportsDocumentViewer) return false;
    const path = printCopyPath(platform.dataDir);
    await writeFileAtomic(path, pdf);
    return platform.printDocument(path);
  };

  return {
    handlers: {
      'letters.render': async ({ letter, archiveAs }) => {
        const { pdf, pages } = await render([letter]);
        let archivedPath: string | undefined;
        if (archiveAs !== undefined) {
          archivedPath = await archivePathFor(platform.dataDir, letter.date, archiveAs);
          await writeFileAtomic(archivedPath, pdf);
        }
        return {
          pdfBase64: Buffer.from(pdf).toString('base64'),
          pages,
          ...(archivedPath ? { archivedPath } : {}),
        };
      },
      'letters.renderBatch': async ({ letters, print }) => {
        const { pdf, pages } = await render(letters);
        const printed = print ? await printBatch(pdf) : undefined;
        return {
          pdfBase64: Buffer.from(pdf).toString('base64'),
          pages,
          letters: letters.length,
          ...(printed === undefined ? {} : { printed }),
        };
      },
      'letters.archive': async ({ letter, name }) => {
        const { pdf, pages } = await render([letter]);
        const path = await archivePathFor(platform.dataDir, letter.date, name);
        await writeFileAtomic(path, pdf);
        return { id: archiveIdOf(platform.dataDir, path), pages };
      },
      'letters.openArchived': async ({ id, print }) => {
        const path = await archivedLetterPath(platform.dataDir, id);
        if (platform.supportsDocumentViewer) {
          const shown = print ? await platform.printDocument(path) : await platform.openDocument(path);
          if (shown) return { status: 'opened' as const };
        }
        return { status: 'open-in-renderer' as const, pdfBase64: (await readFile(path)).toString('base64') };
      },
      'letters.mergeArchived': async ({ ids, print }) => {
        const files = await Promise.all(ids.map(async (id) => new Uint8Array(await readFile(await archivedLetterPath(platform.dataDir, id)))));
        const { pdf, pages } = await merge(files);
        const printed = print ? await printBatch(pdf) : undefined;
        return {
          pdfBase64: Buffer.from(pdf).toString('base64'),
          pages,
          letters: ids.length,
          ...(printed === undefined ? {} : { printed }),
        };
      },
      'letters.readArchived': async ({ id }) => {
        const path = await archivedLetterPath(platform.dataDir, id);
        return { pdfBase64: (await readFile(path)).toString('base64') };
      },
      // In the workers only: warming up in this process would hold the main thread for seconds.
      'letters.warmUp': async () => {
        if (!worker || options.render) return { warmed: false };
        await worker.warm();
        return { warmed: true };
      },
    },
    stop: () => {
      void worker?.stop();
    },
  };
}
