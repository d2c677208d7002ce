import { compareStrings } from '../../src/iam/statement';
import { type ContainerDefinition } from './container';

/** Where the awslogs driver of every container writes. */
export interface LogTarget {
  readonly logGroupName: string;
  readonly region: string;
  readonly streamPrefix: string;
}

const sortedPairs = <K extends string>(
  record: Readonly<Record<string, string>> | undefined,
  valueKey: K,
) =>
  Object.keys(record ?? {})
    .sort(compareStrings)
    .map((name) => ({ name, [valueKey]: record![name] }) as { name: string } & Record<K, string>);

/**
 * A container as ECS's `containerDefinitions` JSON expects it. Only what is set is written
 * (the provider normalises defaults away, and an explicit default would show as a diff), with
 * environment and secrets sorted so that the output is the same whatever the input order.
 */
export function renderContainer(
  container: ContainerDefinition,
  logs: LogTarget,
): Record<string, unknown> {
  const environment = sortedPairs(container.environment, 'value');
  const secrets = sortedPairs(container.secrets, 'valueFrom');
  const health = container.healthCheck;
  return {
    name: container.name,
    image: container.image,
    essential: container.essential ?? true,
    ...(container.cpu !== undefined && { cpu: container.cpu }),
    ...(container.memoryMiB !== undefined && { memory: container.memoryMiB }),
    ...(container.entryPoint && { entryPoint: container.entryPoint }),
    ...(container.command && { command: container.command }),
    ...(container.workingDirectory && { workingDirectory: container.workingDirectory }),
    ...(environment.length > 0 && { environment }),
    ...(secrets.length > 0 && { secrets }),
    ...(container.portMappings?.length && {
      portMappings: container.portMappings.map((port) => ({
        containerPort: port.containerPort,
        hostPort: port.containerPort,
        protocol: port.protocol ?? 'tcp',
        ...(port.name && { name: port.name }),
      })),
    }),
    ...(health && {
      healthCheck: {
        command: health.command,
        interval: health.intervalSeconds ?? 30,
        timeout: health.timeoutSeconds ?? 5,
        retries: health.retries ?? 3,
        startPeriod: health.startPeriodSeconds ?? 0,
      },
    }),
    ...(container.dependsOn?.length && {
      dependsOn: container.dependsOn.map((d) => ({
        containerName: d.containerName,
        condition: d.condition,
      })),
    }),
    readonlyRootFilesystem: container.readonlyRootFilesystem ?? true,
    ...(container.user && { user: container.user }),
    ...(container.stopTimeoutSeconds !== undefined && {
      stopTimeout: container.stopTimeoutSeconds,
    }),
    ...(container.ulimits?.length && {
      ulimits: container.ulimits.map((u) => ({
        name: u.name,
        softLimit: u.softLimit,
        hardLimit: u.hardLimit,
      })),
    }),
    ...(container.initProcessEnabled && { linuxParameters: { initProcessEnabled: true } }),
    ...(container.repositoryCredentialsSecretArn && {
      repositoryCredentials: { credentialsParameter: container.repositoryCredentialsSecretArn },
    }),
    logConfiguration: {
      logDriver: 'awslogs',
      options: {
        'awslogs-group': logs.logGroupName,
        'awslogs-region': logs.region,
        'awslogs-stream-prefix': logs.streamPrefix,
      },
    },
  };
}
