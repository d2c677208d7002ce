import { EcsCluster } from '../../modules/ecs-cluster';
import { FargateTaskDefinition } from '../../modules/fargate-task-definition';
import { LambdaRunner } from '../../modules/lambda-runner';
import { Patterns } from '../../src/aws/patterns';
import { parseRunnerConfig } from '../../src/runner/config';
import { testConfig } from '../runner/support';
import { newStack } from '../support/synth';

function runnerWithTask(taskName: string) {
  const stack = newStack();
  const cluster = new EcsCluster(stack, 'cluster', { clusterName: 'jobs' });
  const task = new FargateTaskDefinition(stack, 'report', {
    family: 'jobs-report',
    cpu: 256,
    memoryMiB: 512,
    containers: [{ name: 'app', image: 'public.ecr.aws/acme/report:1' }],
  });
  return () =>
    new LambdaRunner(stack, 'runner', {
      functionName: 'jobs-runner',
      cluster,
      tasks: { [taskName]: task },
      subnetIds: ['subnet-0123456789abcdef0'],
      securityGroupIds: ['sg-0123456789abcdef0'],
    });
}

const runnerAccepts = (taskName: string) => {
  const config = testConfig({
    tasks: { [taskName]: { taskDefinition: 'jobs', container: 'app' } },
  });
  try {
    parseRunnerConfig(JSON.stringify(config));
    return true;
  } catch {
    return false;
  }
};

describe('one rule per constraint', () => {
  test.each(['nightly.report', 'a'.repeat(65), 'with space'])(
    'the construct and the runner both refuse the task name %j',
    (name) => {
      expect(runnerWithTask(name)).toThrow(
        `tasks key is not allowed: received ${JSON.stringify(name)}; allowed: ${Patterns.runnerTaskName.allowed}`,
      );
      expect(runnerAccepts(name)).toBe(false);
    },
  );

  test.each(['nightly_report', 'Report-2', 'a'.repeat(64)])(
    'the construct and the runner both accept the task name %j',
    (name) => {
      expect(runnerWithTask(name)).not.toThrow();
      expect(runnerAccepts(name)).toBe(true);
    },
  );

  test('the runner refuses the subnet IDs the construct refuses, with the same words', () => {
    const config = testConfig({ subnets: ['subnet-xyz'] });
    expect(() => parseRunnerConfig(JSON.stringify(config))).toThrow(
      `subnets[0] is not allowed: received "subnet-xyz"; allowed: ${Patterns.subnetId.allowed}`,
    );
  });
});
