// Lint rules that protect determinism: Temporal replays workflow code, and the lifecycle
// machine must be a pure function of (snapshot, event), so neither may touch Node built-ins
// or read the clock on their own.
import { builtinModules } from 'node:module';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];
const noNode = {
  paths: nodeBuiltins.map((name) => ({
    name,
    message: 'Node built-ins are not allowed here: workflow and machine code must stay deterministic.',
  })),
};

export default tseslint.config(
  {
    ignores: ['node_modules/', 'dist/', '.tools/', 'data/', 'coverage/', 'web/dist/', '**/*.js', '**/*.cjs'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // The chain-probe spike (test/harness/chainProbe) is a machine and a workflow too.
    files: ['workflows/**/*.ts', 'machines/**/*.ts', 'test/harness/chainProbe/{machine,workflow}.ts'],
    rules: {
      'no-restricted-imports': ['error', noNode],
    },
  },
  {
    files: ['machines/**/*.ts', 'test/harness/chainProbe/machine.ts'],
    rules: {
      // XState declares machine types with `types: {} as {...}`; the rule misreads that as redundant.
      '@typescript-eslint/no-unnecessary-type-assertion': 'off',
      'no-restricted-imports': [
        'error',
        {
          ...noNode,
          patterns: [{ group: ['@temporalio/*'], message: 'The machine knows nothing of Temporal.' }],
        },
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']",
          message: 'The machine never reads a clock: take the time from the event.',
        },
        {
          selector: "NewExpression[callee.name='Date'][arguments.length=0]",
          message: 'The machine never reads a clock: take the time from the event.',
        },
        {
          selector: "CallExpression[callee.object.name='Math'][callee.property.name='random']",
          message: 'The machine is deterministic.',
        },
      ],
    },
  },
  {
    // The console runs in the browser: its globals, and no Node built-ins in what ships to the page.
    files: ['web/src/**/*.{ts,tsx}'],
    languageOptions: {
      globals: Object.fromEntries(
        [
          'window',
          'document',
          'location',
          'localStorage',
          'fetch',
          'navigator',
          'performance',
          'setTimeout',
          'clearTimeout',
          'setInterval',
          'clearInterval',
          'URLSearchParams',
          'HTMLElement',
          'HTMLDialogElement',
          'Event',
          'Response',
        ].map((g) => [g, 'readonly']),
      ),
    },
    rules: { 'no-restricted-imports': ['error', noNode] },
  },
  {
    files: ['eslint.config.mjs'],
    ...tseslint.configs.disableTypeChecked,
  },
);
