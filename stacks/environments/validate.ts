import { ArnKinds, checkArn } from '../../src/aws/arn';
import { fargateSizeProblem } from '../../src/aws/fargate';
import { checkResourceId, checkResourceIds, ResourceIds } from '../../src/aws/ids';
import { parseImage } from '../../src/aws/image';
import { LOG_RETENTION_DAYS } from '../../src/aws/logs';
import { Problems } from '../../src/errors';
import { checkRoleName, resourceName } from '../../src/naming';
import { checkInteger, checkOneOf, checkPattern } from '../../src/validation';
import { APP_NAME, type EnvironmentSettings } from './schema';

const ENVIRONMENT_NAME = /^[a-z][a-z0-9]{0,15}$/;
const TASK_NAME = /^[a-z0-9](?:[a-z0-9-]{0,30}[a-z0-9])?$/;
const REGION = /^[a-z]{2}(?:-[a-z]+)+-\d{1,2}$/;

/**
 * Every problem of an environment's settings, found before any construct is built, so that
 * one run shows everything to fix. Constructs validate again (with their construct paths) what
 * only they can see.
 */
export function validateEnvironment(settings: EnvironmentSettings): Problems {
  const problems = new Problems();
  checkPattern(
    problems,
    'name',
    settings.name,
    ENVIRONMENT_NAME,
    'lowercase letters and digits, starting with a letter, at most 16, e.g. "dev"',
  );
  checkPattern(problems, 'region', settings.region, REGION, 'an AWS region such as "eu-west-1"');
  checkPattern(problems, 'accountId', settings.accountId, /^\d{12}$/, 'a 12-digit AWS account ID');
  checkBackend(problems, settings);
  checkNetwork(problems, settings);
  checkOneOf(problems, 'executionRoleSharing', settings.executionRoleSharing, [
    'shared',
    'per-task',
  ]);
  checkOneOf(problems, 'executionRolePolicyMode', settings.executionRolePolicyMode, [
    'minimal',
    'starter',
  ]);
  checkOneOf(problems, 'containerInsights', settings.containerInsights, [
    'disabled',
    'enabled',
    'enhanced',
  ]);
  checkOneOf(problems, 'capacity', settings.capacity, ['FARGATE', 'FARGATE_SPOT']);
  checkOneOf(problems, 'logRetentionDays', settings.logRetentionDays, LOG_RETENTION_DAYS);
  checkTasks(problems, settings);
  checkRunner(problems, settings);
  checkTaskFailures(problems, settings);
  return problems;
}

function checkBackend(problems: Problems, settings: EnvironmentSettings): void {
  const backend = settings.backend;
  if (!backend) return;
  checkOneOf(problems, 'backend.type', backend.type, ['local', 's3', 'cloud']);
  if (backend.type === 's3') {
    checkPattern(
      problems,
      'backend.bucket',
      backend.bucket,
      /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/,
      'an S3 bucket name',
    );
    checkPattern(
      problems,
      'backend.region',
      backend.region,
      REGION,
      'an AWS region such as "eu-west-1"',
    );
  }
  if (backend.type === 'cloud') {
    checkPattern(
      problems,
      'backend.organization',
      backend.organization,
      /^[\w-]+$/,
      'an HCP Terraform organization name',
    );
  }
}

function checkNetwork(problems: Problems, settings: EnvironmentSettings): void {
  const network = settings.network;
  checkOneOf(problems, 'network.type', network?.type, ['default-vpc', 'subnets']);
  if (network?.type !== 'subnets') return;
  checkResourceId(problems, 'network.vpcId', network.vpcId, ResourceIds.vpc);
  checkResourceIds(problems, 'network.subnetIds', network.subnetIds, ResourceIds.subnet);
  checkResourceIds(
    problems,
    'network.securityGroupIds',
    network.securityGroupIds,
    ResourceIds.securityGroup,
  );
}

function checkTasks(problems: Problems, settings: EnvironmentSettings): void {
  const tasks = settings.tasks ?? [];
  problems.check(tasks.length > 0, {
    property: 'tasks',
    received: tasks,
    reason: 'is empty',
    allowed: 'at least one task',
  });
  const names = tasks.map((task) => task.name);
  tasks.forEach((task, i) => {
    const at = `tasks[${i}]`;
    checkPattern(
      problems,
      `${at}.name`,
      task.name,
      TASK_NAME,
      'lowercase letters, digits and -, at most 32, e.g. "report"',
    );
    problems.check(names.indexOf(task.name) === i, {
      property: `${at}.name`,
      received: task.name,
      reason: 'is used by another task',
      allowed: 'a unique name per task',
    });
    const size = fargateSizeProblem(task.cpu, task.memoryMiB);
    if (size)
      problems.add({
        property: `${at}.${size.property}`,
        received: task[size.property],
        allowed: size.allowed,
      });
    checkOneOf(problems, `${at}.architecture`, task.architecture, ['X86_64', 'ARM64']);
    const image = parseImage(task.image);
    if (typeof image === 'string')
      problems.add({
        property: `${at}.image`,
        received: task.image,
        reason: image,
        allowed: 'a container image reference, e.g. nginx:1.27',
      });
    for (const purpose of settings.executionRoleSharing === 'shared'
      ? ['task']
      : ['execution', 'task']) {
      checkRoleName(
        problems,
        `${at}.name (in role name)`,
        resourceName(APP_NAME, settings.name, task.name, purpose),
      );
    }
  });
}

function checkRunner(problems: Problems, settings: EnvironmentSettings): void {
  const runner = settings.runner;
  const known = (settings.tasks ?? []).map((task) => task.name);
  const allowed = known.map((n) => JSON.stringify(n)).join(', ') || '(no tasks defined)';
  problems.check((runner?.tasks ?? []).length > 0, {
    property: 'runner.tasks',
    received: runner?.tasks,
    reason: 'is empty',
    allowed: `task names from tasks: ${allowed}`,
  });
  runner?.tasks.forEach((name, i) =>
    problems.check(known.includes(name), {
      property: `runner.tasks[${i}]`,
      received: name,
      reason: 'names no task of this environment',
      allowed,
    }),
  );
  const scheduled = runner?.schedule?.input?.task;
  if (scheduled !== undefined) {
    problems.check(runner.tasks.includes(scheduled), {
      property: 'runner.schedule.input.task',
      received: scheduled,
      reason: "is not one of the runner's tasks",
      allowed: runner.tasks.map((n) => JSON.stringify(n)).join(', '),
    });
  }
}

// --- taskFailures (issue 17): kept apart to move into the settings schema as one block -------

function checkTaskFailures(problems: Problems, settings: EnvironmentSettings): void {
  const failures = settings.taskFailures;
  if (failures === undefined) return;
  checkOneOf(problems, 'taskFailures.diagnose', failures.diagnose, [true, false]);
  const topic = failures.topic;
  if (topic !== undefined && topic !== 'create' && topic !== 'none') {
    checkArn(problems, 'taskFailures.topic', topic, ArnKinds.snsTopic);
  }
  checkInteger(problems, 'taskFailures.retentionDays', failures.retentionDays, 1, 14);
}
