import { existsSync } from 'node:fs';
import { access } from 'node:fs/promises';
import { join } from 'node:path';
import type { LETTER_METHOD_NAMES } from '../../contract/letters-names';
import type { LetterInput } from '../../contract/letters';
import type { ServiceModule } from '../handler-types';
import type { EventSink, Platform } from '../platform';
import { writeFileAtomic } from '../files';
import type { RenderedLetters } from './render';
import { createWorkerRenderer } from './worker-client';
import { letterWorkerPath } from './worker-path';

export type LetterMethodName = (typeof LETTER_METHOD_NAMES)[number];

/** How letters become PDF bytes: in this process, or in a worker thread (same module behind both). */
export type LetterRenderer = (letters: LetterInput[]) => Promise<RenderedLetters>;

export interface LetterServiceOptions {
  /**
   * Defaults to a worker thread running the built `render-worker` chunk, or, run from sources
   * (tests) where there is no built worker, to rendering in this process.
   */
  render?: LetterRenderer;
}

/**
 * Rendering in this thread (no built worker: tests and sources). Loaded on first use, so that the
 * main process does not load react-pdf at start-up when the worker does the work.
 */
export const renderInProcess: LetterRenderer = async (letters) => (await import('./render')).renderLetters(letters);

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

/** The letters service: PDF letters rendered with @react-pdf/renderer, archived in the data folder. */
export async function createLetterService(
  platform: Platform,
  _events: EventSink,
  options: LetterServiceOptions = {},
): Promise<ServiceModule<LetterMethodName>> {
  const workerPath = options.render ? undefined : builtWorkerPath();
  const worker = workerPath ? createWorkerRenderer(workerPath) : undefined;
  const render: LetterRenderer = options.render ?? worker?.render ?? renderInProcess;
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
      'letters.renderBatch': async ({ letters }) => {
        const { pdf, pages } = await render(letters);
        return { pdfBase64: Buffer.from(pdf).toString('base64'), pages, letters: letters.length };
      },
    },
    stop: () => {
      void worker?.stop();
    },
  };
}
