import { Token } from 'cdktf';
import { deflateSync } from 'fflate';
import { AwsLimits } from '../../src/aws/limits';
import { toJsonString } from '../../src/json';
import { TASKS_DEFLATED_FIELD, type RunnerConfig } from '../../src/runner/config';
import { type CapacityProviderStrategyItem, type ICluster } from '../ecs-cluster';
import { type IRunnableTask } from '../fargate-task-definition';

/** What the handler's configuration is made of: the runner's props that decide what it may do. */
export interface RunnerConfigProps {
  readonly cluster: ICluster;
  readonly tasks: Readonly<Record<string, IRunnableTask>>;
  readonly subnetIds: readonly string[];
  readonly securityGroupIds: readonly string[];
  readonly assignPublicIp?: boolean;
  readonly capacityProviderStrategy?: readonly CapacityProviderStrategyItem[];
  readonly platformVersion?: string;
  readonly propagateTags?: 'TASK_DEFINITION' | 'NONE';
  readonly enableExecuteCommand?: boolean;
  readonly taskTags?: Readonly<Record<string, string>>;
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
