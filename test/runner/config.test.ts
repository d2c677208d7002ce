import { deflateSync } from 'fflate';
import { testConfig } from './support';
import { ValidationError } from '../../src/errors';
import { parseRunnerConfig } from '../../src/runner/config';

const json = (value: unknown) => JSON.stringify(value);

describe('parseRunnerConfig', () => {
  test('returns a valid configuration unchanged', () => {
    const config = testConfig({
      tags: { team: 'reports' },
      platformVersion: '1.4.0',
      propagateTags: 'NONE',
    });
    expect(parseRunnerConfig(json(config))).toEqual(config);
  });

  test('accepts a capacity provider strategy instead of a launch type', () => {
    const config = testConfig({
      launchType: undefined,
      capacityProviderStrategy: [{ capacityProvider: 'FARGATE_SPOT', weight: 1, base: 0 }],
    });
    expect(parseRunnerConfig(json(config)).capacityProviderStrategy).toEqual(
      config.capacityProviderStrategy,
    );
  });

  test.each<[string, string | undefined, RegExp]>([
    ['not set', undefined, /^RUNNER_CONFIG: RUNNER_CONFIG is not set: received nothing/],
    ['not JSON', '{cluster:', /RUNNER_CONFIG is not valid JSON \(.+\): received "\{cluster:"/],
    [
      'not an object',
      '[]',
      /\(root\) is an array of 0 items: received \[hidden\]; allowed: a JSON object/,
    ],
    [
      'an unknown field',
      json({ ...testConfig(), taskRoleArn: 'x' }),
      /taskRoleArn is not a known field/,
    ],
    [
      'a cluster name instead of an ARN',
      json(testConfig({ cluster: 'jobs' })),
      /cluster is not allowed: received "jobs"; allowed: an ECS cluster ARN/,
    ],
    ['no tasks', json(testConfig({ tasks: {} })), /tasks is not allowed: received \{\}/],
    [
      'a task definition with a revision',
      json(testConfig({ tasks: { report: { taskDefinition: 'report:3', container: 'app' } } })),
      /tasks.report.taskDefinition is not allowed: received "report:3"; allowed: a task definition family/,
    ],
    [
      'a task without a container',
      json(testConfig({ tasks: { report: { taskDefinition: 'report' } as never } })),
      /tasks.report.container is not allowed: received nothing/,
    ],
    [
      'a bad task name',
      json(testConfig({ tasks: { 'a b': { taskDefinition: 'r', container: 'c' } } })),
      /tasks\["a b"\] has a name that is not allowed/,
    ],
    [
      'no subnets',
      json(testConfig({ subnets: [] })),
      /subnets is not allowed: received \[hidden\]; allowed: an array of 1 to 16 items/,
    ],
    [
      'a bad security group',
      json(testConfig({ securityGroups: ['default'] })),
      /securityGroups\[0\] is not allowed: received "default"/,
    ],
    [
      'assignPublicIp as a string',
      json(testConfig({ assignPublicIp: 'false' as never })),
      /assignPublicIp is not allowed: received "false"; allowed: true or false/,
    ],
    [
      'no enableExecuteCommand',
      json({ ...testConfig(), enableExecuteCommand: undefined }),
      /enableExecuteCommand is not allowed: received nothing/,
    ],
    [
      'neither launch type nor strategy',
      json(testConfig({ launchType: undefined })),
      /launchType and capacityProviderStrategy are both missing/,
    ],
    [
      'both launch type and strategy',
      json(testConfig({ capacityProviderStrategy: [{ capacityProvider: 'FARGATE' }] })),
      /launchType and capacityProviderStrategy are both set/,
    ],
    [
      'the EC2 launch type',
      json(testConfig({ launchType: 'EC2' as never })),
      /launchType is not allowed: received "EC2"; allowed: "FARGATE"/,
    ],
    [
      'an EC2 capacity provider',
      json(
        testConfig({
          launchType: undefined,
          capacityProviderStrategy: [{ capacityProvider: 'my-asg' as never }],
        }),
      ),
      /capacityProviderStrategy\[0\].capacityProvider is not allowed: received "my-asg"/,
    ],
    [
      'a base on two providers',
      json(
        testConfig({
          launchType: undefined,
          capacityProviderStrategy: [
            { capacityProvider: 'FARGATE', base: 1 },
            { capacityProvider: 'FARGATE_SPOT', base: 2 },
          ],
        }),
      ),
      /capacityProviderStrategy has a base on more than one capacity provider/,
    ],
    [
      'a bad platform version',
      json(testConfig({ platformVersion: 'latest' })),
      /platformVersion is not allowed: received "latest"/,
    ],
    [
      'propagateTags SERVICE',
      json(testConfig({ propagateTags: 'SERVICE' as never })),
      /propagateTags is not allowed: received "SERVICE"/,
    ],
    [
      'a reserved tag key',
      json(testConfig({ tags: { 'aws:owner': 'me' } })),
      /tags\["aws:owner"\] has a name that is not allowed/,
    ],
  ])('rejects %s', (_name, input, message) => {
    expect(() => parseRunnerConfig(input)).toThrow(ValidationError);
    expect(() => parseRunnerConfig(input)).toThrow(message);
  });

  test('names every broken field at once', () => {
    const input = json({
      ...testConfig({ cluster: 'jobs', subnets: ['vpc-1'] }),
      assignPublicIp: 1,
    });
    expect(() => parseRunnerConfig(input)).toThrow(
      /^RUNNER_CONFIG: 3 problems:\n {2}- cluster .*\n {2}- subnets\[0\] .*\n {2}- assignPublicIp /,
    );
  });
});

describe('tasks compressed (tasksDeflated), as the construct writes them for many tasks', () => {
  // Written by fflate at synth, read with node:zlib in Lambda: the format is raw DEFLATE.
  const deflate = (value: unknown) =>
    Buffer.from(deflateSync(Buffer.from(JSON.stringify(value)))).toString('base64');

  test('read back into the same tasks', () => {
    const { tasks, ...rest } = testConfig();
    expect(parseRunnerConfig(json({ ...rest, tasksDeflated: deflate(tasks) }))).toEqual(
      testConfig(),
    );
  });

  test('both tasks and tasksDeflated, or unreadable data, are errors', () => {
    const config = testConfig();
    expect(() =>
      parseRunnerConfig(json({ ...config, tasksDeflated: deflate(config.tasks) })),
    ).toThrow(/tasksDeflated and tasks are both set/);
    const { tasks: _tasks, ...rest } = config;
    expect(() => parseRunnerConfig(json({ ...rest, tasksDeflated: 'not deflate' }))).toThrow(
      /tasksDeflated cannot be read/,
    );
  });
});
