import { type ECSClient, RunTaskCommand, type RunTaskCommandOutput } from '@aws-sdk/client-ecs';
import { clientToken } from './client-token';
import { type RunnerConfig } from './config';
import {
  IdempotencyConflictError,
  IncompleteStartError,
  RunTaskTimeoutError,
  failureError,
} from './failures';
import { type Logger } from './log';
import { parseRunEvent } from './request';
import { runTaskInput } from './run-task-input';

/** The part of the Lambda context the runner reads. */
export interface RunnerContext {
  readonly awsRequestId: string;
  /** Lambda's clock: the ECS call must end before the function is stopped. */
  readonly getRemainingTimeInMillis?: () => number;
}

/** What the runner returns: the started tasks and the client token RunTask received. */
export interface RunResult {
  taskArns: string[];
  clientToken: string;
}

/** What a runner is made of; the Lambda handler builds these once per container. */
export interface RunnerDeps {
  readonly config: RunnerConfig;
  readonly ecs: Pick<ECSClient, 'send'>;
  readonly log: Logger;
}

/**
 * Time kept back from the function's remaining time when calling ECS: enough to log the
 * timeout and return the error before Lambda stops the function.
 */
export const TIMEOUT_MARGIN_MS = 1000;
/** The ECS call's time limit when the context has no clock (outside Lambda). */
export const DEFAULT_TIMEOUT_MS = 25_000;

/** Builds the handler function: validate the event, call RunTask once, report what happened. */
export function createRunner({ config, ecs, log }: RunnerDeps) {
  return async (event: unknown, context: RunnerContext): Promise<RunResult> => {
    const requestId = context.awsRequestId;
    let request;
    try {
      request = parseRunEvent(event, config);
    } catch (error) {
      log.error('runner.rejected', { requestId, ...describeError(error) });
      throw error;
    }
    const { token, source } = clientToken(request, requestId);
    const timeoutMs = ecsTimeout(context);
    log.info('runner.start', {
      requestId,
      task: request.taskName,
      taskDefinition: request.task.taskDefinition,
      count: request.count,
      startedBy: request.startedBy,
      clientToken: token,
      clientTokenSource: source,
      commandOverride: request.command !== undefined,
      environmentNames: request.environment?.map((e) => e.name) ?? [],
      timeoutMs,
    });
    try {
      const command = new RunTaskCommand(runTaskInput(config, request, token));
      const response = await withTimeout(timeoutMs, token, (abortSignal) =>
        ecs.send(command, { abortSignal }),
      );
      const taskArns = (response.tasks ?? []).flatMap((t) => (t.taskArn ? [t.taskArn] : []));
      if (response.failures?.length) throw failureError(response.failures, taskArns);
      if (taskArns.length < request.count) throw new IncompleteStartError(request.count, taskArns);
      log.info('runner.started', { requestId, clientToken: token, taskArns });
      return { taskArns, clientToken: token };
    } catch (caught) {
      const error = asConflict(caught, token) ?? caught;
      log.error('runner.failed', {
        requestId,
        clientToken: token,
        ...describeError(error),
        ...(error instanceof RunTaskTimeoutError && { timeoutMs: error.timeoutMs }),
      });
      throw error;
    }
  };
}

/** How long the ECS call may take: the function's remaining time less a margin. */
function ecsTimeout(context: RunnerContext): number {
  const remaining = context.getRemainingTimeInMillis?.();
  if (remaining === undefined || !Number.isFinite(remaining)) return DEFAULT_TIMEOUT_MS;
  return Math.max(0, Math.floor(remaining - TIMEOUT_MARGIN_MS));
}

/**
 * Runs `call` with an abort signal, failing with a {@link RunTaskTimeoutError} after
 * `timeoutMs` whether or not the call honours the signal.
 */
async function withTimeout(
  timeoutMs: number,
  token: string,
  call: (signal: AbortSignal) => Promise<RunTaskCommandOutput>,
): Promise<RunTaskCommandOutput> {
  const controller = new AbortController();
  const timeout = new RunTaskTimeoutError(timeoutMs, token);
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      reject(timeout);
      controller.abort(timeout);
    }, timeoutMs);
  });
  // The SDK rejects an aborted call with its own AbortError: the timeout is the reason.
  const answered = call(controller.signal).catch((error: unknown) => {
    throw controller.signal.aborted ? timeout : error;
  });
  try {
    return await Promise.race([answered, timedOut]);
  } finally {
    clearTimeout(timer);
  }
}

function asConflict(error: unknown, token: string): IdempotencyConflictError | undefined {
  if (!(error instanceof Error) || error.name !== 'ConflictException') return undefined;
  const arns = (error as { resourceIds?: string[] }).resourceIds ?? [];
  return new IdempotencyConflictError(token, arns, error);
}

function describeError(error: unknown) {
  if (!(error instanceof Error)) return { errorName: 'Error', errorMessage: String(error) };
  const retryable = (error as { retryable?: boolean }).retryable;
  return {
    errorName: error.name,
    errorMessage: error.message,
    ...(retryable !== undefined && { retryable }),
  };
}
