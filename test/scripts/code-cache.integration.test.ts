import { execFileSync, spawnSync } from 'child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'fs';
import { tmpdir } from 'os';
import { dirname, join, resolve } from 'path';

// scripts/code-cache.mjs in a small project of its own: an entry that turns the cache on and
// requires modules from .gen/ and node_modules/, run as a process like the app.
const repository = resolve(__dirname, '../..');
let project: string;

const ENTRY = `
import { createRequire } from 'node:module';
import { useCodeCache } from './scripts/code-cache.mjs';
useCodeCache('test', new URL('./.gen/code-cache', import.meta.url).pathname);
const require = createRequire(import.meta.url);
const late = await require('./.gen/dynamic.js').load();
console.log(JSON.stringify({ ...require('./.gen/main.js'), late }));
`;

const write = (file: string, content: string) => {
  mkdirSync(dirname(join(project, file)), { recursive: true });
  writeFileSync(join(project, file), content);
};

beforeEach(() => {
  project = mkdtempSync(join(tmpdir(), 'code-cache-'));
  mkdirSync(join(project, 'scripts'));
  copyFileSync(join(repository, 'scripts/code-cache.mjs'), join(project, 'scripts/code-cache.mjs'));
  write('entry.mjs', ENTRY);
  write(
    '.gen/main.js',
    `module.exports = { value: require('./value').value(), cli: require('./cli').ok,
      outer: require('dup'), inner: require('pkg') };\n`,
  );
  write('.gen/value.js', `exports.value = () => 'aaa';\n`);
  write('.gen/cli.js', `#!/usr/bin/env node\nexports.ok = true;\n`);
  // A dynamic import, which Node's loader resolves from the module's own location.
  write('.gen/dynamic.js', `exports.load = () => import('./late.mjs').then((m) => m.value);\n`);
  write('.gen/late.mjs', `export const value = 'late';\n`);
  // Two copies of one package at different depths: each keeps its own entry.
  write('node_modules/dup/index.js', `module.exports = 'outer';\n`);
  write('node_modules/pkg/index.js', `module.exports = require('dup');\n`);
  write('node_modules/pkg/node_modules/dup/index.js', `module.exports = 'inner';\n`);
});
afterEach(() => rmSync(project, { recursive: true, force: true }));

const run = (env: Record<string, string> = {}) =>
  JSON.parse(
    execFileSync(process.execPath, ['entry.mjs'], {
      cwd: project,
      encoding: 'utf8',
      env: { ...process.env, ...env },
    }),
  ) as Record<string, unknown>;
const cacheFiles = () => {
  const directory = join(project, '.gen', 'code-cache');
  return existsSync(directory) ? readdirSync(directory) : [];
};
const cacheFile = () => join(project, '.gen', 'code-cache', cacheFiles()[0]);

describe('the code cache', () => {
  test('is written by a run that compiled modules, and not by a run that found them all', () => {
    const expected = { value: 'aaa', cli: true, outer: 'outer', inner: 'inner', late: 'late' };
    expect(run()).toEqual(expected);
    expect(cacheFiles()).toEqual([`test-${process.version}-${process.arch}.bin`]);
    const written = readFileSync(cacheFile());
    const { mtimeMs } = statSync(cacheFile());
    expect(run()).toEqual(expected);
    expect(statSync(cacheFile()).mtimeMs).toBe(mtimeMs);
    expect(readFileSync(cacheFile()).equals(written)).toBe(true);
  });

  test('serves a module changed to content of the same length from its new content', () => {
    expect(run().value).toBe('aaa');
    write('.gen/value.js', `exports.value = () => 'bbb';\n`);
    expect(run().value).toBe('bbb');
    const { mtimeMs } = statSync(cacheFile());
    expect(run().value).toBe('bbb');
    expect(statSync(cacheFile()).mtimeMs).toBe(mtimeMs);
  });

  test('leaves a syntax error to Node, which words it as it always does', () => {
    write('.gen/value.js', `exports.value = ;\n`);
    const withCache = spawnSync(process.execPath, ['entry.mjs'], {
      cwd: project,
      encoding: 'utf8',
    });
    const without = spawnSync(process.execPath, ['entry.mjs'], {
      cwd: project,
      encoding: 'utf8',
      env: { ...process.env, FARGATE_RUNNER_CODE_CACHE: '0' },
    });
    expect(withCache.status).toBe(1);
    expect(withCache.stderr).toContain(`${join(project, '.gen', 'value.js')}:1`);
    expect(withCache.stderr).toContain('SyntaxError');
    expect(withCache.stderr.split('\n').slice(0, 4)).toEqual(
      without.stderr.split('\n').slice(0, 4),
    );
  });

  test('is read but never written with FARGATE_RUNNER_CODE_CACHE=read-only', () => {
    expect(run({ FARGATE_RUNNER_CODE_CACHE: 'read-only' }).value).toBe('aaa');
    expect(cacheFiles()).toEqual([]);
    run();
    const written = readFileSync(cacheFile());
    write('.gen/value.js', `exports.value = () => 'bbb';\n`);
    expect(run({ FARGATE_RUNNER_CODE_CACHE: 'read-only' }).value).toBe('bbb');
    expect(readFileSync(cacheFile()).equals(written)).toBe(true);
  });

  test('is neither read nor written with FARGATE_RUNNER_CODE_CACHE=0', () => {
    expect(run({ FARGATE_RUNNER_CODE_CACHE: '0' }).value).toBe('aaa');
    expect(cacheFiles()).toEqual([]);
  });
});

test('the app synthesizes the same bytes with its code cache, cold and warm, as without it', () => {
  const outputs = mkdtempSync(join(tmpdir(), 'code-cache-synth-'));
  try {
    const synth = (name: string, env: Record<string, string>) => {
      execFileSync(process.execPath, ['scripts/app.mjs'], {
        cwd: repository,
        env: { ...process.env, CDKTF_OUTDIR: join(outputs, name), ...env },
      });
      return directoryContents(join(outputs, name));
    };
    const without = synth('without', { FARGATE_RUNNER_CODE_CACHE: '0' });
    rmSync(join(repository, '.gen', 'code-cache'), { recursive: true, force: true });
    expect(synth('cold', {})).toEqual(without);
    expect(synth('warm', {})).toEqual(without);
  } finally {
    rmSync(outputs, { recursive: true, force: true });
  }
});

/** Every file under a directory, by relative path, as base64. */
function directoryContents(directory: string, prefix = ''): Record<string, string> {
  return Object.fromEntries(
    readdirSync(join(directory, prefix), { withFileTypes: true }).flatMap((entry) => {
      const relative = join(prefix, entry.name);
      return entry.isDirectory()
        ? Object.entries(directoryContents(directory, relative))
        : [[relative, readFileSync(join(directory, relative)).toString('base64')]];
    }),
  );
}
