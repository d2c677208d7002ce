import { EcsCluster } from '../../modules/ecs-cluster';
import { FargateTaskDefinition, runnableTask } from '../../modules/fargate-task-definition';
import { LambdaRunner } from '../../modules/lambda-runner';
import { newStack, roleNamed, synth } from '../support/synth';

const runnerPolicy = (bind: 'construct' | 'attributes') => {
  const stack = newStack();
  const cluster = new EcsCluster(stack, 'cluster', { clusterName: 'jobs' });
  const task = new FargateTaskDefinition(stack, 'report', {
    family: 'jobs-report',
    cpu: 256,
    memoryMiB: 512,
    containers: [{ name: 'app', image: 'public.ecr.aws/acme/report:1' }],
  });
  const bound =
    bind === 'construct'
      ? task
      : runnableTask(stack, {
          family: 'jobs-report',
          executionRoleArn: task.executionRoleArnForPolicies,
          taskRoleArn: task.taskRoleArnForPolicies,
          containerName: 'app',
        });
  new LambdaRunner(stack, 'runner', {
    functionName: 'jobs-runner',
    cluster,
    tasks: { report: bound },
    subnetIds: ['subnet-0123456789abcdef0'],
    securityGroupIds: ['sg-0123456789abcdef0'],
  });
  const json = synth(stack);
  return { policy: roleNamed(json, 'jobs-runner-role').policies, json };
};

test('a task bound by family and role ARNs grants the runner what the construct grants', () => {
  const byAttributes = runnerPolicy('attributes');
  const byConstruct = runnerPolicy('construct');
  expect(byAttributes.policy).toEqual(byConstruct.policy);
  expect(byAttributes.json.resource).toEqual(byConstruct.json.resource);
});
