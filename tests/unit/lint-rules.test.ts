import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

/** The lint rules that guard the architecture, checked on code they must refuse and code they must let through. */
describe('architecture lint rules', () => {
  const eslint = new ESLint({ cwd: new URL('../..', import.meta.url).pathname });
  const lint = async (path: string, code: string) => {
    const [result] = await eslint.lintText(code, { filePath: path });
    return (result?.messages ?? []).map((m) => m.message);
  };

  it.each([
    ["import { useState } from 'react';\nexport const x = useState;", 'no React'],
    ["import Dexie from 'dexie';\nexport const x = Dexie;", 'storage lives in db/'],
    ["import { app } from 'electron';\nexport const x = app;", 'the OS lives in src-main/'],
    ["import { create } from 'zustand';\nexport const x = create;", 'UI state lives in stores/'],
    ["import { getDatabase } from '../db';\nexport const x = getDatabase;", 'depends on nothing but itself'],
    ['export const now = () => Date.now();', 'current time as an argument'],
    ['export const now = () => new Date();', 'current time as an argument'],
  ])('keeps domain/ pure: refuses %s', async (code, words) => {
    const messages = await lint('src-renderer/domain/sample.ts', code);
    expect(messages.join('\n')).toContain(words);
  });

  it('lets pure domain code through', async () => {
    const code = "import { addDays } from './dates';\nexport const next = (d: string) => addDays(d, 1);\nexport const at = (iso: string) => new Date(iso);\n";
    expect(await lint('src-renderer/domain/sample.ts', code)).toEqual([]);
  });

  it('lets features use React and the database', async () => {
    const code = "import { useState } from 'react';\nimport { getDatabase } from '../../db';\nexport const x = [useState, getDatabase];\n";
    expect(await lint('src-renderer/features/sample/sample.ts', code)).toEqual([]);
  });
});
