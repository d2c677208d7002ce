import { CONTEXT, captureOutput, taskArn, testConfig } from './support';
import { ECSClient, RunTaskCommand, type RunTaskCommandInput } from '@aws-sdk/client-ecs';
import { mockClient } from 'aws-sdk-client-mock';
import { ValidationError } from '../../src/errors';
import { IncompleteStartError, RunTaskTimeoutError } from '../../src/runner/failures';
import { jsonLogger } from '../../src/runner/log';
import { createRunner, TIMEOUT_MARGIN_MS, type RunnerDeps } from '../../src/runner/runner';

const SECRET = 'pa55w0rd-do-not-log';
const ecsMock = mockClient(ECSClient);
beforeEach(() => ecsMock.reset());

const sdkRunner = () =>
  createRunner({
    config: testConfig(),
    ecs: new ECSClient({ region: 'eu-west-1' }),
    log: jsonLogger(),
  });

/** A context whose function has `remainingMs` left. */
const withTimeLeft = (remainingMs: number) => ({
  ...CONTEXT,
  getRemainingTimeInMillis: () => remainingMs,
});

describe('events that are not objects', () => {
  test.each<[string, unknown, string]>([
    ['a string', `TOKEN=${SECRET}`, 'a string of 25 characters'],
    [
      'an array holding an environment map',
      [{ environment: { TOKEN: SECRET } }],
      'an array of 1 item',
    ],
    [
      'a JSON string of an event',
      JSON.stringify({ environment: { TOKEN: SECRET } }),
      'a string of 47 characters',
    ],
  ])('%s is refused and its content is never logged', async (_name, event, kind) => {
    const { output, error } = await captureOutput(() => sdkRunner()(event, CONTEXT));
    expect(error).toBeInstanceOf(ValidationError);
    expect(String(error)).toBe(
      `ValidationError: runner event: (root) is ${kind}: received [hidden]; allowed: a JSON object`,
    );
    expect(output).toContain('"event":"runner.rejected"');
    expect(output).not.toContain(SECRET);
    expect(ecsMock.commandCalls(RunTaskCommand)).toHaveLength(0);
  });
});

describe('answers that start too little are errors', () => {
  test('200 {} (no task, no failure) is an error, logged as runner.failed', async () => {
    ecsMock.on(RunTaskCommand).resolves({});
    const { output, error } = await captureOutput(() => sdkRunner()({}, CONTEXT));
    expect(error).toBeInstanceOf(IncompleteStartError);
    expect((error as Error).message).toBe(
      'RunTask started 0 of 1 task(s) and reported no failure; tasks started: none. Check the cluster and the task definition in the ECS console or with DescribeTasks.',
    );
    expect(output).toMatch(
      /"level":"ERROR","event":"runner\.failed".*"errorName":"IncompleteStartError"/,
    );
  });

  test('fewer tasks than count, without failures, is an error naming the ones started', async () => {
    ecsMock
      .on(RunTaskCommand)
      .resolves({ tasks: [{ taskArn: taskArn('a1') }, { taskArn: taskArn('a2') }], failures: [] });
    const { error } = await captureOutput(() => sdkRunner()({ count: 3 }, CONTEXT));
    expect(error).toBeInstanceOf(IncompleteStartError);
    expect((error as IncompleteStartError).startedTaskArns).toEqual([taskArn('a1'), taskArn('a2')]);
    expect((error as Error).message).toMatch(
      /^RunTask started 2 of 3 task\(s\) and reported no failure; tasks started: arn:aws:ecs:.*\/a1, arn:aws:ecs:.*\/a2\./,
    );
  });

  test('as many tasks as count is a success', async () => {
    ecsMock
      .on(RunTaskCommand)
      .resolves({ tasks: [{ taskArn: taskArn('a1') }, { taskArn: taskArn('a2') }] });
    const { result } = await captureOutput(() => sdkRunner()({ count: 2 }, CONTEXT));
    expect(result?.taskArns).toEqual([taskArn('a1'), taskArn('a2')]);
  });
});

describe('the ECS call ends before the function does', () => {
  /** An ECS client that answers only when `answer` says so, and records every call. */
  function slowEcs(answers: Array<'hang' | 'start'>) {
    const calls: { input: RunTaskCommandInput; signal?: AbortSignal }[] = [];
    const ecs: RunnerDeps['ecs'] = {
      send: ((command: RunTaskCommand, options?: { abortSignal?: AbortSignal }) => {
        calls.push({ input: command.input, signal: options?.abortSignal });
        if (answers.shift() === 'start')
          return Promise.resolve({ tasks: [{ taskArn: taskArn('a1') }] });
        return new Promise((_, reject) =>
          options?.abortSignal?.addEventListener('abort', () => reject(new Error('aborted'))),
        );
      }) as never,
    };
    return { ecs, calls };
  }

  test('a slow RunTask is aborted below the remaining time, with a clear runner.failed line', async () => {
    const { ecs, calls } = slowEcs(['hang']);
    const run = createRunner({ config: testConfig(), ecs, log: jsonLogger() });
    const started = Date.now();
    const { output, error } = await captureOutput(() =>
      run({}, withTimeLeft(TIMEOUT_MARGIN_MS + 50)),
    );
    expect(Date.now() - started).toBeLessThan(1000);
    expect(error).toBeInstanceOf(RunTaskTimeoutError);
    expect((error as Error).message).toMatch(
      /^RunTask did not answer within 50 ms, the time the function had left/,
    );
    expect(calls[0].signal?.aborted).toBe(true);
    const failed = output.split('\n').find((line) => line.includes('"runner.failed"'));
    expect(JSON.parse(failed ?? '{}')).toMatchObject({
      level: 'ERROR',
      event: 'runner.failed',
      errorName: 'RunTaskTimeoutError',
      retryable: true,
      timeoutMs: 50,
    });
  });

  test('the retry of a timed-out invocation sends the same client token', async () => {
    const { ecs, calls } = slowEcs(['hang', 'start']);
    const run = createRunner({ config: testConfig(), ecs, log: jsonLogger(() => undefined) });
    const event = { task: 'report', environment: { DAY: '2026-11-30' } };
    await expect(run(event, withTimeLeft(TIMEOUT_MARGIN_MS + 20))).rejects.toBeInstanceOf(
      RunTaskTimeoutError,
    );
    await expect(run(event, withTimeLeft(30_000))).resolves.toMatchObject({
      taskArns: [taskArn('a1')],
    });
    expect(calls).toHaveLength(2);
    expect(calls[1].input.clientToken).toBe(calls[0].input.clientToken);
  });
});
