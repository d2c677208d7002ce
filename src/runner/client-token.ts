import { createHash } from 'node:crypto';
import { type RunRequest } from './request';

/** Where a client token comes from: the caller's idempotency key or the Lambda request id. */
export type TokenSource = 'idempotencyKey' | 'requestId';

/**
 * The RunTask `clientToken` for a request: 64 hex characters (RunTask allows up to 64 ASCII
 * characters), the same for every retry of the same invocation.
 *
 * With an idempotency key, the token covers the key and the task name only, not the command or
 * environment: reusing a key with different overrides then reaches ECS with the same token and
 * fails with a ConflictException instead of silently starting a second task. Without a key, the
 * Lambda request id (the same for Lambda's own retries of an event) stands in for the key,
 * together with the whole request.
 */
export function clientToken(
  request: RunRequest,
  awsRequestId: string,
): { token: string; source: TokenSource } {
  const basis =
    request.idempotencyKey !== undefined
      ? ['idempotencyKey', request.idempotencyKey, request.taskName]
      : [
          'requestId',
          awsRequestId,
          request.taskName,
          request.command ?? null,
          request.environment ?? null,
          request.count,
          request.startedBy,
        ];
  return {
    token: createHash('sha256').update(JSON.stringify(basis)).digest('hex'),
    source: basis[0] as TokenSource,
  };
}
