import { byteSize, policySize } from '../../src/aws/limits';
import {
  ACCOUNT,
  PARTITION,
  REGION,
  TRUST_LAMBDA,
  check,
  findingsOf,
  policy,
  stack,
} from './helpers';

/** A statement of about `n` resources, each an ARN built from the data sources. */
const bigStatement = (sid: string, n: number) => ({
  Sid: sid,
  Effect: 'Allow',
  Action: ['sqs:SendMessage'],
  Resource: Array.from(
    { length: n },
    (_, i) => `arn:${PARTITION}:sqs:${REGION}:${ACCOUNT}:queue-${String(i).padStart(4, '0')}`,
  ),
});

describe('measuring', () => {
  test('data-source references count as their longest value, whitespace is not counted', () => {
    const arn = `arn:${PARTITION}:sqs:${REGION}:${ACCOUNT}:q`;
    // "arn:" + 10 + ":sqs:" + 14 + ":" + 12 + ":q"
    expect(policySize(arn)).toBe(4 + 10 + 5 + 14 + 1 + 12 + 2);
    expect(policySize('{ "a" : [ 1 ,\n 2 ] }')).toBe('{"a":[1,2]}'.length);
    expect(policySize('$${aws:username}')).toBe('${aws:username}'.length);
    expect(byteSize('é')).toBe(2);
  });
});

describe('IAM size limits', () => {
  test('inline policies of a role over 10,240 characters together are an error', async () => {
    const s = stack({
      aws_iam_role: { runner: { name: 'runner', assume_role_policy: TRUST_LAMBDA } },
      aws_iam_role_policy: {
        a: { role: '${aws_iam_role.runner.name}', policy: policy(bigStatement('A', 90)) },
        b: { role: '${aws_iam_role.runner.name}', policy: policy(bigStatement('B', 90)) },
      },
    });
    const [finding] = await findingsOf('FR-IAM-ROLE-INLINE-SIZE', s);
    expect(finding).toEqual(
      expect.objectContaining({ severity: 'error', address: 'aws_iam_role.runner' }),
    );
    expect(finding.message).toBe(
      'has inline policies of 11,018 characters together (aws_iam_role_policy.a 5,509, aws_iam_role_policy.b 5,509): IAM allows 10,240; move statements into customer managed policies',
    );
    // One of them alone is fine.
    const one = stack({
      aws_iam_role: { runner: { name: 'runner', assume_role_policy: TRUST_LAMBDA } },
      aws_iam_role_policy: { a: { role: 'runner', policy: policy(bigStatement('A', 90)) } },
    });
    expect(await findingsOf('FR-IAM-ROLE-INLINE-SIZE', one)).toEqual([]);
  });

  test('a managed policy over 6,144 characters, a trust policy over 2,048 and 11 managed policies are errors', async () => {
    const trust = JSON.parse(TRUST_LAMBDA);
    trust.Statement[0].Principal.Service = Array.from(
      { length: 80 },
      (_, i) => `service${i}.amazonaws.com`,
    );
    const attachments = Object.fromEntries(
      Array.from({ length: 11 }, (_, i) => [
        `p${i}`,
        { role: '${aws_iam_role.runner.name}', policy_arn: `\${aws_iam_policy.p${i}.arn}` },
      ]),
    );
    const policies = Object.fromEntries(
      Array.from({ length: 11 }, (_, i) => [
        `p${i}`,
        { name: `p${i}`, policy: policy(bigStatement(`P${i}`, i === 0 ? 110 : 1)) },
      ]),
    );
    const s = stack({
      aws_iam_role: { runner: { name: 'runner', assume_role_policy: JSON.stringify(trust) } },
      aws_iam_policy: policies,
      aws_iam_role_policy_attachment: attachments,
    });
    const findings = (await check(s)).filter((f) => /SIZE|COUNT/.test(f.ruleId));
    expect(
      findings.map((f) => [
        f.ruleId,
        f.address,
        f.message.replace(/[\d,]+ characters/, 'N characters'),
      ]),
    ).toEqual([
      [
        'FR-IAM-MANAGED-POLICY-SIZE',
        'aws_iam_policy.p0',
        'policy is N characters: IAM allows 6,144 for a managed policy; split it',
      ],
      [
        'FR-IAM-ROLE-MANAGED-COUNT',
        'aws_iam_role.runner',
        'has 11 managed policies attached: IAM allows 10 per role by default',
      ],
      [
        'FR-IAM-TRUST-POLICY-SIZE',
        'aws_iam_role.runner',
        'assume_role_policy is N characters: IAM allows 2,048 by default',
      ],
    ]);
  });
});

describe('Lambda environment', () => {
  const fn = (variables: Record<string, string>) =>
    stack({
      aws_lambda_function: { runner: { function_name: 'runner', environment: { variables } } },
    });

  test('over 4 KB in all is an error', async () => {
    expect(
      await findingsOf('FR-LAMBDA-ENVIRONMENT-SIZE', fn({ CONFIG: 'x'.repeat(4100) })),
    ).toEqual([
      expect.objectContaining({
        severity: 'error',
        message: 'has environment variables of 4,113 bytes: Lambda allows 4,096 in all',
      }),
    ]);
    expect(
      await findingsOf('FR-LAMBDA-ENVIRONMENT-SIZE', fn({ CONFIG: 'x'.repeat(4000) })),
    ).toEqual([]);
  });

  test.each([
    ['AKIA key ID', 'AKIAIOSFODNN7EXAMPLE', 'its value looks like an AWS access key ID'],
    ['ASIA key ID', 'ASIAY34FZKBOKMUTVV7A', 'its value looks like an AWS access key ID'],
    [
      'secret access key',
      'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
      'its value looks like an AWS secret access key',
    ],
    [
      'URL with a password',
      'postgres://app:s3cr3t-pw@db.internal:5432/app',
      'its value looks like a URL with a password',
    ],
  ])(
    'a credential by value (%s) is an error that never shows the value',
    async (_, value, reason) => {
      const findings = await findingsOf(
        'FR-LAMBDA-PLAINTEXT-SECRET',
        fn({ UPSTREAM: value, STAGE: 'dev' }),
      );
      expect(findings).toEqual([
        expect.objectContaining({
          severity: 'error',
          message: `has credentials in plain environment variables (UPSTREAM=[hidden] (${reason})): read them from Secrets Manager or SSM at run time`,
        }),
      ]);
      expect(JSON.stringify(await check(fn({ UPSTREAM: value })))).not.toContain(value);
    },
  );

  test('look-alikes that are not credentials pass', async () => {
    const variables = {
      COMMIT: 'da39a3ee5e6b4b0d3255bfef95601890afd80709', // a SHA-1: 40 characters, no upper case
      HOME_URL: 'https://example.com/path',
      CLUSTER: `arn:${PARTITION}:ecs:${REGION}:${ACCOUNT}:cluster/jobs`,
    };
    expect(await findingsOf('FR-LAMBDA-PLAINTEXT-SECRET', fn(variables))).toEqual([]);
  });

  test('a URL with a password is found inside a long value too, and a long value without one passes', async () => {
    // A run of scheme characters as long as the value: a pattern that backtracked through it from
    // every position would take minutes here (it took 5 s at 66,000 characters).
    const long = 'x'.repeat(1 << 20);
    expect(await findingsOf('FR-LAMBDA-PLAINTEXT-SECRET', fn({ BLOB: long }))).toEqual([]);
    const hidden = await findingsOf(
      'FR-LAMBDA-PLAINTEXT-SECRET',
      fn({ BLOB: `${long} see https://app:s3cr3t@example.com/` }),
    );
    expect(hidden.map((finding) => finding.message)).toEqual([
      expect.stringContaining('BLOB=[hidden] (its value looks like a URL with a password)'),
    ]);
  });
});

describe('container definitions and RunTask overrides', () => {
  test('container definitions over 64 KiB are an error', async () => {
    const containers = [{ name: 'app', environment: [{ name: 'BIG', value: 'x'.repeat(66_000) }] }];
    const s = stack({
      aws_ecs_task_definition: {
        app: { family: 'app', container_definitions: JSON.stringify(containers) },
      },
    });
    expect(await findingsOf('FR-ECS-CONTAINERS-SIZE', s)).toEqual([
      expect.objectContaining({
        severity: 'error',
        message: expect.stringMatching(
          /^has container definitions of 66,\d{3} bytes: ECS allows 65,536;/,
        ),
      }),
    ]);
  });

  test('a schedule whose overrides exceed 8 KiB fails every time: an error', async () => {
    const input = (size: number) =>
      JSON.stringify({ task: 'report', environment: { PAYLOAD: 'x'.repeat(size) } });
    const schedule = (size: number) =>
      stack({ aws_scheduler_schedule: { runner: { target: { arn: 'arn', input: input(size) } } } });
    expect(await findingsOf('FR-RUNNER-OVERRIDES-SIZE', schedule(8200))).toEqual([
      expect.objectContaining({
        severity: 'error',
        message: expect.stringMatching(
          /^sends command and environment overrides of 8,\d{3} characters: RunTask allows 8,192$/,
        ),
      }),
    ]);
    expect(await findingsOf('FR-RUNNER-OVERRIDES-SIZE', schedule(8000))).toEqual([]);
  });
});
