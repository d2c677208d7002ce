import { Token } from 'cdktf';
import type * as Fflate from 'fflate';
import { AwsLimits } from '../../src/aws/limits';
import { toJsonString } from '../../src/json';
import { TASKS_DEFLATED_FIELD, type RunnerConfig } from '../../src/runner/config';
import { type CapacityProviderStrategyItem, type ICluster } from '../ecs-cluster';
import { type IRunnableTask } from '../fargate-task-definition';

/**
 * The runner's properties that decide what its handler may do, and so make its configuration
 * (the rest of {@link LambdaRunnerProps} is about the function itself).
 */
export interface RunnerConfigProps {
  /** The cluster the tasks run in; the runner may run them in no other. */
  readonly cluster: ICluster;
  /**
   * The tasks the runner may start, by the name an invocation uses (`{ "task": "<name>" }`).
   * Command and environment overrides apply to each task's first essential container. A
   * `FargateTaskDefinition`, or a task definition defined elsewhere bound with `runnableTask`.
   */
  readonly tasks: Readonly<Record<string, IRunnableTask>>;
  /** Subnets of the tasks (`subnet-…`). */
  readonly subnetIds: readonly string[];
  /** Security groups of the tasks (`sg-…`). */
  readonly securityGroupIds: readonly string[];
  /**
   * Give tasks a public IP (needed in public subnets without a NAT gateway to pull images).
   *
   * @default false
   */
  readonly assignPublicIp?: boolean;
  /**
   * Capacity provider strategy for the tasks.
   *
   * @default - launch type FARGATE
   */
  readonly capacityProviderStrategy?: readonly CapacityProviderStrategyItem[];
  /**
   * Fargate platform version.
   *
   * @default 'LATEST'
   */
  readonly platformVersion?: string;
  /**
   * Copy the task definition's tags to the tasks.
   *
   * @default 'TASK_DEFINITION'
   */
  readonly propagateTags?: 'TASK_DEFINITION' | 'NONE';
  /**
   * Start tasks with ECS Exec enabled. The task roles also need the ECS Exec permissions
   * (`EcsCluster.grantExecuteCommand`).
   *
   * @default false
   */
  readonly enableExecuteCommand?: boolean;
  /**
   * Tags set on every started task; the runner role then may tag tasks it starts, and only
   * while starting them (`ecs:CreateAction` = `RunTask`).
   *
   * @default - none
   */
  readonly taskTags?: Readonly<Record<string, string>>;
  /**
   * The ECS task group of every task the runner starts (RunTask `group`), which callers cannot
   * change (they may set `startedBy`): a `TaskFailures` rule matches the runner's tasks by it.
   * A convention is `runner:<functionName>`.
   *
   * @default - ECS's default, `family:<family>`
   */
  readonly taskGroup?: string;
}

/**
 * Plain configurations up to this size stay readable in the environment; larger ones (many
 * tasks) carry the tasks compressed. Well below Lambda's 4 KB, as references in the
 * configuration (cluster, security groups) are longer or shorter once Terraform evaluates them.
 */
const PLAIN_CONFIG_BYTES = AwsLimits.lambdaEnvironmentBytes * 0.75;

/**
 * The `RUNNER_CONFIG` value: the configuration as JSON, with the tasks compressed
 * (`tasksDeflated`, raw DEFLATE in base64, by fflate: the same bytes on every machine) when the
 * plain JSON would crowd Lambda's 4 KB for all environment variables.
 */
export function runnerConfigValue(props: RunnerConfigProps): string {
  const config = runnerConfig(props);
  const plain = toJsonString(config);
  const tasksJson = JSON.stringify(config.tasks);
  if (Buffer.byteLength(plain) <= PLAIN_CONFIG_BYTES || Token.isUnresolved(tasksJson)) return plain;
  // fflate is loaded only for a configuration this large.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { deflateSync } = require('fflate') as typeof Fflate;
  const deflated = Buffer.from(deflateSync(Buffer.from(tasksJson, 'utf8'), { level: 9 })).toString(
    'base64',
  );
  const { tasks: _tasks, ...rest } = config;
  return toJsonString({ ...rest, [TASKS_DEFLATED_FIELD]: deflated });
}

/** The handler's configuration: everything it may do, fixed at deploy time. */
export function runnerConfig(props: RunnerConfigProps): RunnerConfig {
  const tasks = Object.fromEntries(
    Object.entries(props.tasks).map(([name, taskDefinition]) => [
      name,
      { taskDefinition: taskDefinition.family, container: taskDefinition.overrideContainerName },
    ]),
  );
  return {
    cluster: props.cluster.arnForPolicies,
    tasks,
    subnets: [...props.subnetIds],
    securityGroups: [...props.securityGroupIds],
    assignPublicIp: props.assignPublicIp ?? false,
    ...(props.capacityProviderStrategy
      ? { capacityProviderStrategy: props.capacityProviderStrategy.map((item) => ({ ...item })) }
      : { launchType: 'FARGATE' as const }),
    platformVersion: props.platformVersion ?? 'LATEST',
    propagateTags: props.propagateTags ?? 'TASK_DEFINITION',
    enableExecuteCommand: props.enableExecuteCommand ?? false,
    ...(props.taskTags &&
      Object.keys(props.taskTags).length > 0 && { tags: { ...props.taskTags } }),
    ...(props.taskGroup !== undefined && { group: props.taskGroup }),
  };
}
