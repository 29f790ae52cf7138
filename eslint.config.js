import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

/** Imports that would make the pure domain code impure: UI, storage, OS and state libraries. */
const IMPURE_FOR_DOMAIN = [
  { name: 'react', message: 'domain/ is pure: no React.' },
  { name: 'react-dom', message: 'domain/ is pure: no React.' },
  { name: 'dexie', message: 'domain/ is pure: storage lives in db/.' },
  { name: 'dexie-react-hooks', message: 'domain/ is pure: storage lives in db/.' },
  { name: 'electron', message: 'domain/ is pure: the OS lives in src-main/.' },
  { name: 'zustand', message: 'domain/ is pure: UI state lives in stores/.' },
];

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-restricted-syntax': [
        'error',
        {
          selector: 'VariableDeclarator[id.name="require"]',
          message: 'electron-vite adds its own `require` to ESM bundles: do not declare one.',
        },
      ],
    },
  },
  {
    files: ['src-renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
    },
  },
  {
    files: ['src-renderer/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: IMPURE_FOR_DOMAIN,
          patterns: [
            { group: ['dexie/*', 'react/*', 'electron/*', 'zustand/*'], message: 'domain/ is pure.' },
            { group: ['**/db', '**/db/*', '**/os/*', '**/stores/*', '**/features/*', '**/ui/*'], message: 'domain/ depends on nothing but itself.' },
          ],
        },
      ],
      // The current time is an argument in domain code: `new Date()` and `Date.now()` are not allowed.
      'no-restricted-syntax': [
        'error',
        { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'domain/ takes the current time as an argument.' },
        { selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']", message: 'domain/ takes the current time as an argument.' },
      ],
    },
  },
);
