import { Fn } from 'cdktf';
import { TaskExecutionRole } from '../../modules/task-execution-role';
import { TaskFailures } from '../../modules/task-failures';
import { TaskRole } from '../../modules/task-role';
import { AwsContext } from '../../src/aws/context';
import { ServiceRole } from '../../src/iam/service-role';
import { TrustedServices } from '../../src/iam/trust';
import { buildRunner } from '../support/runner';
import { decide } from '../support/simulate';
import { ACCOUNT, newStack, roleNamed, synth } from '../support/synth';

/**
 * Every public method that builds a grant from an ARN or a name refuses wildcards, the wrong
 * service and the wrong resource type, naming the construct path, the argument, the value and
 * what is allowed; PassRole and RunTask are never granted on a pattern. Near misses (the right
 * shape, one character off) are refused too.
 */

describe('ServiceRole.grantPassRole', () => {
  const roles = (path?: string) => {
    const stack = newStack();
    const role = new ServiceRole(stack, 'app', {
      roleName: 'jobs-app',
      assumedBy: TrustedServices.ecsTasks,
      ...(path !== undefined && { path }),
    });
    const caller = new ServiceRole(stack, 'caller', {
      roleName: 'jobs-caller',
      assumedBy: TrustedServices.lambda,
    });
    return { stack, role, caller };
  };

  test('grants PassRole of exactly this role, only to the service that assumes it', async () => {
    const { stack, role, caller } = roles('/ecs/');
    const grant = role.grantPassRole(caller);
    expect(grant.principal).toBe(caller);
    const { policies } = roleNamed(synth(stack), 'jobs-caller');
    expect(policies).toEqual([
      {
        name: 'permissions',
        document: {
          Version: '2012-10-17',
          Statement: [
            {
              Sid: 'PassRole',
              Effect: 'Allow',
              Action: ['iam:PassRole'],
              Resource: [`arn:aws:iam::${ACCOUNT}:role/ecs/jobs-app`],
              Condition: { StringEquals: { 'iam:PassedToService': 'ecs-tasks.amazonaws.com' } },
            },
          ],
        },
      },
    ]);
    const documents = policies.map((p) => p.document);
    const pass = (resource: string, service: string) =>
      decide(documents, {
        action: 'iam:PassRole',
        resource,
        context: { 'iam:PassedToService': service },
      });
    const arn = `arn:aws:iam::${ACCOUNT}:role/ecs/jobs-app`;
    expect(await pass(arn, 'ecs-tasks.amazonaws.com')).toBe('Allowed');
    expect(await pass(arn, 'lambda.amazonaws.com')).toBe('ImplicitlyDenied');
    expect(
      await pass(`arn:aws:iam::${ACCOUNT}:role/ecs/jobs-app2`, 'ecs-tasks.amazonaws.com'),
    ).toBe('ImplicitlyDenied');
    expect(await pass(`arn:aws:iam::${ACCOUNT}:role/jobs-app`, 'ecs-tasks.amazonaws.com')).toBe(
      'ImplicitlyDenied',
    );
  });

  test('TaskExecutionRole and TaskRole pass only themselves, only to ECS tasks', () => {
    const stack = newStack();
    const exec = new TaskExecutionRole(stack, 'exec', {
      roleName: 'jobs-exec',
      usesPublicImages: true,
    });
    const task = new TaskRole(stack, 'task', { roleName: 'jobs-task' });
    const caller = new ServiceRole(stack, 'caller', {
      roleName: 'jobs-caller',
      assumedBy: TrustedServices.lambda,
    });
    exec.grantPassRole(caller);
    task.grantPassRole(caller);
    const [policy] = roleNamed(synth(stack), 'jobs-caller').policies;
    expect(policy.document.Statement).toEqual([
      {
        Sid: 'PassRole',
        Effect: 'Allow',
        Action: ['iam:PassRole'],
        Resource: [
          `arn:aws:iam::${ACCOUNT}:role/jobs-exec`,
          `arn:aws:iam::${ACCOUNT}:role/jobs-task`,
        ],
        Condition: { StringEquals: { 'iam:PassedToService': 'ecs-tasks.amazonaws.com' } },
      },
    ]);
  });

  test.each([
    ['/*/', 'contains a wildcard, which would make the role ARN a pattern'],
    ['/ecs?/', 'contains a wildcard, which would make the role ARN a pattern'],
  ])('a role path of %s is refused: PassRole of its ARN would be a pattern', (path, reason) => {
    expect(() => roles(path)).toThrow(
      `test/app: path ${reason}: received ${JSON.stringify(path)}; allowed: "/" or a path that starts and ends with "/", up to 512 printable ASCII characters other than * and ?, e.g. "/ecs/"`,
    );
  });
});

describe('ServiceRole.addManagedPolicy', () => {
  const role = (stack = newStack()) =>
    new ServiceRole(stack, 'app', { roleName: 'jobs-app', assumedBy: TrustedServices.ecsTasks });
  const ALLOWED =
    'allowed: an IAM managed policy ARN naming one exact resource, such as arn:aws:iam::aws:policy/ReadOnlyAccess';

  test.each([
    ['*', 'contains a wildcard (name the exact resource)'],
    ['arn:aws:iam::aws:policy/*', 'contains a wildcard (name the exact resource)'],
    ['arn:aws:s3:::jobs-bucket', 'is an ARN of service "s3", not an IAM managed policy ARN'],
    [
      'arn:aws:iam::123456789012:role/jobs-app',
      'is not an IAM managed policy ARN (resource part "role/jobs-app")',
    ],
    ['arn:aws:iam::12345678901:policy/jobs', 'has no valid 12-digit account ID ("12345678901")'],
  ])('refuses %s', (arn, reason) => {
    expect(() => role().addManagedPolicy(arn, 'given')).toThrow(
      `test/app: addManagedPolicy(policyArn) ${reason}: received ${JSON.stringify(arn)}; ${ALLOWED}`,
    );
  });

  test('accepts an exact policy ARN, also one built from the partition', () => {
    const stack = newStack();
    const r = role(stack);
    r.addManagedPolicy('arn:aws:iam::123456789012:policy/jobs-read');
    r.addManagedPolicy(AwsContext.of(r).awsManagedPolicyArn('ReadOnlyAccess'), 'ReadOnly');
    expect(roleNamed(synth(stack), r.roleName).managedPolicyArns.sort()).toEqual([
      'arn:aws:iam::123456789012:policy/jobs-read',
      'arn:aws:iam::aws:policy/ReadOnlyAccess',
    ]);
  });
});

describe('grants from ARNs assembled from Terraform references', () => {
  const exec = () => {
    const stack = newStack();
    return new TaskExecutionRole(stack, 'exec', { roleName: 'jobs-exec' });
  };
  const here = (service: string, resource: string, role: TaskExecutionRole) =>
    AwsContext.of(role).arn(service, resource);

  test('a repository pattern built from the account and region is refused', () => {
    const role = exec();
    expect(() => role.grantPull(here('ecr', 'repository/*', role))).toThrow(
      /^test\/exec: grantPull\(repositoryArn\) contains a wildcard \(name the exact resource\): received ".*"; allowed: an ECR repository ARN naming one exact resource/,
    );
  });

  test('a KMS alias or another service built from references is refused', () => {
    const role = exec();
    expect(() => role.grantDecrypt(here('kms', 'alias/jobs', role))).toThrow(
      /grantDecrypt\(kmsKeyArn\) is not a KMS key ARN \(resource part "alias\/jobs"\)/,
    );
    expect(() => role.grantPull(here('s3', 'repository/jobs', role))).toThrow(
      /grantPull\(repositoryArn\) is an ARN of service "s3", not an ECR repository ARN/,
    );
  });

  test('an exact ARN built from references, or a whole reference, is granted', () => {
    const role = exec();
    role.grantPull(here('ecr', 'repository/jobs', role));
    role.grantPull(Fn.element(['x'], 0) as string);
    expect(role.statements.find((s) => s.sid === 'EcrPull')?.resources).toHaveLength(2);
  });

  test('a secret or parameter pattern around a reference is refused, an exact one granted', () => {
    const role = exec();
    const secrets = here('secretsmanager', 'secret:reports/*', role);
    expect(() => role.grantSecretRead(secrets)).toThrow(
      /^test\/exec: grantSecretRead\(secretOrParameterArn\) contains a wildcard \(name the exact secret\): received ".*secret:reports\/\*"; allowed: a Secrets Manager secret ARN/,
    );
    expect(() => role.grantRegistryCredentials(`${Fn.element(['x'], 0)}-??????`)).toThrow(
      /grantRegistryCredentials\(secretArn\) contains a wildcard/,
    );
    const task = new TaskRole(role.node.scope as never, 'task', { roleName: 'jobs-task' });
    expect(() => task.grantSecretRead(here('secretsmanager', 'secret:*', role))).toThrow(
      /^test\/task: grantSecretRead\(secretArn\) contains a wildcard/,
    );
    const exact = here('secretsmanager', 'secret:reports/db-AbCdEf', role);
    role.grantSecretRead(exact);
    expect(role.statements.find((s) => s.sid === 'SecretsRead')?.resources).toEqual([exact]);
  });

  test('a log group pattern around a reference is refused', () => {
    const role = exec();
    expect(() => role.grantLogWrite(`/ecs/${Fn.element(['x'], 0)}*`)).toThrow(
      /^test\/exec: grantLogWrite\(logGroupName\) contains a wildcard: received "\/ecs\/.*\*"; allowed: a log group name/,
    );
  });

  test('a task role grant on a bucket pattern built from a reference is refused', () => {
    const stack = newStack();
    const role = new TaskRole(stack, 'task', { roleName: 'jobs-task' });
    const context = AwsContext.of(role);
    expect(() => role.grantSnsPublish(context.arn('sns', '*'))).toThrow(
      /test\/task: grantSnsPublish\(topicArn\) contains a wildcard/,
    );
  });
});

describe('objects passed where a construct is expected', () => {
  test('a cluster whose name holds a wildcard is refused before any statement uses it', () => {
    const cluster = {
      clusterName: '*',
      arnForPolicies: 'arn:aws:ecs:eu-west-1:123456789012:cluster/jobs',
    };
    expect(() => buildRunner({ cluster })).toThrow(
      'test/runner: cluster.clusterName is not allowed: received "*"; allowed: 1 to 255 letters, digits, - and _',
    );
  });

  test('a cluster of another resource type is refused', () => {
    const cluster = {
      clusterName: 'jobs',
      arnForPolicies: 'arn:aws:ecs:eu-west-1:123456789012:service/jobs/web',
    };
    expect(() => buildRunner({ cluster })).toThrow(
      'test/runner: cluster.arnForPolicies is not an ECS cluster ARN (resource part "service/jobs/web"): received "arn:aws:ecs:eu-west-1:123456789012:service/jobs/web"; allowed: an ECS cluster ARN naming one exact resource, such as arn:aws:ecs:eu-west-1:123456789012:cluster/my-cluster',
    );
  });

  test("a task whose family or container is a pattern is refused in the runner's configuration", () => {
    expect(() =>
      buildRunner(({ task }) => ({
        tasks: {
          report: Object.assign(Object.create(task) as typeof task, {
            family: 'jobs-*',
            overrideContainerName: 'app?',
          }),
        },
      })),
    ).toThrow(
      [
        'test/runner: 2 problems:',
        '  - tasks.report.family is not allowed: received "jobs-*"; allowed: 1 to 255 letters, digits, - and _',
        '  - tasks.report.overrideContainerName is not allowed: received "app?"; allowed: 1 to 255 letters, digits, - and _',
      ].join('\n'),
    );
  });

  test('the task failure rule refuses a cluster pattern, which would capture nothing', () => {
    const stack = newStack();
    expect(
      () =>
        new TaskFailures(stack, 'failures', {
          name: 'jobs-failures',
          cluster: { clusterName: 'jobs', arnForPolicies: 'arn:aws:ecs:eu-west-1:*:cluster/jobs' },
          taskGroup: 'runner:jobs',
        }),
    ).toThrow(
      /^test\/failures: cluster\.arnForPolicies contains a wildcard \(name the exact resource\): received "arn:aws:ecs:eu-west-1:\*:cluster\/jobs"/,
    );
  });
});

describe('statements never allow PassRole or RunTask on a pattern', () => {
  const taskRole = (statements: ConstructorParameters<typeof TaskRole>[2]['statements']) =>
    new TaskRole(newStack(), 'task', { roleName: 'jobs-task', statements });
  const ALLOWED =
    'allowed: exact resource ARNs where iam:PassRole or ecs:RunTask is allowed (a role ARN, task-definition/<family>:*): they are never granted on a pattern; narrow the actions or name the resources';

  test.each<[string, string[], string, string]>([
    ['PassRole on *', ['iam:PassRole'], '*', 'iam:PassRole (through "iam:PassRole")'],
    [
      'iam:* on role/*',
      ['iam:*'],
      `arn:aws:iam::${ACCOUNT}:role/*`,
      'iam:PassRole (through "iam:*")',
    ],
    [
      'iam:pass* (any case)',
      ['iam:pass*'],
      `arn:aws:iam::${ACCOUNT}:role/app-?`,
      'iam:PassRole (through "iam:pass*")',
    ],
    ['* on *', ['*'], '*', 'iam:PassRole and ecs:RunTask (through "*")'],
    [
      'RunTask on every family',
      ['ecs:RunTask'],
      `arn:aws:ecs:eu-west-1:${ACCOUNT}:task-definition/*`,
      'ecs:RunTask (through "ecs:RunTask")',
    ],
    [
      'RunTask on a family prefix',
      ['ecs:Run*'],
      `arn:aws:ecs:eu-west-1:${ACCOUNT}:task-definition/jobs-*:*`,
      'ecs:RunTask (through "ecs:Run*")',
    ],
  ])('%s is refused, naming the statement and the resource', (_name, actions, resource, via) => {
    expect(() => taskRole([{ sid: 'Extra', actions, resources: [resource] }])).toThrow(
      `test/task: statements[0].resources[0] is a pattern, and the statement allows ${via}: received ${JSON.stringify(resource)}; ${ALLOWED}`,
    );
  });

  test('exact roles, one family (every revision), Deny statements and other actions pass', () => {
    const role = taskRole([
      { sid: 'Pass', actions: ['iam:PassRole'], resources: [`arn:aws:iam::${ACCOUNT}:role/app`] },
      {
        sid: 'Run',
        actions: ['ecs:RunTask'],
        resources: [`arn:aws:ecs:eu-west-1:${ACCOUNT}:task-definition/jobs-report:*`],
      },
      { sid: 'DenyAll', effect: 'Deny', actions: ['*'], resources: ['*'] },
      { sid: 'Read', actions: ['s3:GetObject'], resources: ['arn:aws:s3:::reports/*'] },
    ]);
    expect(role.roleName).toBe('jobs-task');
  });

  test('the same holds for addToPolicy and for any grant to a ServiceRole', () => {
    const role = taskRole(undefined);
    expect(() =>
      role.addToPolicy({ sid: 'Pass', actions: ['iam:PassRole'], resources: ['*'] }),
    ).toThrow(/^test\/task: addToPolicy\(statement\)\[0\]\.resources\[0\] is a pattern/);
    expect(() =>
      role.role.addToPrincipalPolicy({ sid: 'Pass', actions: ['iam:PassRole'], resources: ['*'] }),
    ).toThrow(/^test\/task\/Role: addToPrincipalPolicy\(statement\)\.resources\[0\] is a pattern/);
  });
});
