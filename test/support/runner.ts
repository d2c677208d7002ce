import { type TerraformStack } from 'cdktf';
import { EcsCluster } from '../../modules/ecs-cluster';
import { FargateTaskDefinition } from '../../modules/fargate-task-definition';
import { LambdaRunner, type LambdaRunnerProps } from '../../modules/lambda-runner';
import { newStack } from './synth';

/** What a test runner is built from: a new stack with a cluster and one task definition. */
export interface RunnerFixture {
  readonly stack: TerraformStack;
  readonly cluster: EcsCluster;
  readonly task: FargateTaskDefinition;
}

/**
 * Builds a runner bound to the fixture's task (named `taskName`) in a new stack; `props`
 * override the defaults, and may be built from the fixture. Throws what the runner throws.
 */
export function buildRunner(
  props: Partial<LambdaRunnerProps> | ((fixture: RunnerFixture) => Partial<LambdaRunnerProps>) = {},
  taskName = 'report',
): { stack: TerraformStack; runner: LambdaRunner } {
  const stack = newStack();
  const cluster = new EcsCluster(stack, 'cluster', { clusterName: 'jobs' });
  const task = new FargateTaskDefinition(stack, 'report', {
    family: 'jobs-report',
    cpu: 256,
    memoryMiB: 512,
    containers: [{ name: 'app', image: 'public.ecr.aws/acme/report:1' }],
  });
  const runner = new LambdaRunner(stack, 'runner', {
    functionName: 'jobs-runner',
    cluster,
    tasks: { [taskName]: task },
    subnetIds: ['subnet-0123456789abcdef0'],
    securityGroupIds: ['sg-0123456789abcdef0'],
    ...(typeof props === 'function' ? props({ stack, cluster, task }) : props),
  });
  return { stack, runner };
}
