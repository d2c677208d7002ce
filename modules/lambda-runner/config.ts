import { type RunnerConfig } from '../../src/runner/config';
import { type LambdaRunnerProps } from '.';

/** The handler's configuration: everything it may do, fixed at deploy time. */
export function runnerConfig(props: LambdaRunnerProps): RunnerConfig {
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
