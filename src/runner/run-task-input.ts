import { type RunTaskCommandInput } from '@aws-sdk/client-ecs';
import { type RunnerConfig } from './config';
import { type RunRequest, taskOverrides } from './request';

/** The RunTask input for a validated request: the bound cluster, network, capacity and tags. */
export function runTaskInput(
  config: RunnerConfig,
  request: RunRequest,
  clientToken: string,
): RunTaskCommandInput {
  const overrides = taskOverrides(request);
  const tags = Object.entries(config.tags ?? {})
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([key, value]) => ({ key, value }));
  return {
    cluster: config.cluster,
    taskDefinition: request.task.taskDefinition,
    count: request.count,
    startedBy: request.startedBy,
    ...(config.group && { group: config.group }),
    clientToken,
    networkConfiguration: {
      awsvpcConfiguration: {
        subnets: config.subnets,
        securityGroups: config.securityGroups,
        assignPublicIp: config.assignPublicIp ? 'ENABLED' : 'DISABLED',
      },
    },
    ...(config.launchType
      ? { launchType: config.launchType }
      : { capacityProviderStrategy: config.capacityProviderStrategy }),
    platformVersion: config.platformVersion ?? 'LATEST',
    ...(config.propagateTags && { propagateTags: config.propagateTags }),
    enableExecuteCommand: config.enableExecuteCommand,
    ...(tags.length > 0 && { tags }),
    ...(overrides && { overrides }),
  };
}
