import { EcsCluster } from '../../modules/ecs-cluster';
import { FargateTaskDefinition } from '../../modules/fargate-task-definition';
import { TaskExecutionRole } from '../../modules/task-execution-role';
import { TaskRole } from '../../modules/task-role';
import { newStack, synth } from '../support/synth';
import { check } from './helpers';

const ACCOUNT = '123456789012';
const REGION = 'eu-west-1';

/** The project's own modules are the reference: the checks must find nothing in them. */
describe("the project's own modules pass the checks", () => {
  test('minimal and starter execution roles and a task role with every grant', async () => {
    const stack = newStack('fargate-runner-dev');
    new TaskExecutionRole(stack, 'minimal-exec', {
      roleName: 'app-minimal-exec',
      repositoryArns: [`arn:aws:ecr:${REGION}:${ACCOUNT}:repository/report`],
      logGroupNames: ['/ecs/fargate-runner-dev/report'],
      secretArns: [`arn:aws:secretsmanager:${REGION}:${ACCOUNT}:secret:report/db-AbCdEf`],
    });
    new TaskExecutionRole(stack, 'starter-exec', {
      roleName: 'app-starter-exec',
      policyMode: 'starter',
    });
    new TaskRole(stack, 'task-role', {
      roleName: 'app-task',
      s3WriteLocations: [{ bucketArn: 'arn:aws:s3:::reports-dev', prefix: 'daily/' }],
      snsPublishTopicArns: [`arn:aws:sns:${REGION}:${ACCOUNT}:report-ready`],
      sqsSendQueueArns: [`arn:aws:sqs:${REGION}:${ACCOUNT}:jobs`],
      dynamodbReadTableArns: [`arn:aws:dynamodb:${REGION}:${ACCOUNT}:table/orders`],
      secretArns: [`arn:aws:secretsmanager:${REGION}:${ACCOUNT}:secret:report/api-AbCdEf`],
      enableExecuteCommand: true,
    });
    const json = synth(stack);
    // Not vacuous: the starter policy and the ECS Exec channels on * are in there.
    expect(JSON.stringify(json)).toMatch(
      /AmazonECSTaskExecutionRolePolicy.*|ssmmessages:OpenDataChannel/,
    );
    expect(await check({ name: 'fargate-runner-dev', json })).toEqual([]);
  });

  test('a cluster and a task definition with its own execution role', async () => {
    const stack = newStack('fargate-runner-dev');
    new EcsCluster(stack, 'cluster', { clusterName: 'jobs' });
    const taskRole = new TaskRole(stack, 'task-role', { roleName: 'report-task' });
    new FargateTaskDefinition(stack, 'report', {
      family: 'report',
      cpu: 256,
      memoryMiB: 512,
      taskRole,
      containers: [
        {
          name: 'app',
          image: `${ACCOUNT}.dkr.ecr.${REGION}.amazonaws.com/report:1.2`,
          secrets: {
            DB_PASSWORD: `arn:aws:secretsmanager:${REGION}:${ACCOUNT}:secret:report/db-AbCdEf`,
          },
        },
      ],
    });
    expect(await check({ name: 'fargate-runner-dev', json: synth(stack) })).toEqual([]);
  });
});
