import { EcsCluster } from '../../modules/ecs-cluster';
import { FargateTaskDefinition } from '../../modules/fargate-task-definition';
import { ServiceRole } from '../../src/iam/service-role';
import { TrustedServices } from '../../src/iam/trust';
import { type StackJson } from '../../src/review/terraform-json';
import { ACCOUNT, newStack, REGION, synth } from '../support/synth';

export const STACK = 'fargate-runner-dev';
export const SECRET = `arn:aws:secretsmanager:${REGION}:${ACCOUNT}:secret:hello/db-AbCdEf`;
export const SECOND_SECRET = `arn:aws:secretsmanager:${REGION}:${ACCOUNT}:secret:hello/api-key-XyZ123`;

/** What varies between the two versions of the review's test stack. */
export interface RunnerStackOptions {
  readonly cpu?: number;
  readonly secrets?: Readonly<Record<string, string>>;
}

/**
 * A small runner stack from the project's modules: a cluster, one task definition with its
 * execution and task roles, and a Lambda-assumed runner role granted to run it.
 */
export function runnerStack(options: RunnerStackOptions = {}): StackJson {
  const stack = newStack(STACK);
  const cluster = new EcsCluster(stack, 'cluster', { clusterName: STACK });
  const task = new FargateTaskDefinition(stack, 'hello', {
    family: `${STACK}-hello`,
    cpu: options.cpu ?? 256,
    memoryMiB: 1024,
    containers: [
      {
        name: 'hello',
        image: `${ACCOUNT}.dkr.ecr.${REGION}.amazonaws.com/hello:1.0`,
        secrets: options.secrets ?? { DB_PASSWORD: SECRET },
      },
    ],
    taskRolePermissions: {
      snsPublishTopicArns: [`arn:aws:sns:${REGION}:${ACCOUNT}:hello-done`],
    },
  });
  const runner = new ServiceRole(stack, 'runner', {
    roleName: `${STACK}-runner`,
    assumedBy: TrustedServices.lambda,
    policyName: 'runner',
  });
  task.grantRun(runner, cluster);
  return synth(stack) as StackJson;
}
