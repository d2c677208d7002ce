import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

/**
 * Every command of the project answers --help, and rejects an unknown flag with exit 2 and its
 * usage, before writing anything.
 */
const ROOT = path.resolve(__dirname, '../..');

let scratch: string;
beforeAll(() => {
  scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'cli-'));
});
afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

const node = (args: string[], env: Record<string, string> = {}) => {
  const result = spawnSync(process.execPath, args, {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, CHECKPOINT_DISABLE: '1', ...env },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
};

describe.each([
  ['synth', ['scripts/app.mjs'], 'Usage: npm run synth'],
  ['synth:hcl', ['scripts/app.mjs', '--hcl'], 'Usage: npm run synth'],
  ['review', ['scripts/run.mjs', 'src/review/cli.ts'], 'Usage: fargate-runner-review'],
  ['bench', ['bench/run.mjs'], 'usage: npm run bench'],
  [
    'build:runner-zip',
    ['scripts/run.mjs', 'modules/lambda-runner/zip-cli.ts'],
    'Usage: npm run build:runner-zip',
  ],
  ['verify:terraform', ['scripts/verify-terraform.mjs'], 'Usage: npm run verify:terraform'],
])('%s', (_name, command, usage) => {
  test('--help prints the usage with the exit codes, and exits 0', () => {
    const result = node([...command, '--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(usage);
    expect(result.stdout).toMatch(/Exit (codes|status)/);
  });

  test('an unknown flag exits 2 without writing anything', () => {
    const outdir = path.join(scratch, `${_name}-out`);
    const result = node([...command, '--bogus'], { CDKTF_OUTDIR: outdir });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/bogus/);
    expect(fs.existsSync(outdir)).toBe(false);
  });
});

describe('synth output', () => {
  test('ends with one summary line; the suppressed findings only with --verbose', () => {
    const outdir = path.join(scratch, 'synth');
    const quiet = node(['scripts/app.mjs'], { CDKTF_OUTDIR: outdir });
    expect(quiet.code).toBe(0);
    expect(quiet.stdout).not.toContain('Suppressed:');
    expect(quiet.stdout.trim().split('\n').pop()).toMatch(
      /^Synthesized 3 stacks \(fargate-runner-dev, fargate-runner-staging, fargate-runner-prod\) into .*synth\/stacks: 0 errors, 0 warnings, \d+ suppressed \(--verbose lists them\); \d+\.\d s\.$/,
    );
    const verbose = node(['scripts/app.mjs', '--verbose'], { CDKTF_OUTDIR: outdir });
    expect(verbose.code).toBe(0);
    expect(verbose.stdout).toContain('Suppressed:');
    expect(verbose.stdout).toContain('[reason: ');
  });
});
