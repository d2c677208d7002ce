import { TaskRole, type TaskRoleProps } from '../../modules/task-role';
import { ACCOUNT, newStack, REGION, roleNamed, synth } from '../support/synth';
import { decide, decideTrust } from '../support/simulate';

const BUCKET = 'arn:aws:s3:::reports-bucket';
const TOPIC = `arn:aws:sns:${REGION}:${ACCOUNT}:report-ready`;
const QUEUE = `arn:aws:sqs:${REGION}:${ACCOUNT}:jobs`;
const TABLE = `arn:aws:dynamodb:${REGION}:${ACCOUNT}:table/reports`;
const SECRET = `arn:aws:secretsmanager:${REGION}:${ACCOUNT}:secret:api-key-AbCdEf`;

function taskRole(props: Partial<TaskRoleProps> = {}) {
  const stack = newStack();
  const role = new TaskRole(stack, 'task', { roleName: 'app-task', ...props });
  return { stack, role };
}

const synthRole = (props: Partial<TaskRoleProps> = {}) =>
  roleNamed(synth(taskRole(props).stack), 'app-task');
const statementsOf = (props: Partial<TaskRoleProps>) =>
  synthRole(props).policies[0].document.Statement;

describe('TaskRole common grants', () => {
  test('S3 read: objects under the prefix, listing limited to the prefix', async () => {
    const statements = statementsOf({ s3ReadLocations: [{ bucketArn: BUCKET, prefix: 'daily/' }] });
    expect(statements).toEqual([
      {
        Sid: 'S3ListBucket',
        Effect: 'Allow',
        Action: ['s3:ListBucket'],
        Resource: [BUCKET],
        Condition: { StringLike: { 's3:prefix': ['daily/*'] } },
      },
      {
        Sid: 'S3ReadObjects',
        Effect: 'Allow',
        Action: ['s3:GetObject'],
        Resource: [`${BUCKET}/daily/*`],
      },
    ]);
    const policy = [{ Version: '2012-10-17' as const, Statement: statements }];
    expect(
      await decide(policy, { action: 's3:GetObject', resource: `${BUCKET}/daily/2026-11-23.csv` }),
    ).toBe('Allowed');
    expect(
      await decide(policy, { action: 's3:GetObject', resource: `${BUCKET}/monthly/2026-11.csv` }),
    ).toBe('ImplicitlyDenied');
    expect(
      await decide(policy, {
        action: 's3:GetObject',
        resource: 'arn:aws:s3:::other-bucket/daily/x',
      }),
    ).toBe('ImplicitlyDenied');
    expect(await decide(policy, { action: 's3:PutObject', resource: `${BUCKET}/daily/x` })).toBe(
      'ImplicitlyDenied',
    );
    const list = (prefix: string) =>
      decide(policy, {
        action: 's3:ListBucket',
        resource: BUCKET,
        context: { 's3:prefix': prefix },
      });
    expect(await list('daily/')).toBe('Allowed');
    expect(await list('monthly/')).toBe('ImplicitlyDenied');
  });

  test('S3 read of a whole bucket lists it without a condition', () => {
    expect(statementsOf({ s3ReadLocations: [{ bucketArn: BUCKET }] })).toEqual([
      { Sid: 'S3ListBucket', Effect: 'Allow', Action: ['s3:ListBucket'], Resource: [BUCKET] },
      {
        Sid: 'S3ReadObjects',
        Effect: 'Allow',
        Action: ['s3:GetObject'],
        Resource: [`${BUCKET}/*`],
      },
    ]);
  });

  test('S3 write: put under the prefix, no delete', async () => {
    const statements = statementsOf({ s3WriteLocations: [{ bucketArn: BUCKET, prefix: 'out/' }] });
    expect(statements).toEqual([
      {
        Sid: 'S3WriteObjects',
        Effect: 'Allow',
        Action: ['s3:AbortMultipartUpload', 's3:PutObject'],
        Resource: [`${BUCKET}/out/*`],
      },
    ]);
    const policy = [{ Version: '2012-10-17' as const, Statement: statements }];
    expect(await decide(policy, { action: 's3:PutObject', resource: `${BUCKET}/out/a` })).toBe(
      'Allowed',
    );
    expect(await decide(policy, { action: 's3:DeleteObject', resource: `${BUCKET}/out/a` })).toBe(
      'ImplicitlyDenied',
    );
    expect(await decide(policy, { action: 's3:PutObject', resource: `${BUCKET}/in/a` })).toBe(
      'ImplicitlyDenied',
    );
  });

  test('SNS, SQS, DynamoDB and Secrets Manager grants name exactly their resources', async () => {
    const statements = statementsOf({
      snsPublishTopicArns: [TOPIC],
      sqsSendQueueArns: [QUEUE],
      sqsConsumeQueueArns: [`${QUEUE}-in`],
      dynamodbReadTableArns: [TABLE],
      dynamodbWriteTableArns: [TABLE],
      secretArns: [SECRET],
    });
    expect(statements).toEqual([
      {
        Sid: 'DynamoDbRead',
        Effect: 'Allow',
        Action: [
          'dynamodb:BatchGetItem',
          'dynamodb:ConditionCheckItem',
          'dynamodb:DescribeTable',
          'dynamodb:GetItem',
          'dynamodb:Query',
          'dynamodb:Scan',
        ],
        Resource: [TABLE, `${TABLE}/index/*`],
      },
      {
        Sid: 'DynamoDbWrite',
        Effect: 'Allow',
        Action: [
          'dynamodb:BatchWriteItem',
          'dynamodb:ConditionCheckItem',
          'dynamodb:DeleteItem',
          'dynamodb:DescribeTable',
          'dynamodb:PutItem',
          'dynamodb:UpdateItem',
        ],
        Resource: [TABLE],
      },
      {
        Sid: 'SecretsRead',
        Effect: 'Allow',
        Action: ['secretsmanager:GetSecretValue'],
        Resource: [SECRET],
      },
      { Sid: 'SnsPublish', Effect: 'Allow', Action: ['sns:Publish'], Resource: [TOPIC] },
      {
        Sid: 'SqsConsume',
        Effect: 'Allow',
        Action: [
          'sqs:ChangeMessageVisibility',
          'sqs:DeleteMessage',
          'sqs:GetQueueAttributes',
          'sqs:GetQueueUrl',
          'sqs:ReceiveMessage',
        ],
        Resource: [`${QUEUE}-in`],
      },
      {
        Sid: 'SqsSend',
        Effect: 'Allow',
        Action: ['sqs:GetQueueAttributes', 'sqs:GetQueueUrl', 'sqs:SendMessage'],
        Resource: [QUEUE],
      },
    ]);
    const policy = [{ Version: '2012-10-17' as const, Statement: statements }];
    const d = (action: string, resource: string) => decide(policy, { action, resource });
    expect(await d('sns:Publish', TOPIC)).toBe('Allowed');
    expect(await d('sns:Publish', `${TOPIC}-other`)).toBe('ImplicitlyDenied');
    expect(await d('sqs:SendMessage', QUEUE)).toBe('Allowed');
    expect(await d('sqs:SendMessage', `${QUEUE}-in`)).toBe('ImplicitlyDenied');
    expect(await d('sqs:ReceiveMessage', QUEUE)).toBe('ImplicitlyDenied');
    expect(await d('dynamodb:Query', `${TABLE}/index/by-date`)).toBe('Allowed');
    expect(await d('dynamodb:PutItem', `${TABLE}-archive`)).toBe('ImplicitlyDenied');
    expect(await d('dynamodb:DeleteTable', TABLE)).toBe('ImplicitlyDenied');
    expect(await d('secretsmanager:GetSecretValue', SECRET.replace('api-key', 'db-key'))).toBe(
      'ImplicitlyDenied',
    );
  });

  test('ECS Exec channels only when enabled', () => {
    expect(synthRole().policies).toEqual([]);
    expect(statementsOf({ enableExecuteCommand: true })).toEqual([
      {
        Sid: 'EcsExecChannels',
        Effect: 'Allow',
        Action: [
          'ssmmessages:CreateControlChannel',
          'ssmmessages:CreateDataChannel',
          'ssmmessages:OpenControlChannel',
          'ssmmessages:OpenDataChannel',
        ],
        Resource: ['*'],
      },
    ]);
  });
});

describe('TaskRole statements and managed policies', () => {
  test('renders given statements as given, merged with the grants', () => {
    const statements = statementsOf({
      statements: [
        {
          sid: 'ReadOwnPrefix',
          actions: ['s3:GetObject'],
          resources: [`${BUCKET}/\${aws:PrincipalTag/team}/*`],
          conditions: { Bool: { 'aws:SecureTransport': 'true' } },
        },
        {
          sid: 'DenyDelete',
          effect: 'Deny',
          actions: ['s3:DeleteObject'],
          resources: [`${BUCKET}/*`],
        },
      ],
      snsPublishTopicArns: [TOPIC],
    });
    expect(statements).toEqual([
      { Sid: 'DenyDelete', Effect: 'Deny', Action: ['s3:DeleteObject'], Resource: [`${BUCKET}/*`] },
      {
        Sid: 'ReadOwnPrefix',
        Effect: 'Allow',
        Action: ['s3:GetObject'],
        Resource: [`${BUCKET}/\${aws:PrincipalTag/team}/*`],
        Condition: { Bool: { 'aws:SecureTransport': 'true' } },
      },
      { Sid: 'SnsPublish', Effect: 'Allow', Action: ['sns:Publish'], Resource: [TOPIC] },
    ]);
  });

  test('escapes IAM policy variables so Terraform passes them to IAM literally', () => {
    const { stack } = taskRole({
      statements: [
        { sid: 'Own', actions: ['s3:GetObject'], resources: [`${BUCKET}/\${aws:username}/*`] },
      ],
    });
    const raw = Object.values(synth(stack).resource!.aws_iam_role_policy)[0].policy as string;
    expect(raw).toContain('reports-bucket/$${aws:username}/*');
  });

  test('attaches managed policies with addresses named after the policy', () => {
    const { stack } = taskRole({
      managedPolicyArns: [`arn:aws:iam::${ACCOUNT}:policy/team/reports-read`],
    });
    const json = synth(stack);
    const attachments = json.resource!.aws_iam_role_policy_attachment;
    expect(Object.keys(attachments)).toEqual([
      expect.stringMatching(/^task_Role_ManagedPolicy-reports-read_[0-9A-F]{8}$/),
    ]);
    expect(roleNamed(json, 'app-task').managedPolicyArns).toEqual([
      `arn:aws:iam::${ACCOUNT}:policy/team/reports-read`,
    ]);
  });

  test('trusts ECS tasks with the same confused-deputy conditions as the execution role', async () => {
    const role = synthRole();
    expect(role.trust.Statement[0].Condition).toEqual({
      ArnLike: { 'aws:SourceArn': `arn:aws:ecs:${REGION}:${ACCOUNT}:*` },
      StringEquals: { 'aws:SourceAccount': ACCOUNT },
    });
    expect(
      await decideTrust(
        role.trust,
        `arn:aws:iam::${ACCOUNT}:role/app-task`,
        'ecs-tasks.amazonaws.com',
        {
          'aws:SourceAccount': '210987654321',
          'aws:SourceArn': `arn:aws:ecs:${REGION}:210987654321:task/c/1`,
        },
      ),
    ).toBe('ImplicitlyDenied');
  });

  test('sets the permissions boundary, path, session duration and tags', () => {
    const boundary = `arn:aws:iam::${ACCOUNT}:policy/boundaries/workload`;
    const role = synthRole({
      permissionsBoundaryArn: boundary,
      path: '/workloads/',
      maxSessionDurationSeconds: 7200,
      tags: { team: 'reports' },
    });
    expect(role.config).toMatchObject({
      permissions_boundary: boundary,
      path: '/workloads/',
      max_session_duration: 7200,
      tags: { team: 'reports' },
    });
  });

  test('the grant API returns what it granted', () => {
    const { role } = taskRole();
    const grant = role.grantSnsPublish(TOPIC);
    expect(grant.principal).toBe(role.role);
    expect(grant.statements).toEqual([
      { sid: 'SnsPublish', actions: ['sns:Publish'], resources: [TOPIC] },
    ]);
  });
});

describe('TaskRole validation', () => {
  test('rejects ARNs of the wrong service for each grant', () => {
    expect(() => taskRole({ snsPublishTopicArns: [QUEUE] })).toThrow(
      /^test\/task: snsPublishTopicArns\[0\] is an ARN of service "sqs", not an SNS topic ARN: received "arn:aws:sqs:eu-west-1:123456789012:jobs"; allowed: an SNS topic ARN naming one exact resource, such as arn:aws:sns:/,
    );
    expect(() => taskRole({ dynamodbReadTableArns: [`${TABLE}/index/*`] })).toThrow(
      /dynamodbReadTableArns\[0\] contains a wildcard/,
    );
    expect(() =>
      taskRole({ secretArns: [`arn:aws:ssm:${REGION}:${ACCOUNT}:parameter/x`] }),
    ).toThrow(/secretArns\[0\] is an ARN of service "ssm", which is not accepted here/);
    expect(() => taskRole({ s3ReadLocations: [{ bucketArn: 'reports-bucket' }] })).toThrow(
      /s3ReadLocations\[0\]\.bucketArn is not an ARN/,
    );
    expect(() => taskRole({ s3WriteLocations: [{ bucketArn: BUCKET, prefix: '/out/*' }] })).toThrow(
      /s3WriteLocations\[0\]\.prefix is not allowed: received "\/out\/\*"; allowed: a non-empty key prefix/,
    );
    expect(() => taskRole({ managedPolicyArns: [BUCKET] })).toThrow(
      /managedPolicyArns\[0\] is an ARN of service "s3"/,
    );
  });

  test('rejects malformed statements, every problem at once', () => {
    expect(() =>
      taskRole({
        statements: [
          { sid: 'read-reports', actions: ['GetObject'], resources: ['reports-bucket'] },
          { sid: 'Ok', effect: 'Permit' as never, actions: [], resources: ['*'] },
        ],
      }),
    ).toThrow(
      [
        'test/task: 5 problems:',
        '  - statements[0].sid is not allowed: received "read-reports"; allowed: letters and digits only, e.g. "ReadReports"',
        '  - statements[0].actions[0] is not allowed: received "GetObject"; allowed: service:Action, e.g. "s3:GetObject" (wildcards * and ? allowed)',
        '  - statements[0].resources[0] is not allowed: received "reports-bucket"; allowed: resource ARNs or "*"',
        '  - statements[1].effect is not allowed: received "Permit"; allowed: "Allow" or "Deny"',
        '  - statements[1].actions is empty: received []; allowed: at least one of: service:Action, e.g. "s3:GetObject" (wildcards * and ? allowed)',
      ].join('\n'),
    );
  });

  test('rejects a grant call with a bad argument', () => {
    const { role } = taskRole();
    expect(() => role.grantSqsConsume(TOPIC)).toThrow(
      /test\/task: grantSqsConsume\(queueArn\) is an ARN of service "sns"/,
    );
    expect(() => role.addToPolicy({ sid: 'X', actions: ['s3:GetObject'], resources: [] })).toThrow(
      /addToPolicy\(statement\)\[0\]\.resources is empty/,
    );
  });
});
