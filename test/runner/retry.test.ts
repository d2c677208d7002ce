import { taskArn } from './support';
import { RunTaskCommand } from '@aws-sdk/client-ecs';
import { createEcsClient } from '../../src/runner/ecs-client';

// aws-sdk-client-mock replaces `send`, so the SDK's retry middleware never runs under it. These
// tests keep the whole middleware stack (serialization, signing, retries, deserialization) and
// replace only the HTTP handler underneath it: a fake that answers each request from a script.
// Math.random is pinned to 0 so that the backoff's jitter gives a zero delay.

type Reply = { status: number; body: unknown; errorType?: string };

function scriptedClient(replies: Reply[]) {
  const requests: string[] = [];
  const client = createEcsClient({
    region: 'eu-west-1',
    credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' },
    requestHandler: {
      handle: async (request: { headers: Record<string, string>; body?: unknown }) => {
        requests.push(request.headers['x-amz-target']);
        const reply = replies.shift();
        if (!reply) throw new Error('no scripted reply left');
        return {
          response: {
            statusCode: reply.status,
            headers: {
              'content-type': 'application/x-amz-json-1.1',
              ...(reply.errorType && { 'x-amzn-errortype': reply.errorType }),
            },
            body: Buffer.from(JSON.stringify(reply.body)),
          },
        };
      },
    } as never,
  });
  return { client, requests };
}

const throttled: Reply = {
  status: 400,
  errorType: 'ThrottlingException',
  body: { __type: 'ThrottlingException', message: 'Rate exceeded' },
};
const started: Reply = { status: 200, body: { tasks: [{ taskArn: taskArn('a1') }], failures: [] } };
const input = { cluster: 'jobs', taskDefinition: 'report', clientToken: 'token-1' };

beforeEach(() => jest.spyOn(Math, 'random').mockReturnValue(0));
afterEach(() => jest.restoreAllMocks());

test('the client uses the standard retry mode', async () => {
  const { client } = scriptedClient([]);
  expect(client.config.retryMode).toBe('standard');
  expect(await client.config.retryStrategy()).toMatchObject({ mode: 'standard' });
  expect(await client.config.maxAttempts()).toBe(3);
});

test('throttling, then success: RunTask is sent again with the same client token', async () => {
  const { client, requests } = scriptedClient([throttled, started]);
  const sentBodies: unknown[] = [];
  client.middlewareStack.add(
    (next) => async (args) => {
      const body = (args.request as { body: Uint8Array }).body;
      sentBodies.push(JSON.parse(new TextDecoder().decode(body)));
      return next(args);
    },
    { step: 'finalizeRequest', name: 'recordBody' },
  );
  const response = await client.send(new RunTaskCommand(input));
  expect(response.tasks?.map((t) => t.taskArn)).toEqual([taskArn('a1')]);
  expect(requests).toEqual([
    'AmazonEC2ContainerServiceV20141113.RunTask',
    'AmazonEC2ContainerServiceV20141113.RunTask',
  ]);
  expect(response.$metadata.attempts).toBe(2);
  expect(sentBodies).toEqual([
    expect.objectContaining({ clientToken: 'token-1' }),
    expect.objectContaining({ clientToken: 'token-1' }),
  ]);
});

test('throttling on every attempt gives up after 3 attempts', async () => {
  const { client, requests } = scriptedClient([throttled, throttled, throttled, started]);
  await expect(client.send(new RunTaskCommand(input))).rejects.toMatchObject({
    name: 'ThrottlingException',
    $metadata: { attempts: 3 },
  });
  expect(requests).toHaveLength(3);
});

test('a client error is not retried', async () => {
  const invalid: Reply = {
    status: 400,
    errorType: 'InvalidParameterException',
    body: { __type: 'InvalidParameterException', message: 'No Fargate configuration exists' },
  };
  const { client, requests } = scriptedClient([invalid, started]);
  await expect(client.send(new RunTaskCommand(input))).rejects.toMatchObject({
    name: 'InvalidParameterException',
  });
  expect(requests).toHaveLength(1);
});
