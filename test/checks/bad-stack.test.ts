import { mkdtempSync, mkdirSync, readFileSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { main } from '../../src/checks/cli';
import { RULES } from '../../src/checks/rules';
import { suppressionWithoutReason, unusedSuppression } from '../../src/checks/suppressions';
import { badStack, check } from './helpers';

// The CLI reads checks.suppressions.json from the working directory by default: run it where
// there is none, so that the project's own suppressions do not leak into these tests.
const projectDirectory = process.cwd();
beforeAll(() => process.chdir(mkdtempSync(join(tmpdir(), 'checks-cwd-'))));
afterAll(() => process.chdir(projectDirectory));

describe('the deliberately bad stack', () => {
  test('makes every rule fire at least once', async () => {
    const fired = new Set((await check(badStack())).map((f) => f.ruleId));
    const all = [...RULES, suppressionWithoutReason, unusedSuppression].map((r) => r.id);
    // The size rules need documents of many kilobytes: test/checks/limits.test.ts builds them.
    const sized = new Set([
      'FR-IAM-ROLE-INLINE-SIZE',
      'FR-IAM-MANAGED-POLICY-SIZE',
      'FR-IAM-TRUST-POLICY-SIZE',
      'FR-IAM-ROLE-MANAGED-COUNT',
      'FR-LAMBDA-ENVIRONMENT-SIZE',
      'FR-ECS-CONTAINERS-SIZE',
      'FR-RUNNER-OVERRIDES-SIZE',
    ]);
    expect(all.filter((id) => !fired.has(id) && !sized.has(id))).toEqual([]);
  });

  test('fails the check command, which writes every finding to the JSON report', async () => {
    const out = mkdtempSync(join(tmpdir(), 'checks-'));
    mkdirSync(join(out, 'stacks', 'bad'), { recursive: true });
    writeFileSync(join(out, 'stacks', 'bad', 'cdk.tf.json'), JSON.stringify(badStack().json));
    const log = jest.spyOn(console, 'log').mockImplementation(() => undefined);
    try {
      expect(await main(['--out', out])).toBe(1);
      expect(log.mock.calls[0][0]).toMatch(
        /^FR-IAM-PASSROLE-WILDCARD +error +bad +aws_iam_role_policy\.runner_policy_1A2B3C4D +policy statement "PassAny" allows iam:PassRole on "\*": name the exact role ARNs$/m,
      );
    } finally {
      log.mockRestore();
    }
    const report = JSON.parse(readFileSync(join(out, 'checks-report.json'), 'utf8'));
    expect(report.summary).toEqual({ errors: 23, warnings: 10, suppressed: 0 });
    expect(report.findings).toContainEqual({
      ruleId: 'FR-IAM-UNKNOWN-ACTION',
      severity: 'error',
      stack: 'bad',
      address: 'aws_iam_role_policy.runner_policy_1A2B3C4D',
      message:
        'policy statement "Typo": "ecs:RunTasks" is not an ecs action (did you mean ecs:RunTask?)',
    });
    expect(report.rules.map((r: { id: string }) => r.id)).toContain('FR-ECS-RUNTASK-NO-CLUSTER');
    // A credential is named, never shown.
    expect(JSON.stringify(report)).not.toContain('hunter2');
  });
});
