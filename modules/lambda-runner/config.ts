import { type RunnerConfig } from '../../src/runner/config';
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
  };
}
