import { execFileSync } from 'child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from 'fs';
import { tmpdir } from 'os';
import { join, resolve } from 'path';

// scripts/transpile.mjs works on the project it lives in: each test copies it into a small
// project of its own (with the real node_modules for esbuild) and runs it there.
const repository = resolve(__dirname, '../..');
let project: string;

beforeEach(() => {
  project = mkdtempSync(join(tmpdir(), 'transpile-'));
  mkdirSync(join(project, 'scripts'));
  mkdirSync(join(project, 'stacks'));
  copyFileSync(join(repository, 'scripts/transpile.mjs'), join(project, 'scripts/transpile.mjs'));
  symlinkSync(join(repository, 'node_modules'), join(project, 'node_modules'));
});
afterEach(() => rmSync(project, { recursive: true, force: true }));

const source = (name: string) => join(project, 'stacks', `${name}.ts`);
const output = (name: string) => join(project, '.gen', 'stacks', `${name}.js`);
const write = (name: string, value: string) =>
  writeFileSync(source(name), `export const value: string = '${value}';\n`);
const transpile = () =>
  execFileSync(
    process.execPath,
    [
      '--input-type=module',
      '-e',
      "await (await import('./scripts/transpile.mjs')).transpile(['stacks'])",
    ],
    { cwd: project },
  );
const compiledValue = (name: string) =>
  /value = "([^"]*)"/.exec(readFileSync(output(name), 'utf8'))?.[1];

describe('transpile', () => {
  test('a deleted source file is gone from the next output', () => {
    write('dev', 'dev');
    write('staging', 'staging');
    transpile();
    expect(compiledValue('staging')).toBe('staging');
    rmSync(source('staging'));
    transpile();
    expect(existsSync(output('staging'))).toBe(false);
    expect(compiledValue('dev')).toBe('dev');
  });

  test('a file restored with an older timestamp than the output is transpiled again', () => {
    write('prod', 'new');
    transpile();
    write('prod', 'restored');
    const old = new Date('2020-01-01T00:00:00Z');
    utimesSync(source('prod'), old, old);
    transpile();
    expect(compiledValue('prod')).toBe('restored');
  });

  test('unchanged sources are not transpiled again, even when touched', () => {
    write('dev', 'dev');
    transpile();
    const built = statSync(output('dev')).mtimeMs;
    const later = new Date(Date.now() + 60_000);
    utimesSync(source('dev'), later, later);
    transpile();
    expect(statSync(output('dev')).mtimeMs).toBe(built);
  });

  describe('a file that loads zod', () => {
    const keptBundles = () => readdirSync(join(project, '.gen', '.bundles'));
    const writeSchema = (extra = '') =>
      writeFileSync(
        source('schema'),
        `import * as z from 'zod/mini';\nimport { value } from './dev';\n${extra}` +
          `export const check = (v: unknown) => z.string().check(z.minLength(2)).safeParse(v).success && value;\n`,
      );
    const runCheck = (input: string) =>
      execFileSync(
        process.execPath,
        ['-p', `require(${JSON.stringify(output('schema'))}).check(${JSON.stringify(input)})`],
        {
          cwd: project,
          encoding: 'utf8',
        },
      ).trim();

    test('is bundled with the parts of zod it uses; its own imports stay requires of their transpiled files', () => {
      write('dev', 'dev');
      writeSchema();
      transpile();
      const bundled = readFileSync(output('schema'), 'utf8');
      expect(bundled).not.toMatch(/require\("zod/);
      expect(bundled).toContain('require("./dev")');
      expect(runCheck('ok')).toBe('dev');
      expect(runCheck('x')).toBe('false');
      expect(keptBundles()).toHaveLength(1);
    });

    test('is not bundled again when another file changes; a change of its own replaces the kept bundle', () => {
      write('dev', 'dev');
      writeSchema();
      transpile();
      const [kept] = keptBundles();
      const built = statSync(join(project, '.gen', '.bundles', kept)).mtimeMs;
      write('dev', 'changed');
      transpile();
      expect(keptBundles()).toEqual([kept]);
      expect(statSync(join(project, '.gen', '.bundles', kept)).mtimeMs).toBe(built);
      expect(runCheck('ok')).toBe('changed');
      writeSchema('// a change of its own\n');
      transpile();
      expect(keptBundles()).toHaveLength(1);
      expect(keptBundles()).not.toEqual([kept]);
      expect(runCheck('ok')).toBe('changed');
    });
  });
});
