import { CONTEXT, testConfig } from './support';
import { clientToken } from '../../src/runner/client-token';
import { type RunEvent, parseRunEvent } from '../../src/runner/request';

const config = testConfig({
  tasks: {
    report: { taskDefinition: 'reports-prod-report', container: 'app' },
    cleanup: { taskDefinition: 'reports-prod-cleanup', container: 'app' },
  },
});
const token = (event: RunEvent, requestId = CONTEXT.awsRequestId) =>
  clientToken(parseRunEvent(event, config), requestId).token;

describe('clientToken', () => {
  test('is 64 ASCII characters from 33 to 126, the same for the same invocation', () => {
    const event = { task: 'report', command: ['run'], environment: { B: '2', A: '1' } };
    expect(token(event)).toMatch(/^[\x21-\x7e]{1,64}$/);
    expect(token(event)).toBe(token({ ...event }));
    // The order of environment names in the event does not matter.
    expect(token(event)).toBe(token({ ...event, environment: { A: '1', B: '2' } }));
  });

  test('differs by idempotency key and by task', () => {
    const a = token({ task: 'report', idempotencyKey: 'day-2026-11-22' });
    expect(a).not.toBe(token({ task: 'report', idempotencyKey: 'day-2026-11-23' }));
    expect(a).not.toBe(token({ task: 'cleanup', idempotencyKey: 'day-2026-11-22' }));
  });

  test('with an idempotency key: ignores the request id, and covers neither command nor environment', () => {
    const a = token({ task: 'report', idempotencyKey: 'k', command: ['a'] }, 'request-1');
    expect(token({ task: 'report', idempotencyKey: 'k', command: ['a'] }, 'request-2')).toBe(a);
    // Same key, other overrides: same token, so ECS answers ConflictException, not a second task.
    expect(token({ task: 'report', idempotencyKey: 'k', command: ['b'] }, 'request-1')).toBe(a);
  });

  test('without a key: differs by request id and by request content', () => {
    const a = token({ task: 'report', command: ['a'] }, 'request-1');
    expect(token({ task: 'report', command: ['a'] }, 'request-2')).not.toBe(a);
    expect(token({ task: 'report', command: ['b'] }, 'request-1')).not.toBe(a);
    expect(token({ task: 'report', command: ['a'], count: 2 }, 'request-1')).not.toBe(a);
    expect(
      token({ task: 'report', command: ['a'], environment: { A: '1' } }, 'request-1'),
    ).not.toBe(a);
  });

  test('names its source', () => {
    expect(
      clientToken(parseRunEvent({ task: 'report', idempotencyKey: 'k' }, config), 'r').source,
    ).toBe('idempotencyKey');
    expect(clientToken(parseRunEvent({ task: 'report' }, config), 'r').source).toBe('requestId');
  });
});
