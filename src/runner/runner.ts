import { type ECSClient, RunTaskCommand } from '@aws-sdk/client-ecs';
import { clientToken } from './client-token';
import { type RunnerConfig } from './config';
import { IdempotencyConflictError, failureError } from './failures';
import { type Logger } from './log';
import { parseRunEvent } from './request';
import { runTaskInput } from './run-task-input';

/** The part of the Lambda context the runner reads. */
export interface RunnerContext {
  readonly awsRequestId: string;
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
    });
    try {
      const response = await ecs.send(new RunTaskCommand(runTaskInput(config, request, token)));
      const taskArns = (response.tasks ?? []).flatMap((t) => (t.taskArn ? [t.taskArn] : []));
      if (response.failures?.length) throw failureError(response.failures, taskArns);
      log.info('runner.started', { requestId, clientToken: token, taskArns });
      return { taskArns, clientToken: token };
    } catch (caught) {
      const error = asConflict(caught, token) ?? caught;
      log.error('runner.failed', { requestId, clientToken: token, ...describeError(error) });
      throw error;
    }
  };
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
