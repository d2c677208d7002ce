import { EcsCluster } from '../../modules/ecs-cluster';
import { FargateTaskDefinition } from '../../modules/fargate-task-definition';
import { LambdaRunner } from '../../modules/lambda-runner';
import { TaskExecutionRole } from '../../modules/task-execution-role';
import { AwsLimits } from '../../src/aws/limits';
import { runChecks, servicesOf } from '../../src/checks/engine';
import { IamCatalog } from '../../src/checks/iam-data/catalog';
import { type PolicyDocumentJson, type PolicyStatementJson } from '../../src/iam/document';
import { parseRunnerConfig } from '../../src/runner/config';
import { decide } from '../support/simulate';
import {
  ACCOUNT,
  concretize,
  findResource,
  newStack,
  parsePolicy,
  REGION,
  resourcesOfType,
  synth,
  type TerraformJson,
} from '../support/synth';

const TASKS = 100;
const names = Array.from({ length: TASKS }, (_, i) => `task-${String(i).padStart(3, '0')}`);
const arn = (service: string, resource: string) =>
  `arn:aws:${service}:${REGION}:${ACCOUNT}:${resource}`;
const secretArn = (name: string) => arn('secretsmanager', `secret:jobs/${name}/db-AbCdEf`);
const repositoryArn = (name: string) => arn('ecr', `repository/jobs/${name}`);

/** A runner bound to 100 task definitions that share one execution role (each has its own task role). */
function hundredTasks(): TerraformJson {
  const stack = newStack('scale');
  const cluster = new EcsCluster(stack, 'cluster', { clusterName: 'jobs' });
  const executionRole = new TaskExecutionRole(stack, 'shared-execution', {
    roleName: 'jobs-shared-execution',
  });
  const tasks = Object.fromEntries(
    names.map((name) => [
      name,
      new FargateTaskDefinition(stack, name, {
        family: `jobs-${name}`,
        cpu: 256,
        memoryMiB: 512,
        executionRole,
        containers: [
          {
            name: 'app',
            image: `${ACCOUNT}.dkr.ecr.${REGION}.amazonaws.com/jobs/${name}:1`,
            secrets: { DB_PASSWORD: secretArn(name) },
          },
        ],
      }),
    ]),
  );
  new LambdaRunner(stack, 'runner', {
    functionName: 'jobs-runner',
    cluster,
    tasks,
    subnetIds: ['subnet-0123456789abcdef0'],
    securityGroupIds: ['sg-0123456789abcdef0'],
  });
  return synth(stack);
}

/** IAM's size of a synthesized policy once evaluated: characters without whitespace. */
const iamSize = (policy: unknown) => concretize(String(policy)).replace(/\s/g, '').length;

/** A role's inline policies and attached customer managed policies, as synthesized. */
function rolePolicies(json: TerraformJson, roleName: string) {
  const role = findResource(json, 'aws_iam_role', 'name', roleName);
  const reference = `\${aws_iam_role.${role.id}.name}`;
  const inline = Object.values(resourcesOfType(json, 'aws_iam_role_policy')).filter(
    (p) => p.role === reference,
  );
  const managed = Object.values(resourcesOfType(json, 'aws_iam_role_policy_attachment'))
    .filter((a) => a.role === reference)
    .map((a) => {
      const id = /^\$\{aws_iam_policy\.([^.]+)\.arn\}$/.exec(String(a.policy_arn))?.[1];
      if (!id) throw new Error(`not a customer managed policy: ${String(a.policy_arn)}`);
      return resourcesOfType(json, 'aws_iam_policy')[id];
    });
  return { inline, managed, documents: [...inline, ...managed].map((p) => parsePolicy(p.policy)) };
}

/** The statements of several documents joined again: parts (`SidPartN`) merged back into their Sid. */
function joined(documents: readonly PolicyDocumentJson[]): Record<string, PolicyStatementJson> {
  const bySid: Record<string, PolicyStatementJson> = {};
  for (const statement of documents.flatMap((d) => d.Statement)) {
    const sid = statement.Sid.replace(/Part\d+$/, '');
    const existing = bySid[sid];
    if (existing) {
      expect({ ...statement, Sid: sid, Resource: [] }).toEqual({ ...existing, Resource: [] });
    }
    bySid[sid] = {
      ...statement,
      Sid: sid,
      Resource: [...(existing?.Resource ?? []), ...(statement.Resource ?? [])].sort(),
    };
  }
  return bySid;
}

let json: TerraformJson;
beforeAll(() => {
  json = hundredTasks();
});

describe('a runner bound to 100 task definitions sharing one execution role', () => {
  test('synthesizes with no error of the checks (size limits included)', async () => {
    const stacks = [{ name: 'scale', json }];
    const iam = await IamCatalog.load(servicesOf(stacks));
    const errors = runChecks(stacks, { iam, today: '2026-11-30' }).filter(
      (f) => f.severity === 'error',
    );
    expect(errors).toEqual([]);
  });

  test.each([
    ['jobs-runner-role', 1],
    ['jobs-shared-execution', 3],
  ])(
    '%s: its policies split into the role policy and %i managed policies, each inside IAM limits',
    (roleName, managedCount) => {
      const { inline, managed } = rolePolicies(json, roleName);
      expect(inline).toHaveLength(1);
      expect(managed).toHaveLength(managedCount);
      expect(iamSize(inline[0].policy)).toBeLessThanOrEqual(AwsLimits.roleInlinePolicyCharacters);
      for (const policy of managed) {
        expect(iamSize(policy.policy)).toBeLessThanOrEqual(AwsLimits.managedPolicyCharacters);
        expect(policy.name).toMatch(new RegExp(`^${roleName}-(run-tasks|task-execution)-\\d+$`));
      }
    },
  );

  test('the split documents grant exactly what one document would (nothing widened)', () => {
    const runner = joined(rolePolicies(json, 'jobs-runner-role').documents);
    expect(runner.RunTask).toEqual({
      Sid: 'RunTask',
      Effect: 'Allow',
      Action: ['ecs:RunTask'],
      Resource: names.map((n) => arn('ecs', `task-definition/jobs-${n}:*`)).sort(),
      Condition: { ArnEquals: { 'ecs:cluster': arn('ecs', 'cluster/jobs') } },
    });
    expect(runner.PassTaskRoles).toEqual({
      Sid: 'PassTaskRoles',
      Effect: 'Allow',
      Action: ['iam:PassRole'],
      Resource: [
        `arn:aws:iam::${ACCOUNT}:role/jobs-shared-execution`,
        ...names.map((n) => `arn:aws:iam::${ACCOUNT}:role/jobs-${n}-task`),
      ].sort(),
      Condition: { StringEquals: { 'iam:PassedToService': 'ecs-tasks.amazonaws.com' } },
    });
    expect(Object.keys(runner).sort()).toEqual([
      'DeadLetterQueueSend',
      'LogsWrite',
      'PassTaskRoles',
      'RunTask',
    ]);

    const execution = joined(rolePolicies(json, 'jobs-shared-execution').documents);
    expect(execution.EcrPull.Resource).toEqual(names.map(repositoryArn).sort());
    expect(execution.SecretsRead).toEqual({
      Sid: 'SecretsRead',
      Effect: 'Allow',
      Action: ['secretsmanager:GetSecretValue'],
      Resource: names.map(secretArn).sort(),
    });
    expect(execution.LogsWrite.Resource).toEqual(
      names.map((n) => arn('logs', `log-group:/ecs/jobs-${n}:log-stream:*`)).sort(),
    );
    expect(execution.EcrAuthorizationToken.Resource).toEqual(['*']);
  });

  test('IAM simulation: every bound task and role is allowed, near misses are denied', async () => {
    const runner = rolePolicies(json, 'jobs-runner-role').documents;
    const run = (family: string, cluster = 'jobs') =>
      decide(runner, {
        action: 'ecs:RunTask',
        resource: arn('ecs', `task-definition/${family}:7`),
        context: { 'ecs:cluster': arn('ecs', `cluster/${cluster}`) },
      });
    const pass = (role: string, service = 'ecs-tasks.amazonaws.com') =>
      decide(runner, {
        action: 'iam:PassRole',
        resource: `arn:aws:iam::${ACCOUNT}:role/${role}`,
        context: { 'iam:PassedToService': service },
      });
    for (const name of ['task-000', 'task-057', 'task-099']) {
      expect(await run(`jobs-${name}`)).toBe('Allowed');
      expect(await run(`jobs-${name}`, 'other')).toBe('ImplicitlyDenied');
      expect(await pass(`jobs-${name}-task`)).toBe('Allowed');
      expect(await pass(`jobs-${name}-task`, 'lambda.amazonaws.com')).toBe('ImplicitlyDenied');
    }
    expect(await pass('jobs-shared-execution')).toBe('Allowed');
    expect(await run('jobs-task-100')).toBe('ImplicitlyDenied');
    expect(await pass('jobs-task-100-task')).toBe('ImplicitlyDenied');
    expect(await pass('jobs-runner-role')).toBe('ImplicitlyDenied');

    const execution = rolePolicies(json, 'jobs-shared-execution').documents;
    const allowed = (action: string, resource: string) => decide(execution, { action, resource });
    for (const name of ['task-000', 'task-099']) {
      expect(await allowed('ecr:BatchGetImage', repositoryArn(name))).toBe('Allowed');
      expect(await allowed('secretsmanager:GetSecretValue', secretArn(name))).toBe('Allowed');
    }
    expect(await allowed('ecr:BatchGetImage', repositoryArn('task-100'))).toBe('ImplicitlyDenied');
    expect(await allowed('secretsmanager:GetSecretValue', secretArn('task-100'))).toBe(
      'ImplicitlyDenied',
    );
  });

  test('the runner configuration fits the 4 KB Lambda environment and reads back every task', () => {
    const fn = findResource(json, 'aws_lambda_function', 'function_name', 'jobs-runner').config;
    const variables = (fn.environment as { variables: Record<string, string> }).variables;
    const evaluated = JSON.parse(concretize(JSON.stringify(variables))) as Record<string, string>;
    expect(Buffer.byteLength(JSON.stringify(evaluated))).toBeLessThanOrEqual(
      AwsLimits.lambdaEnvironmentBytes,
    );
    const config = parseRunnerConfig(evaluated.RUNNER_CONFIG);
    expect(config.tasks).toEqual(
      Object.fromEntries(names.map((n) => [n, { taskDefinition: `jobs-${n}`, container: 'app' }])),
    );
    expect(config.cluster).toBe(arn('ecs', 'cluster/jobs'));
  });

  test('synthesizes the same bytes twice', () => {
    expect(JSON.stringify(hundredTasks())).toBe(JSON.stringify(json));
  });
});
