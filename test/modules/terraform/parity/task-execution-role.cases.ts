import {
  TaskExecutionRole,
  type TaskExecutionRoleProps,
} from '../../../../modules/task-execution-role';
import { type ParityCase } from './harness';
import { asInputs } from './inputs';

const ACCOUNT = '123456789012';
const ecr = (name: string) => `arn:aws:ecr:eu-west-1:${ACCOUNT}:repository/${name}`;
const secret = (name: string) => `arn:aws:secretsmanager:eu-west-1:${ACCOUNT}:secret:${name}`;
const parameter = (name: string) => `arn:aws:ssm:eu-west-1:${ACCOUNT}:parameter/${name}`;
const KEY = `arn:aws:kms:eu-west-1:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
const MRK = `arn:aws:kms:eu-west-1:${ACCOUNT}:key/mrk-0123456789abcdef0123456789abcdef`;

const role = (title: string, props: TaskExecutionRoleProps): ParityCase => ({
  module: 'task-execution-role',
  title,
  construct: (scope) => new TaskExecutionRole(scope, 'Role', props),
  inputs: asInputs(props) as Record<string, unknown>,
});

export const taskExecutionRoleCases: ParityCase[] = [
  role('minimal: one private ECR repository and its log group', {
    roleName: 'ter-minimal-ecr',
    repositoryArns: [ecr('report')],
    logGroupNames: ['/ecs/report'],
  }),
  role('minimal, shared: several repositories and log groups', {
    roleName: 'ter-shared',
    repositoryArns: [ecr('report'), ecr('team/cleanup'), ecr('export')],
    logGroupNames: ['/ecs/report', '/ecs/cleanup', '/ecs/export'],
  }),
  role('starter: the AWS managed policy', { roleName: 'ter-starter', policyMode: 'starter' }),
  role('starter with secrets, parameters and a KMS key', {
    roleName: 'ter-starter-secrets',
    policyMode: 'starter',
    secretArns: [secret('db-AbCdEf')],
    parameterArns: [parameter('app/host')],
    kmsKeyArns: [KEY],
  }),
  role('public images only (ECR Public, Docker Hub): no pull permission', {
    roleName: 'ter-public',
    usesPublicImages: true,
    logGroupNames: ['/ecs/public'],
  }),
  role('Docker Hub with registry credentials', {
    roleName: 'ter-dockerhub',
    repositoryCredentialsSecretArns: [secret('dockerhub-AbCdEf')],
    logGroupNames: ['/ecs/hub'],
  }),
  role('Secrets Manager secrets and KMS keys (decrypt via Secrets Manager only)', {
    roleName: 'ter-secrets-kms',
    repositoryArns: [ecr('report')],
    secretArns: [secret('report/db-AbCdEf'), secret('report/api-GhIjKl')],
    kmsKeyArns: [KEY, MRK],
  }),
  role('SSM parameters with a KMS key (decrypt via SSM only)', {
    roleName: 'ter-parameters',
    repositoryArns: [ecr('report')],
    parameterArns: [parameter('report/host'), parameter('report/port')],
    kmsKeyArns: [KEY],
  }),
  role('log group creation by the awslogs driver', {
    roleName: 'ter-create-logs',
    repositoryArns: [ecr('report')],
    logGroupNames: ['/ecs/a', '/ecs/b'],
    allowCreateLogGroup: true,
  }),
  role('role options: path, permissions boundary, session duration, tags, description', {
    roleName: 'ter-options',
    repositoryArns: [ecr('report')],
    path: '/ecs/',
    permissionsBoundaryArn: `arn:aws:iam::${ACCOUNT}:policy/boundary`,
    maxSessionDurationSeconds: 7200,
    tags: { team: 'jobs', 'cost-center': '42' },
    description: 'Shared execution role of the jobs team',
  }),
  role('everything at once', {
    roleName: 'ter-everything',
    repositoryArns: [ecr('report'), ecr('export')],
    logGroupNames: ['/ecs/report'],
    secretArns: [secret('db-AbCdEf')],
    parameterArns: [parameter('a/b')],
    repositoryCredentialsSecretArns: [secret('hub-AbCdEf')],
    kmsKeyArns: [KEY],
    allowCreateLogGroup: true,
  }),
];
