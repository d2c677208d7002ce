import { type Failure } from '@aws-sdk/client-ecs';

/** RunTask answered with failures that a later attempt will not fix. Not retryable. */
export class TaskStartError extends Error {
  readonly retryable: boolean = false;

  constructor(
    /** What ECS reported for each task it did not start. */
    readonly failures: readonly Failure[],
    /** The tasks it did start. */
    readonly startedTaskArns: readonly string[],
  ) {
    super(describeFailures(failures, startedTaskArns));
    this.name = 'TaskStartError';
  }
}

/**
 * Every failure was a lack of Fargate capacity. Retryable: let Lambda's asynchronous retries
 * and the dead-letter queue handle it.
 */
export class CapacityUnavailableError extends TaskStartError {
  override readonly retryable = true;

  constructor(failures: readonly Failure[], startedTaskArns: readonly string[]) {
    super(failures, startedTaskArns);
    this.name = 'CapacityUnavailableError';
  }
}

/**
 * RunTask answered without failures but started fewer tasks than asked (none at all for an
 * empty `200 {}`): nothing says the rest will start, so the invocation fails. Not retryable by
 * itself: a retry with the same client token gets the same answer.
 */
export class IncompleteStartError extends Error {
  readonly retryable = false;

  constructor(
    readonly requested: number,
    readonly startedTaskArns: readonly string[],
  ) {
    super(
      `RunTask started ${startedTaskArns.length} of ${requested} task(s) and reported no failure; ` +
        `tasks started: ${startedTaskArns.length ? startedTaskArns.join(', ') : 'none'}. ` +
        'Check the cluster and the task definition in the ECS console or with DescribeTasks.',
    );
    this.name = 'IncompleteStartError';
  }
}

/**
 * RunTask did not answer in the time the function had left. Retryable: a retry of the same
 * invocation sends the same client token, so ECS starts the task at most once.
 */
export class RunTaskTimeoutError extends Error {
  readonly retryable = true;

  constructor(
    readonly timeoutMs: number,
    readonly clientToken: string,
  ) {
    super(
      `RunTask did not answer within ${timeoutMs} ms, the time the function had left (less a ` +
        `safety margin); it may still start the task. A retry of this invocation sends the ` +
        `same client token ${clientToken}, so the task starts at most once.`,
    );
    this.name = 'RunTaskTimeoutError';
  }
}

/** ECS refused the client token: the idempotency key was reused with different parameters. */
export class IdempotencyConflictError extends Error {
  constructor(
    readonly clientToken: string,
    readonly existingTaskArns: readonly string[],
    cause: unknown,
  ) {
    super(
      `RunTask refused client token ${clientToken}: it was already used with different ` +
        'parameters. The idempotencyKey was reused for a different command, environment, count ' +
        `or startedBy (or the runner's configuration changed since); tasks already started with ` +
        `it: ${existingTaskArns.length ? existingTaskArns.join(', ') : 'none reported'}. ` +
        'Use a new idempotencyKey for a different request.',
      { cause },
    );
    this.name = 'IdempotencyConflictError';
  }
}

/** Whether ECS gave this failure for a lack of capacity (`RESOURCE:*`, "Capacity is unavailable"). */
export function isCapacityFailure(failure: Failure): boolean {
  return (
    /^RESOURCE:/.test(failure.reason ?? '') || /capacity is unavailable/i.test(failure.reason ?? '')
  );
}

/** The error for a RunTask response with failures: retryable only when all are capacity failures. */
export function failureError(failures: readonly Failure[], startedTaskArns: readonly string[]) {
  return failures.every(isCapacityFailure)
    ? new CapacityUnavailableError(failures, startedTaskArns)
    : new TaskStartError(failures, startedTaskArns);
}

function describeFailures(failures: readonly Failure[], started: readonly string[]): string {
  const lines = failures.map(
    (f) =>
      `  - arn: ${f.arn ?? '(none)'}; reason: ${f.reason ?? '(none)'}; detail: ${f.detail ?? '(none)'}`,
  );
  const startedText = started.length ? started.join(', ') : 'none';
  return `RunTask reported ${failures.length} failure(s); tasks started: ${startedText}\n${lines.join('\n')}`;
}
