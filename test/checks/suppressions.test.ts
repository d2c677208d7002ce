import { parseChecksConfig } from '../../src/checks/suppressions';
import { check, policy, stack } from './helpers';

const logGroup = (comment?: object) =>
  stack({
    aws_cloudwatch_log_group: { app: { name: '/ecs/app', ...(comment && { '//': comment }) } },
  });
const FINDING = {
  ruleId: 'FR-LOGS-NO-RETENTION',
  severity: 'warning',
  stack: 'test',
  address: 'aws_cloudwatch_log_group.app',
  message: 'has no retention_in_days: its events are kept forever',
};
const suppression = { rule: 'FR-LOGS-NO-RETENTION', address: 'aws_cloudwatch_log_group.app' };

describe('suppressions', () => {
  test('with a reason mark the finding suppressed, with the reason', async () => {
    const reason = 'audit logs: kept forever by policy';
    expect(await check(logGroup(), { suppressions: [{ ...suppression, reason }] })).toEqual([
      { ...FINDING, suppressed: { reason } },
    ]);
  });

  test('are limited to their stack when they name one', async () => {
    const other = { ...suppression, stack: 'other', reason: 'not this stack' };
    // Findings are sorted by stack, then address.
    expect(await check(logGroup(), { suppressions: [other] })).toEqual([
      {
        ruleId: 'FR-SUPPRESSION-UNUSED',
        severity: 'warning',
        stack: 'other',
        address: 'aws_cloudwatch_log_group.app',
        message: 'the suppression of FR-LOGS-NO-RETENTION matches no finding: remove it',
      },
      FINDING,
    ]);
  });

  test('without a reason do not apply and are an error', async () => {
    expect(await check(logGroup(), { suppressions: [{ ...suppression, reason: '  ' }] })).toEqual([
      {
        ruleId: 'FR-SUPPRESSION-NO-REASON',
        severity: 'error',
        stack: '*',
        address: 'aws_cloudwatch_log_group.app',
        message:
          'the suppression of FR-LOGS-NO-RETENTION has no reason, so it does not apply: say why the finding is acceptable',
      },
      FINDING,
    ]);
  });

  test('can be written on the resource, in the Terraform JSON comment property', async () => {
    const reason = 'audit logs';
    const findings = await check(
      logGroup({ checks: { suppress: [{ rule: 'FR-LOGS-NO-RETENTION', reason }] } }),
    );
    expect(findings).toEqual([{ ...FINDING, suppressed: { reason } }]);
  });

  test('a wildcard allow-list entry without a reason does not apply and is an error', async () => {
    const s = stack({
      aws_iam_role_policy: {
        list: {
          role: 'r',
          policy: policy({
            Sid: 'List',
            Effect: 'Allow',
            Action: 'ecs:ListClusters',
            Resource: '*',
          }),
        },
      },
    });
    const findings = await check(s, {
      wildcardAllowList: [{ action: 'ecs:ListClusters', reason: '' }],
    });
    expect(findings.map((f) => [f.ruleId, f.address])).toEqual([
      ['FR-SUPPRESSION-NO-REASON', 'wildcardAllowList[0]'],
      ['FR-IAM-WILDCARD-RESOURCE', 'aws_iam_role_policy.list'],
    ]);
  });
});

describe('the checks configuration file', () => {
  test('is read with suppressions and allow-list entries', () => {
    expect(
      parseChecksConfig(
        {
          suppressions: [{ ...suppression, stack: 'dev', reason: 'why' }],
          wildcardAllowList: [{ action: 'ecs:ListClusters', reason: 'why' }],
        },
        'checks.suppressions.json',
      ),
    ).toEqual({
      suppressions: [{ ...suppression, stack: 'dev', reason: 'why' }],
      wildcardAllowList: [{ action: 'ecs:ListClusters', reason: 'why' }],
    });
  });

  test.each([
    [[], 'checks.suppressions.json: is not a JSON object'],
    [{ suppressions: {} }, 'checks.suppressions.json: suppressions is not a list of objects'],
    [
      { suppressions: [{ rule: 'X' }] },
      'checks.suppressions.json: suppressions[0].address is not a string',
    ],
  ])('rejects %j', (json, message) => {
    expect(() => parseChecksConfig(json, 'checks.suppressions.json')).toThrow(message);
  });
});
