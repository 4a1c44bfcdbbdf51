import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

// Layers point down only: renderer → shared, electron → shared. shared/ is pure domain code.
const FRAMEWORK_IMPORTS = ['electron', 'react', 'react-dom', 'react-dom/*', 'dexie', 'dexie-react-hooks', 'zustand', 'zustand/*', 'echarts', 'echarts/*'];
const NODE_BUILTINS = ['fs', 'fs/*', 'path', 'os', 'child_process', 'url', 'http', 'https', 'crypto', 'stream', 'worker_threads', 'node:*'];

export default tseslint.config(
  { ignores: ['dist/**', 'release/**', 'node_modules/**', 'test-results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  // Globals per layer, as the layer tsconfigs give types: shared/ only ECMAScript's, the renderer the browser's
  // (and a worker's), electron/ Node's, tests and configs both. typescript-eslint turns no-undef off for .ts files,
  // so there the layer tsconfigs are what enforces this; these lists matter for the .js and .mjs files.
  { files: ['renderer/**/*.{ts,tsx}'], languageOptions: { globals: { ...globals.browser, ...globals.worker } } },
  { files: ['electron/**/*.{ts,mjs,js}'], languageOptions: { globals: globals.node } },
  { files: ['tests/**', '**/*.test.ts', '*.{js,mjs,ts}', '.ci/**'], languageOptions: { globals: { ...globals.node, ...globals.browser } } },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      'no-restricted-syntax': [
        'error',
        { selector: "JSXAttribute[name.name='dangerouslySetInnerHTML']", message: 'Incident text is untrusted: never render it as HTML.' },
        { selector: "CallExpression[callee.property.name='only'][callee.object.name=/^(it|test|describe)$/]", message: 'No focused tests.' },
      ],
    },
  },
  {
    files: ['shared/**/*.ts'],
    ignores: ['shared/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/renderer/**', '**/electron/**'], message: 'shared/ must not import renderer/ or electron/.' },
            { group: [...FRAMEWORK_IMPORTS, ...NODE_BUILTINS], message: 'shared/ is pure: no DOM framework, Node, Electron, React or Dexie.' },
          ],
        },
      ],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    ignores: ['renderer/**/*.test.ts'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/electron/**', 'electron'], message: 'The renderer reaches Electron only through window.api (renderer/src/platform).' },
            { group: NODE_BUILTINS, message: 'The renderer runs in a browser: no Node built-ins.' },
          ],
        },
      ],
    },
  },
  {
    files: ['electron/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['**/renderer/**'], message: 'electron/ must not import renderer/.' }] }],
    },
  },
  {
    // The CLI runs under plain Node, where Electron is not there.
    files: ['electron/cli/**/*.ts'],
    ignores: ['electron/cli/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/renderer/**'], message: 'electron/ must not import renderer/.' },
            { group: ['electron', 'electron/*', '**/main/**', '**/preload/**'], message: 'The CLI runs under plain Node: no Electron.' },
          ],
        },
      ],
    },
  },
);
