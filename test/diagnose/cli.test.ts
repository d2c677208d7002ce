import { mkdtempSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { main } from '../../src/diagnose/cli';
import { stoppedDetail, taskEvent } from './events';
import { RECORDED_REASONS } from './reasons';

async function run(argv: string[], stdin?: string) {
  const out: string[] = [];
  const err: string[] = [];
  const log = jest.spyOn(console, 'log').mockImplementation((text: string) => void out.push(text));
  const error = jest.spyOn(console, 'error').mockImplementation((t: string) => void err.push(t));
  try {
    const read = stdin === undefined ? undefined : () => stdin;
    return { code: await main(argv, read), stdout: out.join('\n'), stderr: err.join('\n') };
  } finally {
    log.mockRestore();
    error.mockRestore();
  }
}

const secretDenied = stoppedDetail({ stoppedReason: RECORDED_REASONS[0].stoppedReason });

describe('fargate-runner-diagnose', () => {
  test('reads describe-tasks output from a file and names role, action, resource and option', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'diagnose-')), 'tasks.json');
    writeFileSync(file, JSON.stringify({ tasks: [secretDenied], failures: [] }));
    const { code, stdout } = await run([file]);
    expect(code).toBe(1);
    expect(stdout).toContain('FAILED');
    expect(stdout).toContain('role:     execution role fargate-runner-prod-report-execution');
    expect(stdout).toContain('action:   secretsmanager:GetSecretValue');
    expect(stdout).toContain(
      'resource: arn:aws:secretsmanager:eu-west-1:123456789012:secret:report/db-password-AbCdEf',
    );
    expect(stdout).toMatch(/fix: +Add the secret to the container's `secrets`/);
    expect(stdout).toContain('  at 2026-11-30T06:00:42.102Z, started by fargate-runner');
    // The stopped reason is printed once, not again as the evidence.
    expect(stdout).not.toContain('evidence:');
  });

  test('reads an EventBridge event from standard input, as JSON', async () => {
    const { code, stdout } = await run(['--json', '-'], JSON.stringify(taskEvent(secretDenied)));
    expect(code).toBe(1);
    expect(JSON.parse(stdout)).toEqual([
      expect.objectContaining({
        failed: true,
        family: 'fargate-runner-prod-report',
        diagnoses: [expect.objectContaining({ kind: 'access-denied', role: 'execution' })],
      }),
    ]);
  });

  test('explains each recorded reason without an unknown', async () => {
    for (const recorded of RECORDED_REASONS) {
      const detail = stoppedDetail(
        {
          stopCode: recorded.stopCode ?? 'TaskFailedToStart',
          stoppedReason: recorded.stoppedReason ?? 'Task failed to start',
        },
        [{ name: 'report', reason: recorded.containerReason, exitCode: recorded.exitCode }],
      );
      const { stdout } = await run(['--public-ip', 'off'], JSON.stringify({ tasks: [detail] }));
      expect(stdout).not.toContain('Unknown reason');
      expect(stdout).toContain('fix:');
    }
  });

  test('exits 0 when the task finished, 2 on bad input', async () => {
    const finished = stoppedDetail(
      { stopCode: 'EssentialContainerExited', stoppedReason: 'Essential container in task exited' },
      [{ name: 'report', exitCode: 0 }],
    );
    expect((await run([], JSON.stringify(finished))).code).toBe(0);
    const bad = await run([], 'not json');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/standard input is not JSON/);
    expect((await run(['--public-ip', 'maybe'], '{}')).stderr).toMatch(
      /--public-ip takes on or off/,
    );
  });
});
