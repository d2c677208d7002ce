import { EcsCluster, type EcsClusterProps } from '../../../../modules/ecs-cluster';
import { type ParityCase } from './harness';
import { asInputs } from './inputs';

const KEY = 'arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab';

const cluster = (title: string, props: EcsClusterProps): ParityCase => ({
  module: 'ecs-cluster',
  title,
  construct: (scope) => new EcsCluster(scope, 'Cluster', props),
  inputs: asInputs(props) as Record<string, unknown>,
});

export const ecsClusterCases: ParityCase[] = [
  cluster('defaults', { clusterName: 'ec-defaults' }),
  cluster('Container Insights disabled', {
    clusterName: 'ec-no-insights',
    containerInsights: 'disabled',
  }),
  cluster('Container Insights enhanced, tags', {
    clusterName: 'ec-enhanced',
    containerInsights: 'enhanced',
    tags: { team: 'jobs' },
  }),
  cluster('all tasks on FARGATE_SPOT', {
    clusterName: 'ec-spot',
    defaultCapacityProviderStrategy: [{ capacityProvider: 'FARGATE_SPOT' }],
  }),
  cluster('a base on FARGATE, the rest mostly on FARGATE_SPOT', {
    clusterName: 'ec-mixed',
    defaultCapacityProviderStrategy: [
      { capacityProvider: 'FARGATE', base: 2, weight: 1 },
      { capacityProvider: 'FARGATE_SPOT', weight: 4 },
    ],
  }),
  cluster('ECS Exec logged to the default log group', {
    clusterName: 'ec-exec',
    executeCommand: {},
  }),
  cluster('ECS Exec encrypted with a KMS key', {
    clusterName: 'ec-exec-kms',
    executeCommand: { kmsKeyArn: KEY },
  }),
  cluster('ECS Exec logged to a named, encrypted log group with its retention', {
    clusterName: 'ec-exec-logs',
    executeCommand: {
      logGroupName: '/ecs/exec/sessions',
      logRetentionDays: 365,
      logKmsKeyArn: KEY,
    },
    tags: { team: 'ops' },
  }),
  cluster('ECS Exec logged to an existing log group', {
    clusterName: 'ec-exec-existing',
    executeCommand: { logGroupName: '/shared/exec', createLogGroup: false },
  }),
  cluster('everything at once', {
    clusterName: 'ec-everything',
    containerInsights: 'enhanced',
    defaultCapacityProviderStrategy: [{ capacityProvider: 'FARGATE_SPOT', weight: 1, base: 1 }],
    executeCommand: { kmsKeyArn: KEY, logRetentionDays: 30 },
    tags: { team: 'jobs', env: 'prod' },
  }),
];
