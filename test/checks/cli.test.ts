import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { main } from '../../src/checks/cli';
import { stack } from './helpers';

// The CLI reads checks.suppressions.json from the working directory by default: run it where
// there is none, so that the project's own suppressions do not leak into these tests.
const projectDirectory = process.cwd();
beforeAll(() => process.chdir(mkdtempSync(join(tmpdir(), 'checks-cwd-'))));
afterAll(() => process.chdir(projectDirectory));

/** Runs the CLI with its console output captured. */
async function run(argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const log = jest.spyOn(console, 'log').mockImplementation((text: string) => void out.push(text));
  const error = jest
    .spyOn(console, 'error')
    .mockImplementation((text: string) => void err.push(text));
  try {
    return { code: await main(argv), stdout: out.join('\n'), stderr: err.join('\n') };
  } finally {
    log.mockRestore();
    error.mockRestore();
  }
}

/** A cdktf output directory with the given stacks. */
function outDir(stacks: Record<string, object>): string {
  const dir = mkdtempSync(join(tmpdir(), 'checks-cli-'));
  for (const [name, json] of Object.entries(stacks)) {
    mkdirSync(join(dir, 'stacks', name), { recursive: true });
    writeFileSync(join(dir, 'stacks', name, 'cdk.tf.json'), JSON.stringify(json));
  }
  return dir;
}

const LOG_GROUP = stack({ aws_cloudwatch_log_group: { app: { name: '/ecs/app' } } }).json;

describe('the check command', () => {
  test('--help prints the usage', async () => {
    const result = await run(['--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(
      /^Usage: fargate-runner-check \[options\]\n {7}npm run check -- \[options\]/,
    );
  });

  test.each([
    [['--bogus'], 'fargate-runner-check: unknown argument "--bogus"'],
    [['--json'], 'fargate-runner-check: --json needs a value'],
    [
      ['--out', '/nonexistent/dir'],
      'fargate-runner-check: no /nonexistent/dir/stacks directory: run "cdktf synth" first, or pass --out <dir>',
    ],
  ])('%j is a usage error', async (argv, message) => {
    const result = await run(argv);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(message);
    expect(result.stderr).toContain('Usage:');
  });

  test('exits 0 with warnings only, and writes the report where --json says', async () => {
    const dir = outDir({ dev: LOG_GROUP });
    const report = join(dir, 'reports', 'checks.json');
    const result = await run(['--out', dir, '--json', report]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('0 error(s), 1 warning(s), 0 suppressed');
    expect(JSON.parse(readFileSync(report, 'utf8')).findings).toEqual([
      expect.objectContaining({ ruleId: 'FR-LOGS-NO-RETENTION', stack: 'dev' }),
    ]);
  });

  test('reads suppressions from --suppressions and lists them with their reasons', async () => {
    const dir = outDir({ dev: LOG_GROUP });
    const file = join(dir, 'checks.suppressions.json');
    const suppressions = [
      { rule: 'FR-LOGS-NO-RETENTION', address: 'aws_cloudwatch_log_group.app', reason: 'audit' },
    ];
    writeFileSync(file, JSON.stringify({ suppressions }));
    const result = await run(['--out', dir, '--suppressions', file]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Suppressed:\n/m);
    expect(result.stdout).toContain('[reason: audit]');
    expect(result.stdout).toContain('0 error(s), 0 warning(s), 1 suppressed');
  });

  test('a malformed suppressions file is a usage error', async () => {
    const dir = outDir({ dev: LOG_GROUP });
    const file = join(dir, 'bad.json');
    writeFileSync(file, '{');
    const result = await run(['--out', dir, '--suppressions', file]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`fargate-runner-check: ${file} is not valid JSON`);
  });
});
