// @ts-check
const js = require('@eslint/js');
const tseslint = require('typescript-eslint');
const prettier = require('eslint-config-prettier');
const globals = require('globals');

const NO_DEV = {
  regex: '^(\\.\\./)+dev(/|$)',
  message: 'src/ never imports dev/ (the emulator is dev-only).',
};
const NO_ADDON = {
  regex: '^(\\.\\./)+addon(/|$)',
  message: 'sheets/ and core/ never import addon/ (UserError lives in core/user-error.ts).',
};

module.exports = tseslint.config(
  {
    ignores: [
      'node_modules/',
      'dist/',
      'build/',
      'coverage/',
      'test-results/',
      'src/core/reading/generated/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      eqeqeq: ['error', 'smart'],
    },
  },
  {
    files: ['**/*.js'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['src/ui/**/*.ts'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    // Layering (docs/architecture.md): nothing in src/ imports dev/ (the emulator is dev-only).
    files: ['src/**/*.ts', 'src/**/*.js'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [NO_DEV] }],
      'no-restricted-syntax': [
        'error',
        { selector: 'ImportExpression[source.value=/^(\\.\\.\\/)+dev\\//]', message: NO_DEV.message },
        { selector: 'TSImportType[argument.literal.value=/^(\\.\\.\\/)+dev\\//]', message: NO_DEV.message },
      ],
    },
  },
  {
    // Dependencies point one way: addon → sheets → core. sheets/ and core/ never import addon/.
    files: ['src/sheets/**/*.ts', 'src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [NO_DEV, NO_ADDON] }],
    },
  },
  {
    // core/ is pure: it must not reach Apps Script services, the clock or the process.
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-globals': [
        'error',
        'SpreadsheetApp',
        'PropertiesService',
        'CacheService',
        'LockService',
        'ScriptApp',
        'Session',
        'HtmlService',
        'process',
      ],
    },
  },
  prettier,
);
