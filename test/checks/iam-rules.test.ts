import {
  ACCOUNT,
  PARTITION,
  check,
  findingsOf,
  policy,
  rolePolicyStack,
  stack,
  TRUST_LAMBDA,
  trustStack,
} from './helpers';

const ROLE_ARN = `arn:${PARTITION}:iam::${ACCOUNT}:role/app-exec`;
const CLUSTER_ARN = `arn:${PARTITION}:ecs:eu-west-1:${ACCOUNT}:cluster/jobs`;
const FAMILY_ARN = `arn:${PARTITION}:ecs:eu-west-1:${ACCOUNT}:task-definition/report:*`;
const PASSED_TO_ECS = { StringEquals: { 'iam:PassedToService': 'ecs-tasks.amazonaws.com' } };
const ON_CLUSTER = { ArnEquals: { 'ecs:cluster': CLUSTER_ARN } };
const AT = 'aws_iam_role_policy.runner_policy';

describe('iam:PassRole', () => {
  test('on a wildcard resource is an error', async () => {
    const s = rolePolicyStack({
      Sid: 'Pass',
      Effect: 'Allow',
      Action: 'iam:PassRole',
      Resource: [`arn:${PARTITION}:iam::${ACCOUNT}:role/app-*`],
      Condition: PASSED_TO_ECS,
    });
    expect(await findingsOf('FR-IAM-PASSROLE-WILDCARD', s)).toEqual([
      {
        ruleId: 'FR-IAM-PASSROLE-WILDCARD',
        severity: 'error',
        address: AT,
        message: `policy statement "Pass" allows iam:PassRole on "arn:${PARTITION}:iam::${ACCOUNT}:role/app-*": name the exact role ARNs`,
      },
    ]);
  });

  test('through iam:* counts too; without iam:PassedToService is an error', async () => {
    const s = rolePolicyStack({ Sid: 'Iam', Effect: 'Allow', Action: 'iam:*', Resource: ROLE_ARN });
    expect(await findingsOf('FR-IAM-PASSROLE-NO-SERVICE', s)).toEqual([
      expect.objectContaining({
        address: AT,
        message:
          'policy statement "Iam" allows iam:PassRole without an iam:PassedToService condition: add StringEquals iam:PassedToService = ecs-tasks.amazonaws.com',
      }),
    ]);
  });

  test('on exact role ARNs, passed to ECS only, is fine', async () => {
    const s = rolePolicyStack({
      Sid: 'Pass',
      Effect: 'Allow',
      Action: 'iam:PassRole',
      Resource: [ROLE_ARN, '${aws_iam_role.task.arn}'],
      Condition: PASSED_TO_ECS,
    });
    expect(await findingsOf('FR-IAM-PASSROLE-WILDCARD', s)).toEqual([]);
    expect(await findingsOf('FR-IAM-PASSROLE-NO-SERVICE', s)).toEqual([]);
  });
});

describe('ecs:RunTask', () => {
  test('on every family is an error; every revision of one family is fine', async () => {
    const s = rolePolicyStack({
      Sid: 'Run',
      Effect: 'Allow',
      Action: 'ecs:RunTask',
      Resource: [FAMILY_ARN, `arn:${PARTITION}:ecs:eu-west-1:${ACCOUNT}:task-definition/*:*`],
      Condition: ON_CLUSTER,
    });
    expect(await findingsOf('FR-ECS-RUNTASK-WILDCARD', s)).toEqual([
      expect.objectContaining({
        address: AT,
        message: `policy statement "Run" allows ecs:RunTask on "arn:${PARTITION}:ecs:eu-west-1:${ACCOUNT}:task-definition/*:*": grant arn:<partition>:ecs:<region>:<account>:task-definition/<family>:* for each family`,
      }),
    ]);
    expect(await findingsOf('FR-ECS-RUNTASK-NO-CLUSTER', s)).toEqual([]);
  });

  test('without an ecs:cluster condition is an error', async () => {
    const s = rolePolicyStack({
      Sid: 'Run',
      Effect: 'Allow',
      Action: 'ecs:RunTask',
      Resource: FAMILY_ARN,
    });
    expect(await findingsOf('FR-ECS-RUNTASK-NO-CLUSTER', s)).toEqual([
      expect.objectContaining({
        address: AT,
        message:
          'policy statement "Run" allows ecs:RunTask without an ecs:cluster condition: add ArnEquals ecs:cluster = the cluster ARN',
      }),
    ]);
  });

  test('RegisterTaskDefinition beside RunTask and PassRole, across policies of one role, is an error', async () => {
    const s = stack({
      aws_iam_role: { runner: { name: 'runner', assume_role_policy: TRUST_LAMBDA } },
      aws_iam_role_policy: {
        run: {
          role: 'runner',
          policy: policy(
            {
              Sid: 'Run',
              Effect: 'Allow',
              Action: 'ecs:RunTask',
              Resource: FAMILY_ARN,
              Condition: ON_CLUSTER,
            },
            {
              Sid: 'Pass',
              Effect: 'Allow',
              Action: 'iam:PassRole',
              Resource: ROLE_ARN,
              Condition: PASSED_TO_ECS,
            },
          ),
        },
      },
      aws_iam_policy: {
        register: {
          policy: policy({
            Sid: 'Register',
            Effect: 'Allow',
            Action: 'ecs:Register*',
            Resource: '*',
          }),
        },
      },
      aws_iam_role_policy_attachment: {
        register: {
          role: '${aws_iam_role.runner.name}',
          policy_arn: '${aws_iam_policy.register.arn}',
        },
      },
    });
    expect(await findingsOf('FR-ECS-REGISTER-RUN-PASSROLE', s)).toEqual([
      expect.objectContaining({
        address: 'aws_iam_role.runner',
        message:
          'is allowed ecs:RegisterTaskDefinition + ecs:RunTask + iam:PassRole: it can register a task definition with any image and command and run it as any role it may pass; split registration from running',
      }),
    ]);
  });
});

describe('wildcards', () => {
  test('wildcard actions are errors unless written exactly as an allow-list entry', async () => {
    const s = rolePolicyStack(
      { Sid: 'Get', Effect: 'Allow', Action: ['ecr:Get*', 'ssmmessages:*Channel'], Resource: '*' },
      { Sid: 'Not', Effect: 'Allow', NotAction: 'iam:*', Resource: '*' },
    );
    expect(await findingsOf('FR-IAM-WILDCARD-ACTION', s)).toEqual([
      expect.objectContaining({
        message:
          'policy statement "Get" allows wildcard actions "ecr:Get*": list the actions the principal calls',
      }),
      expect.objectContaining({
        message:
          'policy statement "Not" allows wildcard actions NotAction ["iam:*"]: list the actions the principal calls',
      }),
    ]);
  });

  test('* resources are errors except for allow-listed actions without a resource type', async () => {
    const s = rolePolicyStack(
      { Sid: 'Token', Effect: 'Allow', Action: 'ecr:GetAuthorizationToken', Resource: '*' },
      {
        Sid: 'Exec',
        Effect: 'Allow',
        Action: ['ssmmessages:CreateControlChannel', 'ssmmessages:OpenDataChannel'],
        Resource: '*',
      },
      {
        Sid: 'Read',
        Effect: 'Allow',
        Action: ['s3:GetObject', 'ecs:ListClusters'],
        Resource: 'arn:aws:s3:::*',
      },
      {
        Sid: 'Scoped',
        Effect: 'Allow',
        Action: 's3:GetObject',
        Resource: 'arn:aws:s3:::reports/daily/*',
      },
    );
    expect(await findingsOf('FR-IAM-WILDCARD-RESOURCE', s)).toEqual([
      expect.objectContaining({
        message:
          'policy statement "Read" allows "s3:GetObject", "ecs:ListClusters" on "arn:aws:s3:::*": name the resources of "s3:GetObject"; "ecs:ListClusters" has no resource type: add it to the wildcard allow-list with a reason',
      }),
    ]);
  });

  test('the allow-list can be extended with a reason', async () => {
    const s = rolePolicyStack({
      Sid: 'List',
      Effect: 'Allow',
      Action: 'ecs:ListClusters',
      Resource: '*',
    });
    const allowed = { action: 'ecs:ListClusters', reason: 'the console lists clusters' };
    expect(
      await findingsOf('FR-IAM-WILDCARD-RESOURCE', s, { wildcardAllowList: [allowed] }),
    ).toEqual([]);
  });
});

describe('AWS managed policies', () => {
  const attached = (extra: Record<string, unknown> = {}) =>
    stack(
      {
        aws_iam_role: { task: { name: 'task', assume_role_policy: TRUST_LAMBDA } },
        aws_iam_role_policy_attachment: {
          s3: {
            role: '${aws_iam_role.task.name}',
            policy_arn: `arn:${PARTITION}:iam::aws:policy/AmazonS3FullAccess`,
          },
          starter: {
            role: '${aws_iam_role.task.name}',
            policy_arn: 'arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy',
          },
        },
      },
      extra,
    );
  const message =
    'attaches the AWS managed policy AmazonS3FullAccess to aws_iam_role.task: grant the actions the role uses on its resources instead';

  test('other than the starter execution policy are a warning', async () => {
    expect(await findingsOf('FR-IAM-AWS-MANAGED-POLICY', attached())).toEqual([
      {
        ruleId: 'FR-IAM-AWS-MANAGED-POLICY',
        severity: 'warning',
        address: 'aws_iam_role_policy_attachment.s3',
        message,
      },
    ]);
  });

  test('are an error where the provider default tags say environment = production', async () => {
    const provider = {
      aws: [{ region: 'eu-west-1', default_tags: [{ tags: { environment: 'Prod' } }] }],
    };
    expect(await findingsOf('FR-IAM-AWS-MANAGED-POLICY', attached({ provider }))).toEqual([
      {
        ruleId: 'FR-IAM-AWS-MANAGED-POLICY',
        severity: 'error',
        address: 'aws_iam_role_policy_attachment.s3',
        message,
      },
    ]);
  });
});

describe('trust policies', () => {
  const trusting = trustStack;

  test.each([
    ['ecs-tasks.amazonaws.com', {}, 'aws:SourceAccount and aws:SourceArn'],
    [
      'lambda.amazonaws.com',
      { ArnLike: { 'aws:SourceArn': 'arn:aws:lambda:eu-west-1:123456789012:function:app' } },
      'aws:SourceAccount (Lambda sends no aws:SourceArn when it assumes a function role)',
    ],
  ])('%s without the confused-deputy guard is an error', async (service, condition, wanted) => {
    expect(await findingsOf('FR-IAM-TRUST-CONFUSED-DEPUTY', trusting(service, condition))).toEqual([
      expect.objectContaining({
        address: 'aws_iam_role.role',
        message: `assume_role_policy statement "Assume" trusts ${service} without ${wanted}`,
      }),
    ]);
  });

  test('with aws:SourceAccount (any case) is fine', async () => {
    const condition = { StringEquals: { 'AWS:SourceAccount': ACCOUNT } };
    expect(
      await findingsOf('FR-IAM-TRUST-CONFUSED-DEPUTY', trusting('lambda.amazonaws.com', condition)),
    ).toEqual([]);
  });

  test('Principal "*" is an error', async () => {
    const s = stack({
      aws_iam_role: {
        role: {
          assume_role_policy: policy({ Effect: 'Allow', Principal: '*', Action: 'sts:AssumeRole' }),
        },
      },
    });
    expect(await findingsOf('FR-IAM-TRUST-ANY-PRINCIPAL', s)).toEqual([
      expect.objectContaining({
        message:
          'assume_role_policy statement #1 trusts the principal "*": name the services or accounts that assume the role',
      }),
    ]);
  });
});

describe('policy documents', () => {
  test('inline_policy blocks are a warning, and their statements are checked', async () => {
    const s = stack({
      aws_iam_role: {
        role: {
          assume_role_policy: TRUST_LAMBDA,
          inline_policy: [
            {
              name: 'all',
              policy: policy({ Sid: 'All', Effect: 'Allow', Action: '*', Resource: '*' }),
            },
          ],
        },
      },
    });
    expect(await findingsOf('FR-IAM-INLINE-POLICY-BLOCK', s)).toEqual([
      expect.objectContaining({
        severity: 'warning',
        address: 'aws_iam_role.role',
        message: 'has 1 inline_policy block(s): render each as an aws_iam_role_policy resource',
      }),
    ]);
    expect(await findingsOf('FR-IAM-WILDCARD-ACTION', s)).toEqual([
      expect.objectContaining({
        address: 'aws_iam_role.role',
        message:
          'inline_policy[0] statement "All" allows wildcard actions "*": list the actions the principal calls',
      }),
    ]);
  });

  test('policies that are not JSON strings are errors (the checks fail closed), not a crash', async () => {
    const s = stack({
      aws_iam_role_policy: {
        computed: { role: 'r', policy: '${jsonencode({Version = "2012-10-17"})}' },
        broken: { role: 'r', policy: '{"Version": ' },
        referenced: { role: 'r', policy: '${aws_iam_policy.other.policy}' },
      },
    });
    const advice =
      'it was not checked; render it as a JSON string, check a plan of it (npm run check -- --plan <plan.json>) or suppress this finding with a reason';
    const findings = await findingsOf('FR-IAM-POLICY-UNREADABLE', s);
    expect(findings.map((f) => f.severity)).toEqual(['error', 'error', 'error']);
    expect(findings.map((f) => f.message)).toEqual([
      `policy is not valid JSON: ${advice}`,
      `policy is the Terraform expression "\${jsonencode({Version = "2012-10-17"})}", which the checks cannot evaluate: ${advice}`,
      `policy is the Terraform expression "\${aws_iam_policy.other.policy}", which the checks cannot evaluate: ${advice}`,
    ]);
  });

  test('an unreadable policy passes only when suppressed with a reason', async () => {
    const s = stack({
      aws_iam_role_policy: {
        computed: { role: 'r', policy: '${jsonencode({Version = "2012-10-17"})}' },
      },
    });
    const rule = 'FR-IAM-POLICY-UNREADABLE';
    const address = 'aws_iam_role_policy.computed';
    const accepted = await check(s, {
      suppressions: [{ rule, address, reason: 'reviewed in the plan by the platform team' }],
    });
    expect(accepted.filter((f) => f.severity === 'error' && !f.suppressed)).toEqual([]);
    const withoutReason = await check(s, { suppressions: [{ rule, address }] });
    expect(
      withoutReason.filter((f) => f.severity === 'error' && !f.suppressed).map((f) => f.ruleId),
    ).toEqual(['FR-SUPPRESSION-NO-REASON', rule]);
  });

  test('data.aws_iam_policy_document references are read from the data source', async () => {
    const s = stack(
      {
        aws_iam_role_policy: {
          runner: { role: 'r', policy: '${data.aws_iam_policy_document.runner.json}' },
        },
      },
      {
        data: {
          aws_iam_policy_document: {
            runner: { statement: [{ sid: 'Pass', actions: ['iam:PassRole'], resources: ['*'] }] },
          },
        },
      },
    );
    expect(await findingsOf('FR-IAM-PASSROLE-WILDCARD', s)).toEqual([
      expect.objectContaining({
        address: 'aws_iam_role_policy.runner',
        message:
          'policy (data.aws_iam_policy_document.runner) statement "Pass" allows iam:PassRole on "*": name the exact role ARNs',
      }),
    ]);
  });
});
