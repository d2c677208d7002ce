import { TaskRole, type TaskRoleProps } from '../../../../modules/task-role';
import { type ParityCase } from './harness';
import { asInputs } from './inputs';

const ACCOUNT = '123456789012';
const bucket = (name: string) => `arn:aws:s3:::${name}`;
const table = (name: string) => `arn:aws:dynamodb:eu-west-1:${ACCOUNT}:table/${name}`;

const role = (title: string, props: TaskRoleProps): ParityCase => ({
  module: 'task-role',
  title,
  construct: (scope) => new TaskRole(scope, 'Role', props),
  inputs: asInputs(props) as Record<string, unknown>,
});

export const taskRoleCases: ParityCase[] = [
  role('no permission at all: a role without a policy', { roleName: 'tr-none' }),
  role('S3 read of a whole bucket and under a prefix', {
    roleName: 'tr-s3-read',
    s3ReadLocations: [
      { bucketArn: bucket('reports-raw') },
      { bucketArn: bucket('reports-in'), prefix: 'daily/' },
    ],
  }),
  role('S3 read of one prefix in two buckets and two prefixes in one', {
    roleName: 'tr-s3-prefixes',
    s3ReadLocations: [
      { bucketArn: bucket('bucket-one'), prefix: 'in/' },
      { bucketArn: bucket('bucket-two'), prefix: 'in/' },
      { bucketArn: bucket('bucket-one'), prefix: 'archive/' },
    ],
  }),
  role('S3 write', {
    roleName: 'tr-s3-write',
    s3WriteLocations: [
      { bucketArn: bucket('reports-out'), prefix: 'out/' },
      { bucketArn: bucket('dump') },
    ],
  }),
  role('SNS publish and SQS send and consume', {
    roleName: 'tr-messaging',
    snsPublishTopicArns: [
      `arn:aws:sns:eu-west-1:${ACCOUNT}:ready`,
      `arn:aws:sns:eu-west-1:${ACCOUNT}:done.fifo`,
    ],
    sqsSendQueueArns: [`arn:aws:sqs:eu-west-1:${ACCOUNT}:jobs`],
    sqsConsumeQueueArns: [`arn:aws:sqs:eu-west-1:${ACCOUNT}:inbox`],
  }),
  role('DynamoDB read (with indexes) and write', {
    roleName: 'tr-dynamodb',
    dynamodbReadTableArns: [table('customers'), table('orders')],
    dynamodbWriteTableArns: [table('orders')],
  }),
  role('secrets read at run time, with a JSON key', {
    roleName: 'tr-secrets',
    secretArns: [`arn:aws:secretsmanager:eu-west-1:${ACCOUNT}:secret:app/api-AbCdEf`],
  }),
  role('ECS Exec', { roleName: 'tr-exec', enableExecuteCommand: true }),
  role('statements with conditions, Deny and several values', {
    roleName: 'tr-statements',
    statements: [
      {
        sid: 'ReadConfiguration',
        actions: ['appconfig:StartConfigurationSession', 'appconfig:GetLatestConfiguration'],
        resources: [
          `arn:aws:appconfig:eu-west-1:${ACCOUNT}:application/abc1234/environment/def5678/configuration/ghi9012`,
        ],
      },
      {
        sid: 'DenyOtherRegions',
        effect: 'Deny',
        actions: ['*'],
        resources: ['*'],
        conditions: { StringNotEquals: { 'aws:RequestedRegion': ['eu-west-1', 'eu-central-1'] } },
      },
    ],
  }),
  role('managed policies', {
    roleName: 'tr-managed',
    managedPolicyArns: [
      'arn:aws:iam::aws:policy/ReadOnlyAccess',
      `arn:aws:iam::${ACCOUNT}:policy/team/extra`,
    ],
  }),
  role('role options and everything at once', {
    roleName: 'tr-everything',
    path: '/apps/',
    maxSessionDurationSeconds: 43200,
    permissionsBoundaryArn: `arn:aws:iam::${ACCOUNT}:policy/boundary`,
    tags: { team: 'jobs' },
    s3ReadLocations: [{ bucketArn: bucket('reports-in'), prefix: 'daily/' }],
    s3WriteLocations: [{ bucketArn: bucket('reports-out') }],
    snsPublishTopicArns: [`arn:aws:sns:eu-west-1:${ACCOUNT}:ready`],
    dynamodbReadTableArns: [table('customers')],
    enableExecuteCommand: true,
    statements: [{ sid: 'PutMetrics', actions: ['cloudwatch:PutMetricData'], resources: ['*'] }],
    managedPolicyArns: ['arn:aws:iam::aws:policy/ReadOnlyAccess'],
  }),
];
