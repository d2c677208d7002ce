import { Patterns } from '../aws/patterns';
import { Ranges } from '../aws/ranges';
import { Problems } from '../errors';
import {
  HIDDEN,
  checkObject,
  readInteger,
  readString,
  readStringArray,
  readStringMap,
  shown,
} from './check';
import { type RunnerConfig, type RunnerTask } from './config';

/** What a caller sends when invoking the runner. Every field is optional. */
export interface RunEvent {
  /** @default - the only configured task; required when several are configured */
  task?: string;
  /** Command override for the task's container. @default - the task definition's command */
  command?: string[];
  /** Environment variables added to the task's container. @default - none */
  environment?: Record<string, string>;
  /** How many tasks to start, 1 to 10. @default 1 */
  count?: number;
  /** ECS `startedBy`. @default 'fargate-runner' */
  startedBy?: string;
  /** Makes invocations with the same key start the task once. @default - the Lambda request id */
  idempotencyKey?: string;
}

/** A validated event with its defaults applied. */
export interface RunRequest {
  readonly taskName: string;
  readonly task: RunnerTask;
  readonly command?: string[];
  /** Sorted by name. */
  readonly environment?: { name: string; value: string }[];
  readonly count: number;
  readonly startedBy: string;
  readonly idempotencyKey?: string;
}

/** The subject of errors about an invocation event. */
export const EVENT_SUBJECT = 'runner event';
/** The `startedBy` used when the event sets none. */
export const DEFAULT_STARTED_BY = 'fargate-runner';
/** RunTask's limit on the serialized `overrides`. */
export const MAX_OVERRIDES_CHARACTERS = 8192;

const FIELDS = ['task', 'command', 'environment', 'count', 'startedBy', 'idempotencyKey'];
const ANY_STRING = { pattern: /^[\s\S]*$/, allowed: 'a string' };
const ENV_NAME = Patterns.environmentName;
const STARTED_BY = Patterns.startedBy;
const IDEMPOTENCY_KEY = {
  pattern: /^[\x20-\x7e]{1,256}$/,
  allowed: '1 to 256 printable ASCII characters',
};

/**
 * Validates an invocation event against the configuration and applies the defaults. Throws a
 * `ValidationError` listing every problem; command and environment values are never shown.
 */
export function parseRunEvent(event: unknown, config: RunnerConfig): RunRequest {
  return Problems.validate(EVENT_SUBJECT, (problems) => {
    const raw = event ?? {};
    if (!checkObject(problems, '', raw, FIELDS)) return undefined as never;
    const taskName = readTaskName(problems, raw.task, config);
    const request: RunRequest = {
      taskName: taskName ?? '',
      task: taskName === undefined ? { taskDefinition: '', container: '' } : config.tasks[taskName],
      count:
        raw.count === undefined
          ? 1
          : (readInteger(problems, 'count', raw.count, ...Ranges.runTaskCount) ?? 1),
      startedBy:
        raw.startedBy === undefined
          ? DEFAULT_STARTED_BY
          : (readString(problems, 'startedBy', raw.startedBy, STARTED_BY) ?? ''),
      ...(raw.command !== undefined && {
        command: readStringArray(problems, 'command', raw.command, ANY_STRING, 1, 1000, true),
      }),
      ...(raw.environment !== undefined && {
        environment: sortedEnvironment(
          readStringMap(problems, 'environment', raw.environment, ENV_NAME, ANY_STRING, 1000, true),
        ),
      }),
      ...(raw.idempotencyKey !== undefined && {
        idempotencyKey: readString(problems, 'idempotencyKey', raw.idempotencyKey, IDEMPOTENCY_KEY),
      }),
    };
    if (problems.all.length === 0) checkOverridesSize(problems, request);
    return request;
  });
}

function readTaskName(
  problems: Problems,
  value: unknown,
  config: RunnerConfig,
): string | undefined {
  const names = Object.keys(config.tasks).sort();
  if (value === undefined && names.length === 1) return names[0];
  if (typeof value === 'string' && Object.hasOwn(config.tasks, value)) return value;
  problems.add({
    property: 'task',
    reason:
      value === undefined
        ? 'is required when several tasks are configured'
        : 'is not a configured task',
    received: shown(value),
    allowed: names.map((n) => `"${n}"`).join(', '),
  });
  return undefined;
}

function sortedEnvironment(environment: Record<string, string> | undefined) {
  if (!environment) return undefined;
  return Object.keys(environment)
    .sort()
    .map((name) => ({ name, value: environment[name] }));
}

/** The `overrides` RunTask receives for a request, or undefined when nothing is overridden. */
export function taskOverrides(request: RunRequest) {
  if (!request.command && !request.environment) return undefined;
  return {
    containerOverrides: [
      {
        name: request.task.container,
        ...(request.command && { command: request.command }),
        ...(request.environment && { environment: request.environment }),
      },
    ],
  };
}

function checkOverridesSize(problems: Problems, request: RunRequest): void {
  const length = JSON.stringify(taskOverrides(request) ?? {}).length;
  problems.check(length <= MAX_OVERRIDES_CHARACTERS, {
    property: 'overrides',
    reason: `are ${length} characters long when serialized`,
    received: HIDDEN,
    allowed: `at most ${MAX_OVERRIDES_CHARACTERS} characters (command and environment together)`,
  });
}
