import { testConfig } from './support';
import { parseRunnerConfig } from '../../src/runner/config';
import { parseRunEvent } from '../../src/runner/request';
import { runTaskInput } from '../../src/runner/run-task-input';
import { EcsCluster } from '../../modules/ecs-cluster';
import { FargateTaskDefinition } from '../../modules/fargate-task-definition';
import { LambdaRunner } from '../../modules/lambda-runner';
import { newStack } from '../support/synth';

// The task group marks the tasks a runner started (a TaskFailures rule matches on it): callers
// choose startedBy, never the group.
describe('the task group of started tasks', () => {
  test('RunTask gets the configured group, whatever startedBy the caller chose', () => {
    const config = testConfig({ group: 'runner:jobs-runner' });
    const request = parseRunEvent({ startedBy: 'nightly-batch' }, config);
    expect(runTaskInput(config, request, 'token')).toMatchObject({
      startedBy: 'nightly-batch',
      group: 'runner:jobs-runner',
    });
  });

  test('without a group RunTask leaves ECS its default', () => {
    const config = testConfig();
    expect(runTaskInput(config, parseRunEvent({}, config), 'token')).not.toHaveProperty('group');
  });

  test('the configuration validates the group', () => {
    const valid = JSON.stringify(testConfig({ group: 'runner:jobs-runner' }));
    expect(parseRunnerConfig(valid).group).toBe('runner:jobs-runner');
    expect(() => parseRunnerConfig(JSON.stringify(testConfig({ group: 'runner jobs' })))).toThrow(
      /group is not allowed: received "runner jobs"/,
    );
  });

  test('LambdaRunner refuses a bad taskGroup', () => {
    const stack = newStack();
    const cluster = new EcsCluster(stack, 'cluster', { clusterName: 'jobs' });
    const report = new FargateTaskDefinition(stack, 'report', {
      family: 'jobs-report',
      cpu: 256,
      memoryMiB: 512,
      containers: [{ name: 'app', image: 'public.ecr.aws/acme/report:1' }],
    });
    expect(
      () =>
        new LambdaRunner(stack, 'runner', {
          functionName: 'jobs-runner',
          cluster,
          tasks: { report },
          subnetIds: ['subnet-0123456789abcdef0'],
          securityGroupIds: ['sg-0123456789abcdef0'],
          taskGroup: 'x'.repeat(256),
        }),
    ).toThrow(/taskGroup is not allowed/);
  });
});
