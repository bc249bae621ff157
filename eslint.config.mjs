// Lint keeps DESIGN.md's dependency direction true:
// apps -> libs/core -> (libs/db, libs/linkedin, libs/contracts, libs/domain); workflows -> libs/contracts and
// libs/domain by relative path; libs/contracts -> libs/domain and the SDK's define* functions;
// the emulator imports only the wire types of libs/linkedin; nothing imports apps.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const nodeBuiltins = ['fs', 'path', 'os', 'crypto', 'http', 'https', 'net', 'child_process', 'stream', 'util', 'events', 'url', 'zlib', 'worker_threads', 'timers', 'buffer', 'dns', 'tls'];
const builtinPatterns = nodeBuiltins.flatMap((m) => [m, `node:${m}`, `${m}/*`, `node:${m}/*`]);
const noApps = { group: ['**/apps/**', 'apps/*'], message: 'Nothing imports apps.' };
const contractsByAlias = { group: ['**/workflows/**', '**/contracts/src/**'], message: 'Import workflow contracts from @threadline/contracts; workflow code stays in workflows/.' };
// Signals, queries and updates are addressed by their define* objects (libs/contracts), never by a name string.
const messageByName = {
  selector: "CallExpression[callee.property.name=/^(signal|query|executeUpdate|startUpdate|executeUpdateWithStart|startUpdateWithStart)$/][arguments.0.type='Literal'][arguments.0.value=/^[A-Za-z_][\\w-]*$/]",
  message: 'Address a signal, query or update by its define* object from libs/contracts, not by its name.',
};
const signalWithStartByName = { selector: "CallExpression[callee.property.name='signalWithStart'] Property[key.name='signal'][value.type='Literal']", message: 'signalWithStart takes the signal definition from libs/contracts, not its name.' };
const definesOutsideContracts = { selector: "CallExpression[callee.name=/^define(Signal|Query|Update|SearchAttributeKey)$/]", message: 'Signals, queries, updates and search attribute keys are defined once, in libs/contracts.' };

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
    files: ['**/*.ts'],
    ignores: ['apps/linkedin-emulator/**', 'libs/contracts/**'],
    rules: { 'no-restricted-syntax': ['error', messageByName, signalWithStartByName, definesOutsideContracts] },
  },
  {
    // Benchmarks print their figures on stdout.
    files: ['bench/**/*.ts'],
    rules: { 'no-console': 'off' },
  },
  {
    files: ['workflows/**/*.ts'],
    ignores: ['workflows/**/*.spec.ts', 'workflows/test/**'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: builtinPatterns.filter((p) => !p.includes('*')).map((name) => ({ name, message: 'Workflows are deterministic: no Node built-ins.' })),
        patterns: [
          { group: builtinPatterns.filter((p) => p.includes('*')), message: 'Workflows are deterministic: no Node built-ins.' },
          { group: ['@threadline/*', '@nestjs/*', 'typeorm', 'pg', '@temporalio/client', '@temporalio/worker', '@temporalio/activity', '**/libs/db/**', '**/libs/core/**', '**/libs/linkedin/**'], message: 'Workflows import only @temporalio/workflow, libs/contracts and pure code from libs/domain, by relative path.' },
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
    // The contracts are shared with the workflow sandbox: the SDK's define* functions, types, and pure code from libs/domain.
    files: ['libs/contracts/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [
        { regex: '^(?!(@temporalio/(workflow|common)|\\./[\\w-]+|\\.\\./\\.\\./domain/src/[\\w/-]+)$)', message: 'libs/contracts imports only @temporalio/workflow, @temporalio/common and libs/domain (relative).' },
      ] }],
    },
  },
  {
    files: ['libs/core/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [noApps, contractsByAlias] }] },
  },
  {
    files: ['apps/api/**/*.ts', 'apps/worker/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [noApps, contractsByAlias] }] },
  },
);
