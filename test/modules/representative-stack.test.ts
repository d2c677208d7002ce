import { TaskExecutionRole } from '../../modules/task-execution-role';
import { TaskRole } from '../../modules/task-role';
import { resourceName } from '../../src/naming';
import { newStack, synth } from '../support/synth';

/**
 * The Terraform of a typical per-task setup. The snapshot guards resource addresses (a
 * renamed construct id destroys and recreates a resource) and the exact policies; review a
 * changed snapshot as you would review a plan.
 */
test('a minimal per-task execution role and a task role synthesize as reviewed', () => {
  const stack = newStack('fargate-runner-dev');
  const name = (purpose: string) => resourceName('fargate-runner', 'dev', 'report', purpose);
  const executionRole = new TaskExecutionRole(stack, 'report-execution-role', {
    roleName: name('exec'),
    repositoryArns: ['arn:aws:ecr:eu-west-1:123456789012:repository/report'],
    logGroupNames: ['/ecs/fargate-runner-dev/report'],
    secretArns: ['arn:aws:secretsmanager:eu-west-1:123456789012:secret:report/db-AbCdEf'],
    tags: { component: 'report' },
  });
  const taskRole = new TaskRole(stack, 'report-task-role', {
    roleName: name('task'),
    s3WriteLocations: [{ bucketArn: 'arn:aws:s3:::fargate-runner-dev-reports', prefix: 'daily/' }],
    snsPublishTopicArns: ['arn:aws:sns:eu-west-1:123456789012:report-ready'],
  });
  expect(executionRole.roleName).toBe('fargate-runner-dev-report-exec');
  expect(taskRole.roleName).toBe('fargate-runner-dev-report-task');
  expect(synth(stack)).toMatchSnapshot();
});
