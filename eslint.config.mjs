// Lint keeps DESIGN.md's dependency direction true:
// apps -> libs/core -> (libs/db, libs/linkedin, libs/domain); workflows -> libs/domain only;
// the emulator imports only the wire types of libs/linkedin; nothing imports apps.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const nodeBuiltins = ['fs', 'path', 'os', 'crypto', 'http', 'https', 'net', 'child_process', 'stream', 'util', 'events', 'url', 'zlib', 'worker_threads', 'timers', 'buffer', 'dns', 'tls'];
const builtinPatterns = nodeBuiltins.flatMap((m) => [m, `node:${m}`, `${m}/*`, `node:${m}/*`]);
const noApps = { group: ['**/apps/**', 'apps/*'], message: 'Nothing imports apps.' };

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', '.data/**', '.tools/**', 'coverage/**', '**/*.js', '**/*.mjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
      'no-console': ['error', { allow: ['warn', 'error'] }],
    },
  },
  {
    // Benchmarks print their figures on stdout.
    files: ['bench/**/*.ts'],
    rules: { 'no-console': 'off' },
  },
  {
    files: ['workflows/**/*.ts'],
    ignores: ['workflows/**/*.spec.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: builtinPatterns.filter((p) => !p.includes('*')).map((name) => ({ name, message: 'Workflows are deterministic: no Node built-ins.' })),
        patterns: [
          { group: builtinPatterns.filter((p) => p.includes('*')), message: 'Workflows are deterministic: no Node built-ins.' },
          { group: ['@threadline/*', '@nestjs/*', 'typeorm', 'pg', '@temporalio/client', '@temporalio/worker', '@temporalio/activity', '**/libs/db/**', '**/libs/core/**', '**/libs/linkedin/**'], message: 'Workflows import only @temporalio/workflow and pure code from libs/domain by relative path.' },
          noApps,
        ],
      }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    // The API and the worker reach the database only through libs/core's services (the emulator has its own rule below).
    files: ['apps/**/*.ts'],
    ignores: ['apps/linkedin-emulator/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [
        { group: ['@threadline/db', '@threadline/db/*', '**/libs/db/**', 'typeorm', 'typeorm/*', '@nestjs/typeorm', 'pg', 'pg/*'], message: 'Apps import @threadline/core (and @threadline/domain for pure types and errors), never libs/db, typeorm or pg.' },
      ] }],
    },
  },
  {
    files: ['apps/linkedin-emulator/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [{ name: '@threadline/linkedin', message: 'The emulator imports only the wire types: @threadline/linkedin/wire.' }],
        patterns: [
          { group: ['@threadline/core', '@threadline/db', '@threadline/domain', '**/libs/**'], message: 'The emulator imports only @threadline/linkedin/wire.' },
          noApps,
        ],
      }],
    },
  },
  {
    files: ['libs/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [
        { group: ['@threadline/*', '@nestjs/*', 'typeorm', 'pg', '@temporalio/*'], message: 'libs/domain is pure TypeScript.' },
        noApps,
      ] }],
    },
  },
  {
    files: ['libs/linkedin/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [
        { group: ['@threadline/core', '@threadline/db', '@nestjs/*', 'typeorm', '@temporalio/*'], message: 'libs/linkedin depends on libs/domain at most.' },
        noApps,
      ] }],
    },
  },
  {
    files: ['libs/db/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [
        { group: ['@threadline/core', '@threadline/linkedin', '@temporalio/*'], message: 'libs/db depends on libs/domain at most.' },
        noApps,
      ] }],
    },
  },
  {
    files: ['libs/core/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [noApps] }] },
  },
);
