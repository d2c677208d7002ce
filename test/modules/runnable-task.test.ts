import { type TerraformStack } from 'cdktf';
import { grantRunTask, runnableTask } from '../../modules/fargate-task-definition';
import { buildRunner } from '../support/runner';
import { newStack, roleNamed, synth } from '../support/synth';

const runnerPolicy = (bind: 'construct' | 'attributes') => {
  const { stack } = buildRunner(({ stack, task }) => ({
    tasks: {
      report:
        bind === 'construct'
          ? task
          : runnableTask(stack, {
              family: 'jobs-report',
              executionRoleArn: task.executionRoleArnForPolicies,
              taskRoleArn: task.taskRoleArnForPolicies,
              containerName: 'app',
            }),
    },
  }));
  const json = synth(stack);
  return { policy: roleNamed(json, 'jobs-runner-role').policies, json };
};

test('a task bound by family and role ARNs grants the runner what the construct grants', () => {
  const byAttributes = runnerPolicy('attributes');
  const byConstruct = runnerPolicy('construct');
  expect(byAttributes.policy).toEqual(byConstruct.policy);
  expect(byAttributes.json.resource).toEqual(byConstruct.json.resource);
});

describe('nothing is granted on a pattern', () => {
  const ROLE = 'arn:aws:iam::123456789012:role/jobs-report-task';
  const bind = (attributes: Partial<Parameters<typeof runnableTask>[1]>) => () =>
    runnableTask(newStack(), {
      family: 'jobs-report',
      executionRoleArn: ROLE,
      taskRoleArn: ROLE,
      containerName: 'app',
      ...attributes,
    });
  const ROLE_ALLOWED =
    'allowed: an IAM role ARN naming one exact resource, such as arn:aws:iam::123456789012:role/my-role';

  test.each<[string, Partial<Parameters<typeof runnableTask>[1]>, string]>([
    [
      'a family of *',
      { family: '*' },
      'family is not allowed: received "*"; allowed: 1 to 255 letters, digits, - and _',
    ],
    [
      'an execution role ARN of *',
      { executionRoleArn: '*' },
      `executionRoleArn contains a wildcard (name the exact resource): received "*"; ${ROLE_ALLOWED}`,
    ],
    [
      'a task role ARN of role/*',
      { taskRoleArn: 'arn:aws:iam::123456789012:role/*' },
      `taskRoleArn contains a wildcard (name the exact resource): received "arn:aws:iam::123456789012:role/*"; ${ROLE_ALLOWED}`,
    ],
    [
      'an S3 ARN as the execution role',
      { executionRoleArn: 'arn:aws:s3:::jobs-bucket' },
      `executionRoleArn is an ARN of service "s3", not an IAM role ARN: received "arn:aws:s3:::jobs-bucket"; ${ROLE_ALLOWED}`,
    ],
    [
      'a user ARN as the task role',
      { taskRoleArn: 'arn:aws:iam::123456789012:user/admin' },
      `taskRoleArn is not an IAM role ARN (resource part "user/admin"): received "arn:aws:iam::123456789012:user/admin"; ${ROLE_ALLOWED}`,
    ],
  ])('runnableTask refuses %s, naming the construct path', (_name, attributes, message) => {
    expect(bind(attributes)).toThrow(`test (runnableTask): ${message}`);
  });

  test('a cluster whose policy ARN holds a wildcard grants nothing', () => {
    const cluster = { clusterName: 'jobs', arnForPolicies: 'arn:aws:ecs:*:*:cluster/*' };
    expect(() => buildRunner({ cluster })).toThrow(
      'test/runner: cluster.arnForPolicies contains a wildcard (name the exact resource): received "arn:aws:ecs:*:*:cluster/*"; allowed: an ECS cluster ARN naming one exact resource, such as arn:aws:ecs:eu-west-1:123456789012:cluster/my-cluster',
    );
  });

  test('a hand-written runnable task cannot smuggle a pattern into the grant', () => {
    const smuggled = (stack: TerraformStack) => {
      const task = {
        ...runnableTask(stack, {
          family: 'jobs-report',
          executionRoleArn: ROLE,
          taskRoleArn: ROLE,
          containerName: 'app',
        }),
        arnForPolicies: 'arn:aws:ecs:eu-west-1:123456789012:task-definition/*',
        taskRoleArnForPolicies: 'arn:aws:iam::123456789012:role/*',
      };
      task.grantRun = (grantee, cluster) => grantRunTask(task, grantee, cluster);
      return task;
    };
    expect(() => buildRunner(({ stack }) => ({ tasks: { report: smuggled(stack) } }))).toThrow(
      [
        'test/runner (running task "jobs-report"): 2 problems:',
        '  - task.arnForPolicies contains a wildcard (name the exact resource): received "arn:aws:ecs:eu-west-1:123456789012:task-definition/*"; allowed: an ECS task definition family (every revision) ARN naming one exact resource, such as arn:aws:ecs:eu-west-1:123456789012:task-definition/my-task:*',
        `  - task.taskRoleArnForPolicies contains a wildcard (name the exact resource): received "arn:aws:iam::123456789012:role/*"; ${ROLE_ALLOWED}`,
      ].join('\n'),
    );
  });
});
