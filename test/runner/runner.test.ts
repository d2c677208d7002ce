import { CONTEXT, captureOutput, taskArn, testConfig } from './support';
import { ECSClient, RunTaskCommand, ConflictException } from '@aws-sdk/client-ecs';
import { mockClient } from 'aws-sdk-client-mock';
import { ValidationError } from '../../src/errors';
import { clientToken } from '../../src/runner/client-token';
import { type RunnerConfig } from '../../src/runner/config';
import {
  CapacityUnavailableError,
  IdempotencyConflictError,
  TaskStartError,
} from '../../src/runner/failures';
import { jsonLogger } from '../../src/runner/log';
import { parseRunEvent } from '../../src/runner/request';
import { createRunner } from '../../src/runner/runner';

const ecsMock = mockClient(ECSClient);
const lines: string[] = [];

function runner(config: RunnerConfig = testConfig(), log = jsonLogger((l) => void lines.push(l))) {
  return createRunner({ config, ecs: new ECSClient({ region: 'eu-west-1' }), log });
}

function runTaskInputs() {
  return ecsMock.commandCalls(RunTaskCommand).map((call) => call.args[0].input);
}

beforeEach(() => {
  ecsMock.reset();
  lines.length = 0;
});

describe('success', () => {
  test('calls RunTask once with the bound cluster, network, overrides and client token', async () => {
    ecsMock.on(RunTaskCommand).resolves({ tasks: [{ taskArn: taskArn('a1') }], failures: [] });
    const event = {
      command: ['python', 'report.py', '--day', '2026-11-22'],
      environment: { REPORT_DAY: '2026-11-22', A_FIRST: 'x' },
      startedBy: 'nightly/report',
    };

    const result = await runner()(event, CONTEXT);

    const expectedToken = clientToken(
      parseRunEvent(event, testConfig()),
      CONTEXT.awsRequestId,
    ).token;
    expect(result).toEqual({ taskArns: [taskArn('a1')], clientToken: expectedToken });
    expect(runTaskInputs()).toEqual([
      {
        cluster: 'arn:aws:ecs:eu-west-1:123456789012:cluster/jobs',
        taskDefinition: 'reports-prod-report',
        count: 1,
        startedBy: 'nightly/report',
        clientToken: expectedToken,
        networkConfiguration: {
          awsvpcConfiguration: {
            subnets: ['subnet-0123456789abcdef0', 'subnet-0fedcba9876543210'],
            securityGroups: ['sg-0123456789abcdef0'],
            assignPublicIp: 'DISABLED',
          },
        },
        launchType: 'FARGATE',
        platformVersion: 'LATEST',
        enableExecuteCommand: false,
        overrides: {
          containerOverrides: [
            {
              name: 'app',
              command: ['python', 'report.py', '--day', '2026-11-22'],
              environment: [
                { name: 'A_FIRST', value: 'x' },
                { name: 'REPORT_DAY', value: '2026-11-22' },
              ],
            },
          ],
        },
      },
    ]);
  });

  test('an empty event starts the only task with the defaults and no overrides', async () => {
    ecsMock.on(RunTaskCommand).resolves({ tasks: [{ taskArn: taskArn('a1') }] });
    await runner()(undefined, CONTEXT);
    const [input] = runTaskInputs();
    expect(input).toMatchObject({
      taskDefinition: 'reports-prod-report',
      count: 1,
      startedBy: 'fargate-runner',
    });
    expect(input).not.toHaveProperty('overrides');
    expect(input).not.toHaveProperty('tags');
    expect(input).not.toHaveProperty('propagateTags');
  });

  test('passes a capacity provider strategy, platform version, tags and ECS Exec', async () => {
    ecsMock
      .on(RunTaskCommand)
      .resolves({ tasks: [{ taskArn: taskArn('a1') }, { taskArn: taskArn('a2') }] });
    const config = testConfig({
      launchType: undefined,
      capacityProviderStrategy: [
        { capacityProvider: 'FARGATE_SPOT', weight: 3 },
        { capacityProvider: 'FARGATE', weight: 1, base: 1 },
      ],
      platformVersion: '1.4.0',
      propagateTags: 'TASK_DEFINITION',
      enableExecuteCommand: true,
      assignPublicIp: true,
      tags: { team: 'reports', app: 'runner' },
    });

    const result = await runner(config)({ count: 2 }, CONTEXT);

    expect(result.taskArns).toEqual([taskArn('a1'), taskArn('a2')]);
    const [input] = runTaskInputs();
    expect(input).not.toHaveProperty('launchType');
    expect(input).toMatchObject({
      count: 2,
      capacityProviderStrategy: config.capacityProviderStrategy,
      platformVersion: '1.4.0',
      propagateTags: 'TASK_DEFINITION',
      enableExecuteCommand: true,
      tags: [
        { key: 'app', value: 'runner' },
        { key: 'team', value: 'reports' },
      ],
      networkConfiguration: { awsvpcConfiguration: { assignPublicIp: 'ENABLED' } },
    });
  });

  test('starts the named task when several are configured', async () => {
    ecsMock.on(RunTaskCommand).resolves({ tasks: [{ taskArn: taskArn('a1') }] });
    const config = testConfig({
      tasks: {
        report: { taskDefinition: 'reports-prod-report', container: 'app' },
        cleanup: { taskDefinition: 'reports-prod-cleanup', container: 'worker' },
      },
    });
    await runner(config)({ task: 'cleanup', command: ['clean'] }, CONTEXT);
    expect(runTaskInputs()[0]).toMatchObject({
      taskDefinition: 'reports-prod-cleanup',
      overrides: { containerOverrides: [{ name: 'worker', command: ['clean'] }] },
    });
  });
});

describe('RunTask failures', () => {
  test('a failures array is an error that is not retryable', async () => {
    ecsMock.on(RunTaskCommand).resolves({
      tasks: [],
      failures: [
        {
          arn: 'arn:aws:ecs:eu-west-1:123456789012:task-definition/reports-prod-report',
          reason: 'MISSING',
          detail: 'no ACTIVE revision',
        },
      ],
    });
    const error = await runner()({}, CONTEXT).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TaskStartError);
    expect(error).not.toBeInstanceOf(CapacityUnavailableError);
    expect(error).toMatchObject({ name: 'TaskStartError', retryable: false, startedTaskArns: [] });
    expect((error as Error).message).toBe(
      'RunTask reported 1 failure(s); tasks started: none\n' +
        '  - arn: arn:aws:ecs:eu-west-1:123456789012:task-definition/reports-prod-report; reason: MISSING; detail: no ACTIVE revision',
    );
  });

  test('a partial failure is an error that names the tasks that did start', async () => {
    ecsMock.on(RunTaskCommand).resolves({
      tasks: [{ taskArn: taskArn('a1') }],
      failures: [{ reason: 'RESOURCE:ENI', detail: 'no free ENI in subnet-0123456789abcdef0' }],
    });
    const error = await runner()({ count: 2 }, CONTEXT).catch((e: unknown) => e);
    expect(error).toMatchObject({
      name: 'CapacityUnavailableError',
      startedTaskArns: [taskArn('a1')],
    });
    expect((error as Error).message).toContain(`tasks started: ${taskArn('a1')}`);
    expect((error as Error).message).toContain(
      'arn: (none); reason: RESOURCE:ENI; detail: no free ENI in subnet-0123456789abcdef0',
    );
    expect(lines.map((l) => JSON.parse(l))).toContainEqual(
      expect.objectContaining({
        level: 'ERROR',
        event: 'runner.failed',
        errorName: 'CapacityUnavailableError',
        retryable: true,
      }),
    );
  });

  test.each([
    ['RESOURCE:FARGATE', undefined],
    [
      'Capacity is unavailable at this time. Please try again later or in a different availability zone',
      undefined,
    ],
  ])('capacity failure %s is retryable with its own error name', async (reason) => {
    ecsMock.on(RunTaskCommand).resolves({ failures: [{ reason }] });
    const error = await runner()({}, CONTEXT).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CapacityUnavailableError);
    expect(error).toMatchObject({ name: 'CapacityUnavailableError', retryable: true });
  });

  test('capacity mixed with another failure is not retryable', async () => {
    ecsMock
      .on(RunTaskCommand)
      .resolves({ failures: [{ reason: 'RESOURCE:FARGATE' }, { reason: 'MISSING' }] });
    const error = await runner()({ count: 2 }, CONTEXT).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'TaskStartError', retryable: false });
  });

  test('a ConflictException on the client token explains the reused idempotency key', async () => {
    ecsMock.on(RunTaskCommand).rejects(
      new ConflictException({
        $metadata: {},
        message: 'The clientToken is already in use',
        resourceIds: [taskArn('first')],
      }),
    );
    const error = await runner()({ idempotencyKey: 'report-2026-11-22' }, CONTEXT).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(IdempotencyConflictError);
    expect((error as Error).message).toMatch(/already used with different parameters/);
    expect((error as Error).message).toMatch(/idempotencyKey was reused/);
    expect((error as Error).message).toContain(taskArn('first'));
    expect((error as Error).cause).toBeInstanceOf(ConflictException);
  });

  test('other SDK errors pass through unchanged', async () => {
    const denied = Object.assign(new Error('not authorized to perform ecs:RunTask'), {
      name: 'AccessDeniedException',
    });
    ecsMock.on(RunTaskCommand).rejects(denied);
    await expect(runner()({}, CONTEXT)).rejects.toBe(denied);
  });
});

describe('bad input: every problem listed, no RunTask call', () => {
  const several = testConfig({
    tasks: {
      report: { taskDefinition: 'reports-prod-report', container: 'app' },
      cleanup: { taskDefinition: 'reports-prod-cleanup', container: 'worker' },
    },
  });

  test.each<[string, unknown, RegExp, RunnerConfig?]>([
    [
      'not an object',
      ['report'],
      /^runner event: \(root\) is an array of 1 item: received \[hidden\]; allowed: a JSON object$/,
    ],
    [
      'an unknown field',
      { task: 'report', enviroment: { A: 'b' } },
      /enviroment is not a known field: received \[hidden\]/,
    ],
    [
      'a task not in the allow-list',
      { task: 'deploy' },
      /task is not a configured task: received "deploy"; allowed: "report"/,
    ],
    ['a task that is not a string', { task: 3 }, /task is not a configured task: received 3/],
    [
      'no task with several configured',
      {},
      /task is required when several tasks are configured: received nothing; allowed: "cleanup", "report"/,
      several,
    ],
    [
      'count 0',
      { count: 0 },
      /count is not allowed: received 0; allowed: a whole number from 1 to 10/,
    ],
    ['count 11', { count: 11 }, /count is not allowed: received 11/],
    ['count 1.5', { count: 1.5 }, /count is not allowed: received 1.5/],
    ['count as a string', { count: '2' }, /count is not allowed: received "2"/],
    [
      'command as a string',
      { command: 'rm -rf /' },
      /command is not allowed: received \[hidden\]; allowed: an array of 1 to 1000 items/,
    ],
    [
      'command with a number',
      { command: ['sleep', 5] },
      /command\[1\] is not allowed: received \[hidden\]; allowed: a string/,
    ],
    ['an empty command', { command: [] }, /command is not allowed/],
    [
      'environment as an array',
      { environment: ['A=b'] },
      /environment is not allowed: received \[hidden\]/,
    ],
    [
      'an environment value that is not a string',
      { environment: { PORT: 8080 } },
      /environment.PORT is not allowed: received \[hidden\]; allowed: a string/,
    ],
    [
      'a bad environment name',
      { environment: { '1ST-NAME': 'x' } },
      /environment\["1ST-NAME"\] has a name that is not allowed: received "1ST-NAME"/,
    ],
    [
      'startedBy with a space',
      { startedBy: 'night job' },
      /startedBy is not allowed: received "night job"; allowed: 1 to 128 letters, digits, -, \/ and _/,
    ],
    ['startedBy over 128 characters', { startedBy: 'a'.repeat(129) }, /startedBy is not allowed/],
    [
      'an empty idempotencyKey',
      { idempotencyKey: '' },
      /idempotencyKey is not allowed: received ""/,
    ],
    [
      'overrides over 8192 characters',
      { command: ['echo', 'x'.repeat(8200)] },
      /overrides are 82\d\d characters long when serialized: received \[hidden\]; allowed: at most 8192 characters/,
    ],
  ])('%s', async (_name, event, message, config = testConfig()) => {
    const error = await runner(config)(event, CONTEXT).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as Error).message).toMatch(/^runner event: /);
    expect((error as Error).message).toMatch(message);
    expect(ecsMock.calls()).toHaveLength(0);
  });

  test('startedBy of exactly 128 characters and overrides of exactly 8192 are accepted', async () => {
    ecsMock.on(RunTaskCommand).resolves({ tasks: [{ taskArn: taskArn('a1') }] });
    const base = JSON.stringify({ containerOverrides: [{ name: 'app', command: [''] }] }).length;
    await runner()({ startedBy: 'a'.repeat(128), command: ['x'.repeat(8192 - base)] }, CONTEXT);
    expect(JSON.stringify(runTaskInputs()[0].overrides)).toHaveLength(8192);
  });

  test('lists every problem at once', async () => {
    const error = await runner()(
      { task: 'deploy', count: 20, startedBy: '', extra: 1 },
      CONTEXT,
    ).catch((e: unknown) => e);
    expect((error as ValidationError).problems.map((p) => p.property)).toEqual([
      'extra',
      'task',
      'count',
      'startedBy',
    ]);
    expect((error as Error).message).toMatch(/^runner event: 4 problems:\n {2}- extra/);
    expect(ecsMock.calls()).toHaveLength(0);
  });
});

describe('logs', () => {
  const SECRET = 'hunter2-do-not-log';

  test('are JSON lines with environment names and no environment or command values', async () => {
    ecsMock.on(RunTaskCommand).resolves({ tasks: [{ taskArn: taskArn('a1') }] });
    const run = runner(testConfig(), jsonLogger());

    const { output, error } = await captureOutput(() =>
      run(
        {
          command: ['login', `--password=${SECRET}-cmd`],
          environment: { DB_PASSWORD: SECRET, MODE: `${SECRET}-2` },
        },
        CONTEXT,
      ),
    );

    expect(error).toBeUndefined();
    expect(output).not.toContain(SECRET);
    const records = output
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(records).toEqual([
      expect.objectContaining({
        level: 'INFO',
        event: 'runner.start',
        commandOverride: true,
        environmentNames: ['DB_PASSWORD', 'MODE'],
      }),
      expect.objectContaining({
        level: 'INFO',
        event: 'runner.started',
        taskArns: [taskArn('a1')],
      }),
    ]);
  });

  test('rejected input does not log environment or command values either', async () => {
    const run = runner(testConfig(), jsonLogger());
    const { output, error } = await captureOutput(() =>
      run(
        {
          command: `${SECRET}-cmd`,
          environment: { TOKEN: [SECRET], 'BAD-NAME': SECRET },
          envirnoment: { X: SECRET },
        },
        CONTEXT,
      ),
    );
    expect(error).toBeInstanceOf(ValidationError);
    expect(String(error)).not.toContain(SECRET);
    expect(output).toContain('"event":"runner.rejected"');
    expect(output).not.toContain(SECRET);
  });
});
