/// <reference types="electron-vite/node" />
import workerPath from './render-worker?modulePath';

/**
 * Path of the built letters worker (electron-vite emits `render-worker.ts` as its own chunk next to
 * the main bundle and gives its path). Run from sources (vitest), there is no built file: the value
 * is then not a path to a `.js` file and the service renders in its own thread.
 */
export const letterWorkerPath: unknown = workerPath;
