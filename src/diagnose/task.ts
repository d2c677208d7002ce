/** One container of a stopped task, as ECS reports it. */
export interface StoppedContainer {
  readonly name: string;
  readonly exitCode?: number;
  readonly reason?: string;
  readonly lastStatus?: string;
}

/**
 * The fields of a stopped task the diagnosis reads: the same in an `ECS Task State Change`
 * event's `detail` and in an `aws ecs describe-tasks` task.
 */
export interface StoppedTask {
  readonly taskArn?: string;
  readonly clusterArn?: string;
  readonly taskDefinitionArn?: string;
  readonly group?: string;
  readonly startedBy?: string;
  readonly lastStatus?: string;
  readonly stopCode?: string;
  readonly stoppedReason?: string;
  readonly stoppedAt?: string;
  readonly containers: readonly StoppedContainer[];
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const text = (value: unknown): string | undefined =>
  typeof value === 'string' && value !== '' ? value : undefined;

/**
 * The stopped tasks in a JSON document: `aws ecs describe-tasks` output (`{"tasks":[…]}`), a
 * single task, an EventBridge `ECS Task State Change` event, or an SQS message whose body is
 * such an event. Throws an Error naming what was expected when the document is none of these.
 */
export function stoppedTasks(document: unknown): StoppedTask[] {
  if (isRecord(document) && typeof document.body === 'string') {
    return stoppedTasks(parseJson(document.body, 'the SQS message body'));
  }
  if (isRecord(document) && Array.isArray(document.tasks)) {
    return document.tasks.map((task, i) => toTask(task, `tasks[${i}]`));
  }
  if (isRecord(document) && isRecord(document.detail)) {
    return [toTask(document.detail, 'detail')];
  }
  if (isRecord(document) && (typeof document.taskArn === 'string' || 'containers' in document)) {
    return [toTask(document, 'the task')];
  }
  throw new Error(
    'expected a stopped task as JSON: `aws ecs describe-tasks` output ({"tasks":[…]}), a single task, or an EventBridge "ECS Task State Change" event',
  );
}

/** Parses JSON, naming the input in the error. */
export function parseJson(source: string, what: string): unknown {
  try {
    return JSON.parse(source) as unknown;
  } catch (error) {
    throw new Error(`${what} is not JSON: ${(error as Error).message}`);
  }
}

function toTask(raw: unknown, at: string): StoppedTask {
  if (!isRecord(raw)) throw new Error(`${at} is not a JSON object`);
  const containers = Array.isArray(raw.containers) ? raw.containers : [];
  return {
    taskArn: text(raw.taskArn),
    clusterArn: text(raw.clusterArn),
    taskDefinitionArn: text(raw.taskDefinitionArn),
    group: text(raw.group),
    startedBy: text(raw.startedBy),
    lastStatus: text(raw.lastStatus),
    stopCode: text(raw.stopCode),
    stoppedReason: text(raw.stoppedReason),
    // describe-tasks prints a timestamp as a string or (with some output settings) a number.
    stoppedAt:
      typeof raw.stoppedAt === 'number'
        ? new Date(raw.stoppedAt * 1000).toISOString()
        : text(raw.stoppedAt),
    containers: containers.filter(isRecord).map((container) => ({
      name: text(container.name) ?? '(unnamed)',
      ...(typeof container.exitCode === 'number' && { exitCode: container.exitCode }),
      ...(text(container.reason) && { reason: text(container.reason) }),
      ...(text(container.lastStatus) && { lastStatus: text(container.lastStatus) }),
    })),
  };
}

/** The task definition family of a task definition ARN (`…:task-definition/<family>:<revision>`). */
export function familyOf(taskDefinitionArn: string | undefined): string | undefined {
  return taskDefinitionArn?.match(/:task-definition\/([^:]+)(?::\d+)?$/)?.[1];
}
