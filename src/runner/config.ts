import { inflateRawSync } from 'node:zlib';
import { Patterns } from '../aws/patterns';
import { Problems } from '../errors';
import {
  checkObject,
  fieldPath,
  isRecord,
  readBoolean,
  readInteger,
  readOneOf,
  readString,
  readStringArray,
  readStringMap,
} from './check';

/** A task the runner may start: its task definition family and the container overrides apply to. */
export interface RunnerTask {
  /** Task definition family; RunTask uses its latest ACTIVE revision. */
  taskDefinition: string;
  /** The container that command and environment overrides apply to. */
  container: string;
}

/** One capacity provider of a Fargate capacity provider strategy. */
export interface RunnerCapacityProvider {
  capacityProvider: 'FARGATE' | 'FARGATE_SPOT';
  /** @default - ECS's default (0 when another provider has a weight) */
  weight?: number;
  /** @default 0 */
  base?: number;
}

/**
 * The runner's configuration, set by the `lambda-runner` construct as JSON in the environment
 * variable `RUNNER_CONFIG` and read once at cold start.
 */
export interface RunnerConfig {
  /** Cluster ARN. */
  cluster: string;
  /** Allow-list: task name -> task definition family and the container overrides apply to. */
  tasks: Record<string, RunnerTask>;
  /** Subnet IDs for awsvpc networking. */
  subnets: string[];
  /** Security group IDs for awsvpc networking. */
  securityGroups: string[];
  /** Whether the task's network interface gets a public IP. */
  assignPublicIp: boolean;
  /** The launch type; exactly one of `launchType` and `capacityProviderStrategy` is set. */
  launchType?: 'FARGATE';
  /** The capacity provider strategy; exactly one of it and `launchType` is set. */
  capacityProviderStrategy?: RunnerCapacityProvider[];
  /** @default 'LATEST' */
  platformVersion?: string;
  /** @default - tags are not propagated */
  propagateTags?: 'TASK_DEFINITION' | 'NONE';
  /** Whether ECS Exec is enabled on started tasks. */
  enableExecuteCommand: boolean;
  /**
   * Tags set on every started task (the runner role then needs ecs:TagResource with
   * ecs:CreateAction=RunTask).
   * @default - no tags
   */
  tags?: Record<string, string>;
  /**
   * The ECS task group of every started task, so that the tasks this runner started can be told
   * apart (e.g. by an EventBridge rule on their failures): callers may set `startedBy`, not this.
   * @default - ECS's default, `family:<family>`
   */
  group?: string;
}

/** The environment variable the configuration is read from. */
export const RUNNER_CONFIG_VARIABLE = 'RUNNER_CONFIG';

/**
 * The field that holds the tasks allow-list compressed instead of `tasks`: the JSON of the
 * tasks as raw DEFLATE, in base64. The construct writes it when the plain configuration would
 * not fit Lambda's 4 KB for all environment variables (a runner bound to many tasks).
 */
export const TASKS_DEFLATED_FIELD = 'tasksDeflated';

const FIELDS = [
  'cluster',
  'tasks',
  TASKS_DEFLATED_FIELD,
  'subnets',
  'securityGroups',
  'assignPublicIp',
  'launchType',
  'capacityProviderStrategy',
  'platformVersion',
  'propagateTags',
  'enableExecuteCommand',
  'tags',
  'group',
];

const CLUSTER_ARN = {
  pattern: /^arn:aws[a-z-]*:ecs:[a-z]{2}(?:-[a-z]+)+-\d{1,2}:\d{12}:cluster\/[A-Za-z0-9_-]{1,255}$/,
  allowed: 'an ECS cluster ARN such as arn:aws:ecs:eu-west-1:123456789012:cluster/jobs',
};
const TASK_NAME = Patterns.runnerTaskName;
const FAMILY = {
  pattern: Patterns.ecsName.pattern,
  allowed: `a task definition family without a revision: ${Patterns.ecsName.allowed}`,
};
const CONTAINER = {
  pattern: Patterns.ecsName.pattern,
  allowed: `a container name: ${Patterns.ecsName.allowed}`,
};
const SUBNET = Patterns.subnetId;
const SECURITY_GROUP = Patterns.securityGroupId;
const PLATFORM_VERSION = {
  pattern: /^(?:LATEST|\d+\.\d+\.\d+)$/,
  allowed: '"LATEST" or a version such as 1.4.0',
};
const TAG_KEY = Patterns.tagKey;
const TAG_VALUE = Patterns.tagValue;

/**
 * Parses and validates the runner's configuration. Throws a `ValidationError` naming every
 * broken field.
 */
export function parseRunnerConfig(json: string | undefined): RunnerConfig {
  return Problems.validate(RUNNER_CONFIG_VARIABLE, (problems) => {
    let raw: unknown;
    try {
      raw = JSON.parse(json ?? '');
    } catch (error) {
      problems.add({
        property: RUNNER_CONFIG_VARIABLE,
        reason:
          json === undefined ? 'is not set' : `is not valid JSON (${(error as Error).message})`,
        received: json === undefined ? undefined : json,
        allowed: 'the JSON object the lambda-runner construct writes',
      });
      return undefined as never;
    }
    if (!checkObject(problems, '', raw, FIELDS)) return undefined as never;
    const config: RunnerConfig = {
      cluster: readString(problems, 'cluster', raw.cluster, CLUSTER_ARN) ?? '',
      tasks: readTasks(problems, tasksOf(problems, raw)),
      subnets: readStringArray(problems, 'subnets', raw.subnets, SUBNET, 1, 16) ?? [],
      securityGroups:
        readStringArray(problems, 'securityGroups', raw.securityGroups, SECURITY_GROUP, 1, 5) ?? [],
      assignPublicIp: readBoolean(problems, 'assignPublicIp', raw.assignPublicIp),
      enableExecuteCommand: readBoolean(problems, 'enableExecuteCommand', raw.enableExecuteCommand),
    };
    readCapacity(problems, raw, config);
    if (raw.platformVersion !== undefined) {
      config.platformVersion = readString(
        problems,
        'platformVersion',
        raw.platformVersion,
        PLATFORM_VERSION,
      );
    }
    if (raw.propagateTags !== undefined) {
      config.propagateTags = readOneOf(problems, 'propagateTags', raw.propagateTags, [
        'TASK_DEFINITION',
        'NONE',
      ]);
    }
    if (raw.tags !== undefined) {
      config.tags = readStringMap(problems, 'tags', raw.tags, TAG_KEY, TAG_VALUE, 50);
    }
    if (raw.group !== undefined) {
      config.group = readString(problems, 'group', raw.group, Patterns.taskGroup);
    }
    return config;
  });
}

/** The tasks, plain or decompressed from {@link TASKS_DEFLATED_FIELD}; exactly one must be set. */
function tasksOf(problems: Problems, raw: Record<string, unknown>): unknown {
  const deflated = raw[TASKS_DEFLATED_FIELD];
  if (deflated === undefined) return raw.tasks;
  if (raw.tasks !== undefined) {
    problems.add({
      property: TASKS_DEFLATED_FIELD,
      reason: 'and tasks are both set',
      received: deflated,
      allowed: 'exactly one of tasks and tasksDeflated',
    });
    return raw.tasks;
  }
  try {
    if (typeof deflated !== 'string') throw new Error('not a string');
    return JSON.parse(inflateRawSync(Buffer.from(deflated, 'base64')).toString('utf8'));
  } catch {
    problems.add({
      property: TASKS_DEFLATED_FIELD,
      reason: 'cannot be read',
      received: deflated,
      allowed:
        'the tasks JSON compressed with raw DEFLATE, in base64, as the lambda-runner construct writes it',
    });
    return undefined;
  }
}

function readTasks(problems: Problems, value: unknown): Record<string, RunnerTask> {
  const tasks: Record<string, RunnerTask> = {};
  if (!isRecord(value) || Object.keys(value).length === 0) {
    problems.add({
      property: 'tasks',
      received: value,
      allowed: 'an object of at least one task name -> { taskDefinition, container }',
    });
    return tasks;
  }
  for (const [name, task] of Object.entries(value)) {
    const path = fieldPath('tasks', name);
    if (!TASK_NAME.pattern.test(name)) {
      problems.add({
        property: path,
        reason: 'has a name that is not allowed',
        received: name,
        allowed: TASK_NAME.allowed,
      });
    }
    if (!checkObject(problems, path, task, ['taskDefinition', 'container'])) continue;
    tasks[name] = {
      taskDefinition:
        readString(problems, `${path}.taskDefinition`, task.taskDefinition, FAMILY) ?? '',
      container: readString(problems, `${path}.container`, task.container, CONTAINER) ?? '',
    };
  }
  return tasks;
}

function readCapacity(
  problems: Problems,
  raw: Record<string, unknown>,
  config: RunnerConfig,
): void {
  const { launchType, capacityProviderStrategy: strategy } = raw;
  if ((launchType === undefined) === (strategy === undefined)) {
    problems.add({
      property: 'launchType',
      reason:
        launchType === undefined
          ? 'and capacityProviderStrategy are both missing'
          : 'and capacityProviderStrategy are both set',
      received: launchType,
      allowed: 'exactly one of launchType "FARGATE" and capacityProviderStrategy',
    });
    return;
  }
  if (launchType !== undefined) {
    config.launchType = readOneOf(problems, 'launchType', launchType, ['FARGATE']);
    return;
  }
  if (!Array.isArray(strategy) || strategy.length < 1 || strategy.length > 6) {
    problems.add({
      property: 'capacityProviderStrategy',
      received: strategy,
      allowed: 'an array of 1 to 6 { capacityProvider, weight?, base? }',
    });
    return;
  }
  config.capacityProviderStrategy = [];
  strategy.forEach((item: unknown, i) => {
    const path = `capacityProviderStrategy[${i}]`;
    if (!checkObject(problems, path, item, ['capacityProvider', 'weight', 'base'])) return;
    const provider: RunnerCapacityProvider = {
      capacityProvider:
        readOneOf(problems, `${path}.capacityProvider`, item.capacityProvider, [
          'FARGATE',
          'FARGATE_SPOT',
        ]) ?? 'FARGATE',
    };
    if (item.weight !== undefined)
      provider.weight = readInteger(problems, `${path}.weight`, item.weight, 0, 1000);
    if (item.base !== undefined)
      provider.base = readInteger(problems, `${path}.base`, item.base, 0, 100000);
    config.capacityProviderStrategy?.push(provider);
  });
  const withBase = config.capacityProviderStrategy.filter(
    (p) => p.base !== undefined && p.base > 0,
  );
  problems.check(withBase.length <= 1, {
    property: 'capacityProviderStrategy',
    reason: 'has a base on more than one capacity provider',
    received: strategy,
    allowed: 'a base greater than 0 on at most one capacity provider',
  });
}
