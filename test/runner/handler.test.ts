import { CONTEXT, captureOutput, taskArn, testConfig } from './support';
import { type AwsStub, mockClient } from 'aws-sdk-client-mock';
import type * as Sdk from '@aws-sdk/client-ecs';
import type * as HandlerModule from '../../src/runner/handler';

type Handler = typeof HandlerModule.handler;

// The Lambda entry point as Lambda loads it: the configuration comes from RUNNER_CONFIG at
// import time. Each load gets its own module registry, so the ECS client is mocked inside it.
function loadHandler(config: string | undefined) {
  const previous = process.env.RUNNER_CONFIG;
  if (config === undefined) delete process.env.RUNNER_CONFIG;
  else process.env.RUNNER_CONFIG = config;
  try {
    let loaded:
      | { handler: Handler; ecs: AwsStub<Sdk.ServiceInputTypes, Sdk.ServiceOutputTypes, unknown> }
      | undefined;
    jest.isolateModules(() => {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const sdk = require('@aws-sdk/client-ecs') as typeof Sdk;
      const ecs = mockClient(sdk.ECSClient);
      ecs.on(sdk.RunTaskCommand).resolves({ tasks: [{ taskArn: taskArn('a1') }] });
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const handler = (require('../../src/runner/handler') as typeof HandlerModule).handler;
      loaded = { handler, ecs: ecs as never };
    });
    return loaded as NonNullable<typeof loaded>;
  } finally {
    if (previous === undefined) delete process.env.RUNNER_CONFIG;
    else process.env.RUNNER_CONFIG = previous;
  }
}

test('reads RUNNER_CONFIG once at load and starts the task', async () => {
  const { handler, ecs } = loadHandler(JSON.stringify(testConfig()));
  process.env.RUNNER_CONFIG = JSON.stringify(
    testConfig({ cluster: 'arn:aws:ecs:eu-west-1:123456789012:cluster/other' }),
  );
  try {
    const { result } = await captureOutput(() => handler({}, CONTEXT));
    expect(result).toMatchObject({ taskArns: [taskArn('a1')] });
    expect((ecs.calls()[0].args[0].input as { cluster: string }).cluster).toBe(
      testConfig().cluster,
    );
  } finally {
    delete process.env.RUNNER_CONFIG;
  }
});

test('a broken RUNNER_CONFIG fails the cold start naming the field', () => {
  expect(() => loadHandler(JSON.stringify(testConfig({ subnets: ['subnet-x'] })))).toThrow(
    /^RUNNER_CONFIG: subnets\[0\] is not allowed: received "subnet-x"/,
  );
  expect(() => loadHandler(undefined)).toThrow(/RUNNER_CONFIG is not set/);
});
