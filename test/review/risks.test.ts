import { renderReview } from '../../src/review/render';
import { diffStacks } from '../../src/review/synth-diff';
import { type StackJson } from '../../src/review/terraform-json';

const ACCOUNT_REF = '${data.aws_caller_identity.current.account_id}';
const ARN_PREFIX = `arn:\${data.aws_partition.current.partition}`;

const trust = (principals: Record<string, string[]>, conditions: Record<string, unknown>) =>
  JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'AssumeByEcsTasks',
        Effect: 'Allow',
        Principal: principals,
        Action: ['sts:AssumeRole'],
        Condition: conditions,
      },
    ],
  });

const GUARD = {
  StringEquals: { 'aws:SourceAccount': ACCOUNT_REF },
  ArnLike: {
    'aws:SourceArn': `${ARN_PREFIX}:ecs:\${data.aws_region.current.region}:${ACCOUNT_REF}:*`,
  },
};

const policy = (statements: object[]) =>
  JSON.stringify({ Version: '2012-10-17', Statement: statements });

/** A role `app` with a policy reading a bucket and passing the role `worker`. */
function stack(change: {
  trust?: string;
  read?: object;
  passTargets?: string[];
  attachments?: Record<string, object>;
}): StackJson {
  return {
    resource: {
      aws_iam_role: {
        app: {
          name: 'app',
          assume_role_policy:
            change.trust ?? trust({ Service: ['ecs-tasks.amazonaws.com'] }, GUARD),
        },
      },
      aws_iam_role_policy: {
        app_policy: {
          name: 'permissions',
          role: '${aws_iam_role.app.name}',
          policy: policy([
            {
              Sid: 'Read',
              Effect: 'Allow',
              Action: ['s3:GetObject'],
              Resource: ['arn:aws:s3:::reports/$${aws:username}/*'],
              ...change.read,
            },
            {
              Sid: 'Pass',
              Effect: 'Allow',
              Action: ['iam:PassRole'],
              Resource: (change.passTargets ?? ['worker']).map(
                (name) => `${ARN_PREFIX}:iam::${ACCOUNT_REF}:role/${name}`,
              ),
              Condition: { StringEquals: { 'iam:PassedToService': 'ecs-tasks.amazonaws.com' } },
            },
          ]),
        },
      },
      ...(change.attachments && { aws_iam_role_policy_attachment: change.attachments }),
    },
  } as StackJson;
}

describe('risky IAM changes', () => {
  const base = stack({});
  const risky = stack({
    trust: trust(
      { AWS: ['arn:aws:iam::999999999999:root'], Service: ['ecs-tasks.amazonaws.com'] },
      { StringEquals: GUARD.StringEquals },
    ),
    read: {
      Action: ['s3:*'],
      Resource: ['*', 'arn:aws:s3:::reports/$${aws:username}/*'],
    },
    passTargets: ['worker', 'admin'],
    attachments: {
      admin: {
        role: '${aws_iam_role.app.name}',
        policy_arn: 'arn:aws:iam::aws:policy/AdministratorAccess',
      },
    },
  });

  test('are listed most serious first: trust, confused deputy, PassRole, wildcards, AWS managed policies', () => {
    const { risks } = diffStacks('s', base, risky);
    expect(risks.map((r) => [r.kind, r.message])).toEqual([
      [
        'trust-principal',
        'now trusted by `AWS:arn:aws:iam::999999999999:root` (trust statement `AssumeByEcsTasks`)',
      ],
      [
        'confused-deputy',
        'trust statement `AssumeByEcsTasks` no longer requires `aws:SourceArn` (confused-deputy guard)',
      ],
      ['pass-role', 'new PassRole target `iam role/admin` in `Pass` of policy "permissions"'],
      ['wildcard-action', 'new wildcard action `s3:*` in `Read` of policy "permissions"'],
      ['wildcard-resource', 'new wildcard resource `*` in `Read` of policy "permissions"'],
      [
        'aws-managed-policy',
        'AWS managed policy `arn:aws:iam::aws:policy/AdministratorAccess` attached',
      ],
    ]);
  });

  test('come first in the review, before the changes they belong to', () => {
    const markdown = renderReview([{ stack: 's', synth: diffStacks('s', base, risky) }]);
    const risksAt = markdown.indexOf('### ⚠️ Risky IAM changes');
    expect(risksAt).toBeGreaterThan(0);
    expect(risksAt).toBeLessThan(markdown.indexOf('### Synthesized changes'));
    expect(markdown).toContain(
      '1. **trust** role `app`: now trusted by `AWS:arn:aws:iam::999999999999:root` (trust statement `AssumeByEcsTasks`) (`aws_iam_role.app`)',
    );
    expect(markdown).toContain(
      '6. **AWS managed policy** role `app`: AWS managed policy `arn:aws:iam::aws:policy/AdministratorAccess` attached (`aws_iam_role.app`)',
    );
    // References and escaped IAM variables read as a reviewer expects them.
    expect(markdown).toContain('    - added resource `arn:<partition>:iam::<account>:role/admin`');
    expect(markdown).toContain('    - removed action `s3:GetObject`');
    expect(markdown).toContain('    - added resource `*`');
    expect(markdown).not.toContain('$${');
  });

  test('a trust policy change alone is detected and spelled out', () => {
    const guardless = stack({
      trust: trust({ Service: ['ecs-tasks.amazonaws.com'] }, { StringEquals: GUARD.StringEquals }),
    });
    const diff = diffStacks('s', base, guardless);
    expect(diff.iam).toHaveLength(1);
    expect(diff.iam[0].policies).toEqual([]);
    expect(diff.iam[0].trust?.statements).toEqual([
      expect.objectContaining({
        sid: 'AssumeByEcsTasks',
        kind: 'changed',
        conditions: {
          added: [],
          removed: ['ArnLike aws:SourceArn = arn:<partition>:ecs:<region>:<account>:*'],
        },
      }),
    ]);
    expect(diff.risks.map((r) => r.kind)).toEqual(['confused-deputy']);
    expect(renderReview([{ stack: 's', synth: diff }])).toContain(
      [
        '- trust policy changed',
        '  - `AssumeByEcsTasks` changed (Allow `sts:AssumeRole`)',
        '    - removed condition `ArnLike aws:SourceArn = arn:<partition>:ecs:<region>:<account>:*`',
      ].join('\n'),
    );
  });

  test('a narrowing change is not risky', () => {
    const narrower = stack({ passTargets: [] });
    const diff = diffStacks('s', stack({ passTargets: ['worker', 'admin'] }), narrower);
    expect(diff.iam[0].policies[0].statements[0].resources.removed).toHaveLength(2);
    expect(diff.risks).toEqual([]);
  });

  test("customer managed policies and their attachments are read as the role's own", () => {
    const withPolicy: StackJson = {
      resource: {
        ...base.resource,
        aws_iam_policy: {
          extra: {
            name: 'extra',
            policy: policy([
              {
                Sid: 'Topics',
                Effect: 'Allow',
                Action: 'sns:Publish',
                Resource: 'arn:aws:sns:eu-west-1:123456789012:t',
              },
            ]),
          },
        },
        aws_iam_role_policy_attachment: {
          extra: { role: '${aws_iam_role.app.name}', policy_arn: '${aws_iam_policy.extra.arn}' },
        },
      },
    };
    const diff = diffStacks('s', base, withPolicy);
    expect(diff.iam[0].policies).toEqual([
      expect.objectContaining({
        address: 'aws_iam_policy.extra',
        label: 'managed policy "extra"',
        kind: 'added',
      }),
    ]);
    expect(diff.iam[0].managedPolicies).toEqual({ added: [], removed: [] });
    expect(diff.risks).toEqual([]);
  });
});
