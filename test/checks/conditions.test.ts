import { ACCOUNT, PARTITION, findingsOf, rolePolicyStack, trustStack } from './helpers';

const ROLE_ARN = `arn:${PARTITION}:iam::${ACCOUNT}:role/app-exec`;
const CLUSTER_ARN = `arn:${PARTITION}:ecs:eu-west-1:${ACCOUNT}:cluster/jobs`;
const FAMILY_ARN = `arn:${PARTITION}:ecs:eu-west-1:${ACCOUNT}:task-definition/report:*`;
const AT = 'aws_iam_role_policy.runner_policy';

const passRole = (Condition: object) =>
  rolePolicyStack({
    Sid: 'Pass',
    Effect: 'Allow',
    Action: 'iam:PassRole',
    Resource: ROLE_ARN,
    Condition,
  });
const runTask = (Condition: object) =>
  rolePolicyStack({
    Sid: 'Run',
    Effect: 'Allow',
    Action: 'ecs:RunTask',
    Resource: FAMILY_ARN,
    Condition,
  });

describe('iam:PassedToService is judged by operator and value', () => {
  test.each([
    [
      'StringLike "*"',
      { StringLike: { 'iam:PassedToService': '*' } },
      'StringLike iam:PassedToService = "*" has a wildcard: StringLike matches it as a pattern, not one value',
    ],
    [
      'StringLike with a wildcard in the service',
      { StringLike: { 'iam:PassedToService': 'ecs-*.amazonaws.com' } },
      'StringLike iam:PassedToService = "ecs-*.amazonaws.com" has a wildcard: StringLike matches it as a pattern, not one value',
    ],
    [
      'StringNotEquals',
      { StringNotEquals: { 'iam:PassedToService': 'lambda.amazonaws.com' } },
      'StringNotEquals iam:PassedToService = "lambda.amazonaws.com" is negated: it allows every other value',
    ],
    [
      'Null',
      { Null: { 'iam:PassedToService': 'false' } },
      'Null iam:PassedToService = "false" only tests whether the key is present',
    ],
    [
      'StringEqualsIfExists',
      { StringEqualsIfExists: { 'iam:PassedToService': 'ecs-tasks.amazonaws.com' } },
      'StringEqualsIfExists iam:PassedToService = "ecs-tasks.amazonaws.com" uses …IfExists, which is true when the key is absent',
    ],
    [
      'StringEquals "*" (not a service)',
      { StringEquals: { 'iam:PassedToService': '*' } },
      'StringEquals iam:PassedToService = "*" is not a service name such as ecs-tasks.amazonaws.com',
    ],
  ])('%s does not restrict', async (_, condition, reason) => {
    expect(await findingsOf('FR-IAM-PASSROLE-NO-SERVICE', passRole(condition))).toEqual([
      {
        ruleId: 'FR-IAM-PASSROLE-NO-SERVICE',
        severity: 'error',
        address: AT,
        message: `policy statement "Pass" allows iam:PassRole with a condition that does not restrict iam:PassedToService (${reason}): add StringEquals iam:PassedToService = ecs-tasks.amazonaws.com`,
      },
    ]);
  });

  test.each([
    ['StringEquals', { StringEquals: { 'iam:PassedToService': 'ecs-tasks.amazonaws.com' } }],
    [
      'StringLike without a wildcard',
      { StringLike: { 'iam:PassedToService': 'ecs-tasks.amazonaws.com' } },
    ],
    [
      'StringEquals next to a meaningless Null (conditions are ANDed)',
      {
        StringEquals: { 'iam:PassedToService': 'ecs-tasks.amazonaws.com' },
        Null: { 'iam:PassedToService': 'false' },
      },
    ],
  ])('%s restricts', async (_, condition) => {
    expect(await findingsOf('FR-IAM-PASSROLE-NO-SERVICE', passRole(condition))).toEqual([]);
  });
});

describe('ecs:cluster is judged by operator and value', () => {
  test.each([
    [
      'ArnLike with wildcards',
      { ArnLike: { 'ecs:cluster': 'arn:aws:ecs:*:*:cluster/*' } },
      'ArnLike ecs:cluster = "arn:aws:ecs:*:*:cluster/*" has a wildcard: ArnLike matches it as a pattern, not one value',
    ],
    [
      'ArnEquals with a wildcard (IAM matches ArnEquals as a pattern too)',
      { ArnEquals: { 'ecs:cluster': `arn:${PARTITION}:ecs:eu-west-1:${ACCOUNT}:cluster/*` } },
      `ArnEquals ecs:cluster = "arn:${PARTITION}:ecs:eu-west-1:${ACCOUNT}:cluster/*" has a wildcard: ArnEquals matches it as a pattern, not one value`,
    ],
    [
      'ArnNotEquals',
      { ArnNotEquals: { 'ecs:cluster': CLUSTER_ARN } },
      `ArnNotEquals ecs:cluster = "${CLUSTER_ARN}" is negated: it allows every other value`,
    ],
    [
      'Null',
      { Null: { 'ecs:cluster': 'false' } },
      'Null ecs:cluster = "false" only tests whether the key is present',
    ],
    [
      'a service ARN of another type',
      { ArnEquals: { 'ecs:cluster': `arn:aws:ecs:eu-west-1:123456789012:service/jobs/web` } },
      'ArnEquals ecs:cluster = "arn:aws:ecs:eu-west-1:123456789012:service/jobs/web" is not an ecs cluster ARN',
    ],
  ])('%s does not restrict', async (_, condition, reason) => {
    expect(await findingsOf('FR-ECS-RUNTASK-NO-CLUSTER', runTask(condition))).toEqual([
      expect.objectContaining({
        severity: 'error',
        message: `policy statement "Run" allows ecs:RunTask with a condition that does not restrict ecs:cluster (${reason}): add ArnEquals ecs:cluster = the cluster ARN`,
      }),
    ]);
  });

  test('ArnEquals on the exact cluster ARN (or a reference to it) restricts', async () => {
    for (const arn of [CLUSTER_ARN, '${aws_ecs_cluster.jobs.arn}']) {
      expect(
        await findingsOf(
          'FR-ECS-RUNTASK-NO-CLUSTER',
          runTask({ ArnEquals: { 'ecs:cluster': arn } }),
        ),
      ).toEqual([]);
    }
  });
});

describe('trust policies: the confused-deputy guard is judged by value', () => {
  const trusting = trustStack;
  const message = (service: string, reason: string) =>
    `assume_role_policy statement "Assume" trusts ${service} with a condition that does not restrict ${reason}`;

  test.each([
    [
      'aws:SourceAccount "*" (StringLike)',
      'lambda.amazonaws.com',
      { StringLike: { 'aws:SourceAccount': '*' } },
      'aws:SourceAccount (StringLike aws:SourceAccount = "*" has a wildcard: StringLike matches it as a pattern, not one value)',
    ],
    [
      'aws:SourceAccount "*" (StringEquals) next to a good aws:SourceArn',
      'ecs-tasks.amazonaws.com',
      {
        StringEquals: { 'aws:SourceAccount': '*' },
        ArnLike: { 'aws:SourceArn': 'arn:aws:ecs:eu-west-1:123456789012:*' },
      },
      'aws:SourceAccount (StringEquals aws:SourceAccount = "*" is not a 12-digit account ID)',
    ],
    [
      'aws:SourceAccount of 10 digits',
      'lambda.amazonaws.com',
      { StringEquals: { 'aws:SourceAccount': '1234567890' } },
      'aws:SourceAccount (StringEquals aws:SourceAccount = "1234567890" is not a 12-digit account ID)',
    ],
    [
      'aws:SourceArn with a wildcard account',
      'ecs-tasks.amazonaws.com',
      { ArnLike: { 'aws:SourceArn': 'arn:aws:ecs:eu-west-1:*:*' } },
      'aws:SourceArn (ArnLike aws:SourceArn = "arn:aws:ecs:eu-west-1:*:*" has a wildcard in its partition, service, region or account: it matches other accounts)',
    ],
    [
      'StringNotEquals aws:SourceAccount',
      'lambda.amazonaws.com',
      { StringNotEquals: { 'aws:SourceAccount': '123456789012' } },
      'aws:SourceAccount (StringNotEquals aws:SourceAccount = "123456789012" is negated: it allows every other value)',
    ],
  ])('%s is an error', async (_, service, condition, reason) => {
    expect(await findingsOf('FR-IAM-TRUST-CONFUSED-DEPUTY', trusting(service, condition))).toEqual([
      expect.objectContaining({ severity: 'error', message: message(service, reason) }),
    ]);
  });

  test('the project trust (12-digit account, SourceArn wildcard only after the account) is fine', async () => {
    const condition = {
      StringEquals: { 'aws:SourceAccount': ACCOUNT },
      ArnLike: { 'aws:SourceArn': `arn:${PARTITION}:ecs:eu-west-1:${ACCOUNT}:*` },
    };
    expect(
      await findingsOf(
        'FR-IAM-TRUST-CONFUSED-DEPUTY',
        trusting('ecs-tasks.amazonaws.com', condition),
      ),
    ).toEqual([]);
  });
});

describe('other security keys (kms:ViaService …) wherever they appear', () => {
  const decrypt = (Condition: object) =>
    rolePolicyStack({
      Sid: 'Decrypt',
      Effect: 'Allow',
      Action: 'kms:Decrypt',
      Resource: 'arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab',
      Condition,
    });

  test.each([
    [
      { StringLike: { 'kms:ViaService': '*' } },
      'StringLike kms:ViaService = "*" has a wildcard: StringLike matches it as a pattern, not one value',
    ],
    [
      { StringNotEquals: { 'kms:ViaService': 'secretsmanager.eu-west-1.amazonaws.com' } },
      'StringNotEquals kms:ViaService = "secretsmanager.eu-west-1.amazonaws.com" is negated: it allows every other value',
    ],
    [
      { Null: { 'kms:ViaService': 'false' } },
      'Null kms:ViaService = "false" only tests whether the key is present',
    ],
  ])('%j restricts nothing: an error', async (condition, reason) => {
    expect(await findingsOf('FR-IAM-CONDITION-NO-EFFECT', decrypt(condition))).toEqual([
      {
        ruleId: 'FR-IAM-CONDITION-NO-EFFECT',
        severity: 'error',
        address: AT,
        message: `policy statement "Decrypt" is allowed with a condition that does not restrict kms:ViaService (${reason}): compare the key with StringEquals/ArnEquals and exact values`,
      },
    ]);
  });

  test('exact service endpoints (with references in them) are fine', async () => {
    const via = {
      StringEquals: {
        'kms:ViaService': ['secretsmanager.${data.aws_region.current.region}.amazonaws.com'],
      },
    };
    expect(await findingsOf('FR-IAM-CONDITION-NO-EFFECT', decrypt(via))).toEqual([]);
  });

  test('Deny statements may use negated operators (they only narrow what is denied)', async () => {
    const s = rolePolicyStack({
      Sid: 'DenyOutside',
      Effect: 'Deny',
      Action: 'kms:Decrypt',
      Resource: '*',
      Condition: {
        StringNotEquals: { 'kms:ViaService': 'secretsmanager.eu-west-1.amazonaws.com' },
      },
    });
    expect(await findingsOf('FR-IAM-CONDITION-NO-EFFECT', s)).toEqual([]);
  });
});
