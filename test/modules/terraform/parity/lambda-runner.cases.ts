import { AwsContext } from '../../../../src/aws/context';
import { runnableTask } from '../../../../modules/fargate-task-definition';
import { LambdaRunner, type LambdaRunnerProps } from '../../../../modules/lambda-runner';
import { type ParityCase } from './harness';
import { asInputs } from './inputs';

const ACCOUNT = '123456789012';
const role = (name: string) => `arn:aws:iam::${ACCOUNT}:role/${name}`;

interface Task {
  readonly family: string;
  readonly container: string;
}
type Props = Omit<LambdaRunnerProps, 'cluster' | 'tasks'> & {
  readonly clusterName: string;
  readonly tasks: Readonly<Record<string, Task>>;
};

const roles = (task: Task) => ({
  executionRoleArn: role(`${task.family}-execution`),
  taskRoleArn: role(`${task.family}-task`),
});

/** A runner of tasks defined elsewhere (by family and role ARNs), in a cluster named. */
const runner = (title: string, props: Props): ParityCase => {
  const { clusterName, tasks, eventTrigger, roleOptions, ...rest } = props;
  return {
    module: 'lambda-runner',
    title,
    construct: (scope) => {
      const cluster = {
        clusterName,
        arnForPolicies: AwsContext.of(scope).arn('ecs', `cluster/${clusterName}`),
      };
      const runnable = Object.fromEntries(
        Object.entries(tasks).map(([name, task]) => [
          name,
          runnableTask(scope, {
            family: task.family,
            containerName: task.container,
            ...roles(task),
          }),
        ]),
      );
      new LambdaRunner(scope, 'Runner', {
        ...rest,
        eventTrigger,
        roleOptions,
        cluster,
        tasks: runnable,
      });
    },
    inputs: asInputs({
      ...rest,
      clusterName,
      tasks: Object.fromEntries(
        Object.entries(tasks).map(([name, task]) => [name, { ...task, ...roles(task) }]),
      ),
      eventTrigger: eventTrigger && {
        pattern: JSON.stringify(eventTrigger.pattern),
        input: eventTrigger.input,
      },
      path: roleOptions?.path,
      permissionsBoundaryArn: roleOptions?.permissionsBoundaryArn,
      maxSessionDurationSeconds: roleOptions?.maxSessionDurationSeconds,
      roleTags: roleOptions?.tags,
    }) as Record<string, unknown>,
  };
};

const network = {
  subnetIds: ['subnet-0123456789abcdef0', 'subnet-0fedcba9876543210'],
  securityGroupIds: ['sg-0123456789abcdef0'],
};
const report = { report: { family: 'lr-report', container: 'app' } };
const several = {
  report: { family: 'lr-report', container: 'app' },
  cleanup: { family: 'lr-cleanup', container: 'cleanup' },
  export: { family: 'lr-export', container: 'export' },
};

export const lambdaRunnerCases: ParityCase[] = [
  runner('one task definition, the defaults (dead-letter queue)', {
    functionName: 'lr-one',
    clusterName: 'jobs',
    tasks: report,
    ...network,
  }),
  runner('several task definitions', {
    functionName: 'lr-several',
    clusterName: 'jobs',
    tasks: several,
    ...network,
  }),
  runner('on a schedule with EventBridge Scheduler', {
    functionName: 'lr-scheduler',
    clusterName: 'jobs',
    tasks: several,
    ...network,
    schedule: {
      expression: 'cron(0 3 * * ? *)',
      timezone: 'Europe/Dublin',
      input: { task: 'report', count: 2, environment: { MODE: 'nightly' } },
    },
  }),
  runner('on a schedule with an EventBridge rule', {
    functionName: 'lr-rule',
    clusterName: 'jobs',
    tasks: report,
    ...network,
    schedule: { expression: 'rate(1 hour)', service: 'eventbridge-rule' },
  }),
  runner('on an event pattern', {
    functionName: 'lr-events',
    clusterName: 'jobs',
    tasks: several,
    ...network,
    eventTrigger: {
      pattern: { source: ['aws.s3'], 'detail-type': ['Object Created'] },
      input: { task: 'export', command: ['export', '--since', '1h'], startedBy: 'events' },
    },
  }),
  runner('failures to an on-failure destination', {
    functionName: 'lr-destination',
    clusterName: 'jobs',
    tasks: report,
    ...network,
    onFailure: 'destination',
    maximumRetryAttempts: 0,
    maximumEventAgeSeconds: 3600,
  }),
  runner('no dead-letter queue', {
    functionName: 'lr-no-dlq',
    clusterName: 'jobs',
    tasks: report,
    ...network,
    onFailure: 'none',
  }),
  runner('FARGATE_SPOT capacity, task tags, describe tasks, ECS Exec, public IP', {
    functionName: 'lr-options',
    clusterName: 'batch',
    tasks: several,
    ...network,
    capacityProviderStrategy: [
      { capacityProvider: 'FARGATE_SPOT', weight: 3 },
      { capacityProvider: 'FARGATE', base: 1 },
    ],
    taskTags: { team: 'jobs' },
    allowDescribeTasks: true,
    enableExecuteCommand: true,
    assignPublicIp: true,
    platformVersion: '1.4.0',
    propagateTags: 'NONE',
  }),
  runner('active tracing, x86_64, Node.js 24, sizes and retention', {
    functionName: 'lr-function',
    clusterName: 'jobs',
    tasks: report,
    ...network,
    tracing: 'Active',
    architecture: 'x86_64',
    runtime: 'nodejs24.x',
    memoryMiB: 512,
    timeoutSeconds: 60,
    logRetentionDays: 90,
    reservedConcurrency: 5,
  }),
  runner('role name and options, tags, with a schedule', {
    functionName: 'lr-roles',
    clusterName: 'jobs',
    tasks: report,
    ...network,
    roleName: 'runner-of-jobs',
    roleOptions: {
      path: '/runners/',
      permissionsBoundaryArn: `arn:aws:iam::${ACCOUNT}:policy/boundary`,
      maxSessionDurationSeconds: 3600,
      tags: { owner: 'platform' },
    },
    tags: { team: 'jobs' },
    schedule: { expression: 'rate(1 day)' },
  }),
];
