import type * as z from 'zod/mini';
import { fargateSizeProblem } from '../../src/aws/fargate';
import { CREDENTIAL_NAME, looksLikeCredential } from '../../src/aws/patterns';
import { HIDDEN, Problems, ValidationError, type Problem } from '../../src/errors';
import { checkRoleName, resourceName } from '../../src/naming';
import { fieldPath, isRecord } from '../../src/runner/check';
import {
  APP_NAME,
  EnvironmentSettingsSchema,
  type EnvironmentSettings,
  type IssueParams,
} from './schema';
import { closest } from './suggest';

/** An environment's settings as its settings file exports them, not yet validated. */
export interface SettingsFile {
  /** The file, relative to the project: `stacks/environments/prod.ts`. */
  readonly file: string;
  readonly settings: unknown;
}

/** The settings file of an environment by the project's convention. */
export const settingsFileOf = (name: unknown) =>
  `stacks/environments/${typeof name === 'string' ? name : '<name>'}.ts`;

/**
 * Every problem of an environment's settings — unknown or misspelt fields, missing fields,
 * values of the wrong type or meaning (the schema), and what only the settings as a whole can
 * say (task names the runner refers to, sizes, generated role names) — found before any
 * construct is built, so that one run shows everything to fix. Values that may be secret are
 * never shown. Constructs validate again (with their construct paths) what only they can see.
 */
export function validateEnvironment(settings: unknown): Problems {
  const problems = new Problems();
  const parsed = EnvironmentSettingsSchema.safeParse(settings, { error: defaultAllowed });
  for (const issue of parsed.error?.issues ?? []) {
    for (const problem of issueProblems(issue, settings)) problems.add(problem);
  }
  checkAcrossFields(problems, settings);
  return problems;
}

/**
 * The validated settings of one environment. Throws a {@link ValidationError} whose subject is
 * the settings file, listing every problem.
 */
export function parseEnvironment(
  settings: unknown,
  file = settingsFileOf(isRecord(settings) ? settings.name : undefined),
): EnvironmentSettings {
  validateEnvironment(settings).throwIfAny(file);
  return settings as EnvironmentSettings;
}

/**
 * The validated settings of every environment; throws one error listing every problem of
 * every environment, each under its settings file.
 */
export function parseEnvironments(files: readonly SettingsFile[]): EnvironmentSettings[] {
  const failures: string[] = [];
  const parsed = files.flatMap(({ file, settings }) => {
    try {
      return [parseEnvironment(settings, file)];
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      failures.push(error.message);
      return [];
    }
  });
  if (failures.length > 0) throw new Error(failures.join('\n\n'));
  return parsed;
}

/** What is allowed, for the issues whose schema gives no words of its own. */
function defaultAllowed(issue: z.core.$ZodRawIssue): string | undefined {
  switch (issue.code) {
    case 'unrecognized_keys': {
      // The object's own fields, for "did you mean"; read back in issueProblems.
      const shape = (issue.inst as { _zod?: { def?: { shape?: object } } } | undefined)?._zod?.def
        ?.shape;
      return JSON.stringify(Object.keys(shape ?? {}));
    }
    case 'invalid_type':
      return issue.expected === 'object' ? 'an object' : `a ${issue.expected}`;
    case 'invalid_value':
      return `one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
    default:
      return undefined;
  }
}

/** The path of a settings field as written in a settings file: `tasks[1].secrets.TOKEN`. */
function formatPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>(
    (text, key) => (typeof key === 'number' ? `${text}[${key}]` : fieldPath(text, String(key))),
    '',
  );
}

/** The value at `path` in the raw settings. */
function valueAt(settings: unknown, path: readonly PropertyKey[]): unknown {
  let value = settings;
  for (const key of path) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

/** Fields whose values, or anything inside them, may be secret. */
const SECRET_FIELDS = new Set(['secrets', 'environment', 'command', 'input']);

/** Whether the value at `path` may be secret, by where it is or by what it looks like. */
function mayBeSecret(path: readonly PropertyKey[], value: unknown): boolean {
  if (path.some((key) => typeof key === 'string' && SECRET_FIELDS.has(key))) return true;
  const last = path[path.length - 1];
  if (typeof last === 'string' && CREDENTIAL_NAME.test(last) && !/Arns?$/.test(last)) return true;
  return JSON.stringify(value ?? null)
    .split('"')
    .some(looksLikeCredential);
}

function issueProblems(issue: z.core.$ZodIssue, settings: unknown): Problem[] {
  if (issue.code === 'unrecognized_keys') {
    const known = JSON.parse(issue.message) as string[];
    return issue.keys.map((key) => {
      const suggestion = closest(key, known);
      return {
        property: formatPath([...issue.path, key]),
        reason: 'is not a known setting',
        received: HIDDEN,
        allowed: suggestion
          ? `did you mean "${suggestion}"? (known: ${known.join(', ')})`
          : `one of ${known.join(', ')}`,
      };
    });
  }
  const value = valueAt(settings, issue.path);
  const params = (issue.code === 'custom' ? issue.params : undefined) as IssueParams | undefined;
  const received = params && 'received' in params ? params.received : value;
  return [
    {
      property: formatPath(issue.path) || '(settings)',
      reason: params?.reason ?? (value === undefined ? 'is missing' : undefined),
      received: received === HIDDEN || mayBeSecret(issue.path, received) ? HIDDEN : received,
      allowed: issue.message,
    },
  ];
}

const names = (values: readonly unknown[]) =>
  values.map((n) => JSON.stringify(n)).join(', ') || '(no tasks defined)';

/** What only the settings as a whole can say. Reads the raw settings defensively. */
function checkAcrossFields(problems: Problems, settings: unknown): void {
  if (!isRecord(settings)) return;
  const tasks = Array.isArray(settings.tasks) ? settings.tasks.filter(isRecord) : [];
  const taskNames = tasks.map((task) => task.name);
  tasks.forEach((task, i) => {
    const at = `tasks[${i}]`;
    problems.check(taskNames.indexOf(task.name) === i, {
      property: `${at}.name`,
      received: task.name,
      reason: 'is used by another task',
      allowed: 'a unique name per task',
    });
    if (typeof task.cpu === 'number' && typeof task.memoryMiB === 'number') {
      const size = fargateSizeProblem(task.cpu, task.memoryMiB);
      if (size?.property === 'memoryMiB')
        problems.add({
          property: `${at}.memoryMiB`,
          received: task.memoryMiB,
          allowed: size.allowed,
        });
    }
    if (typeof task.name !== 'string' || typeof settings.name !== 'string') return;
    const purposes = settings.executionRoleSharing === 'shared' ? ['task'] : ['execution', 'task'];
    for (const purpose of purposes) {
      checkRoleName(
        problems,
        `${at}.name (in role name)`,
        resourceName(APP_NAME, settings.name, task.name, purpose),
      );
    }
  });
  checkRunnerTasks(problems, settings.runner, taskNames);
}

function checkRunnerTasks(problems: Problems, runner: unknown, taskNames: unknown[]): void {
  if (!isRecord(runner)) return;
  const runnerTasks = Array.isArray(runner.tasks) ? runner.tasks : [];
  runnerTasks.forEach((name, i) => {
    if (typeof name !== 'string' || taskNames.includes(name)) return;
    const suggestion = closest(name, taskNames.map(String));
    problems.add({
      property: `runner.tasks[${i}]`,
      received: name,
      reason: `names no task of this environment${suggestion ? ` (did you mean "${suggestion}"?)` : ''}`,
      allowed: names(taskNames),
    });
  });
  // What a schedule or an event sends names one of the runner's tasks (or there is only one).
  for (const trigger of ['schedule', 'eventTrigger'] as const) {
    const settings = isRecord(runner[trigger]) ? runner[trigger] : undefined;
    if (!settings) continue;
    const input = isRecord(settings.input) ? settings.input : {};
    const task = input.task;
    problems.check(task === undefined ? runnerTasks.length <= 1 : runnerTasks.includes(task), {
      property: `runner.${trigger}.input.task`,
      received: task,
      reason:
        task === undefined
          ? 'is required when the runner has several tasks'
          : "is not one of the runner's tasks",
      allowed: names(runnerTasks),
    });
  }
}
