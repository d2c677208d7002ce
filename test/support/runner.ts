import { EcsCluster } from '../../modules/ecs-cluster';
import { FargateTaskDefinition } from '../../modules/fargate-task-definition';
import { LambdaRunner, type LambdaRunnerProps } from '../../modules/lambda-runner';
import { newStack } from './synth';

/** Builds a runner bound to one task (named `taskName`) in a new stack; throws what it throws. */
export function buildRunner(props: Partial<LambdaRunnerProps> = {}, taskName = 'report') {
  const stack = newStack();
  const cluster = new EcsCluster(stack, 'cluster', { clusterName: 'jobs' });
  const task = new FargateTaskDefinition(stack, 'report', {
    family: 'jobs-report',
    cpu: 256,
    memoryMiB: 512,
    containers: [{ name: 'app', image: 'public.ecr.aws/acme/report:1' }],
  });
  return new LambdaRunner(stack, 'runner', {
    functionName: 'jobs-runner',
    cluster,
    tasks: { [taskName]: task },
    subnetIds: ['subnet-0123456789abcdef0'],
    securityGroupIds: ['sg-0123456789abcdef0'],
    ...props,
  });
}
