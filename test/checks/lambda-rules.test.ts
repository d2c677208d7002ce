import { findingsOf, stack } from './helpers';

const GOOD = {
  function_name: 'runner',
  runtime: 'nodejs22.x',
  timeout: 30,
  reserved_concurrent_executions: 5,
  tracing_config: { mode: 'Active' },
  dead_letter_config: { target_arn: '${aws_sqs_queue.dlq.arn}' },
};
const lambda = (config: object, extra: Record<string, Record<string, object>> = {}) =>
  stack({ aws_lambda_function: { runner: { ...GOOD, ...config } }, ...extra });
const AT = 'aws_lambda_function.runner';

describe('Lambda functions', () => {
  test('a well-configured function passes every Lambda rule', async () => {
    for (const rule of [
      'FR-LAMBDA-NO-DLQ',
      'FR-LAMBDA-NO-TIMEOUT',
      'FR-LAMBDA-DEPRECATED-RUNTIME',
      'FR-LAMBDA-NO-CONCURRENCY-LIMIT',
      'FR-LAMBDA-NO-TRACING',
    ]) {
      expect(await findingsOf(rule, lambda({}))).toEqual([]);
    }
  });

  test('without a DLQ or on-failure destination is a warning', async () => {
    expect(await findingsOf('FR-LAMBDA-NO-DLQ', lambda({ dead_letter_config: undefined }))).toEqual(
      [
        {
          ruleId: 'FR-LAMBDA-NO-DLQ',
          severity: 'warning',
          address: AT,
          message:
            'has no dead-letter queue or on-failure destination: failed asynchronous invocations are lost',
        },
      ],
    );
  });

  test.each(['${aws_lambda_function.runner.function_name}', 'runner'])(
    'an event invoke config (function_name %s) with an on-failure destination counts',
    async (functionName) => {
      const s = lambda(
        { dead_letter_config: undefined },
        {
          aws_lambda_function_event_invoke_config: {
            runner: {
              function_name: functionName,
              destination_config: { on_failure: { destination: '${aws_sqs_queue.failed.arn}' } },
            },
          },
        },
      );
      expect(await findingsOf('FR-LAMBDA-NO-DLQ', s)).toEqual([]);
    },
  );

  test('without an explicit timeout is a warning', async () => {
    expect(await findingsOf('FR-LAMBDA-NO-TIMEOUT', lambda({ timeout: undefined }))).toEqual([
      expect.objectContaining({
        severity: 'warning',
        message: 'has no explicit timeout (the default is 3 seconds)',
      }),
    ]);
  });

  test('a deprecated runtime is an error from its deprecation day on', async () => {
    const s = lambda({ runtime: 'nodejs20.x' });
    expect(await findingsOf('FR-LAMBDA-DEPRECATED-RUNTIME', s)).toEqual([
      {
        ruleId: 'FR-LAMBDA-DEPRECATED-RUNTIME',
        severity: 'error',
        address: AT,
        message:
          'uses the runtime nodejs20.x, deprecated since 2026-04-30: move to a supported runtime',
      },
    ]);
    expect(await findingsOf('FR-LAMBDA-DEPRECATED-RUNTIME', s, { today: '2026-04-29' })).toEqual(
      [],
    );
  });

  test('without reserved concurrency or active tracing is a warning', async () => {
    const s = lambda({
      reserved_concurrent_executions: -1,
      tracing_config: { mode: 'PassThrough' },
    });
    expect(await findingsOf('FR-LAMBDA-NO-CONCURRENCY-LIMIT', s)).toEqual([
      expect.objectContaining({
        severity: 'warning',
        message: 'has no reserved_concurrent_executions: set a concurrency limit',
      }),
    ]);
    expect(await findingsOf('FR-LAMBDA-NO-TRACING', s)).toEqual([
      expect.objectContaining({
        severity: 'warning',
        message: 'has no active tracing: set tracing_config mode = Active',
      }),
    ]);
  });
});
