import { TerraformVariable, type TerraformStack } from 'cdktf';
import { EcsCluster } from '../../modules/ecs-cluster';
import {
  FargateTaskDefinition,
  type FargateTaskDefinitionProps,
  type ContainerDefinition,
} from '../../modules/fargate-task-definition';
import { TaskExecutionRole } from '../../modules/task-execution-role';
import { ServiceRole } from '../../src/iam/service-role';
import { TrustedServices } from '../../src/iam/trust';
import { ACCOUNT, findResource, newStack, REGION, roleNamed, synth } from '../support/synth';
import { decide } from '../support/simulate';

const IMAGE = `${ACCOUNT}.dkr.ecr.${REGION}.amazonaws.com/app:1.2`;
const REPO = `arn:aws:ecr:${REGION}:${ACCOUNT}:repository/app`;
const SECRET = `arn:aws:secretsmanager:${REGION}:${ACCOUNT}:secret:app/db-AbCdEf`;
const PARAMETER = `arn:aws:ssm:${REGION}:${ACCOUNT}:parameter/app/db-host`;

const app = (overrides: Partial<ContainerDefinition> = {}): ContainerDefinition => ({
  name: 'app',
  image: IMAGE,
  ...overrides,
});

function taskDefinition(
  props: Partial<FargateTaskDefinitionProps> = {},
  stack: TerraformStack = newStack(),
) {
  const construct = new FargateTaskDefinition(stack, props.family ?? 'report', {
    family: 'report',
    cpu: 256,
    memoryMiB: 512,
    containers: [app()],
    ...props,
  });
  return { stack, taskDefinition: construct };
}

const containerDefinitions = (stack: TerraformStack, family = 'report') =>
  JSON.parse(
    findResource(synth(stack), 'aws_ecs_task_definition', 'family', family).config
      .container_definitions as string,
  );

describe('FargateTaskDefinition: the execution role gets exactly what the containers use', () => {
  test('an ECR image and one secret: that repository, that log group, that secret, nothing else', () => {
    const { stack } = taskDefinition({
      containers: [app({ secrets: { DB_PASSWORD: `${SECRET}:password::` } })],
    });
    const role = roleNamed(synth(stack), 'report-execution');
    expect(role.managedPolicyArns).toEqual([]);
    expect(role.policies[0].document.Statement).toEqual([
      {
        Sid: 'EcrAuthorizationToken',
        Effect: 'Allow',
        Action: ['ecr:GetAuthorizationToken'],
        Resource: ['*'],
      },
      {
        Sid: 'EcrPull',
        Effect: 'Allow',
        Action: [
          'ecr:BatchCheckLayerAvailability',
          'ecr:BatchGetImage',
          'ecr:GetDownloadUrlForLayer',
        ],
        Resource: [REPO],
      },
      {
        Sid: 'LogsWrite',
        Effect: 'Allow',
        Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        Resource: [`arn:aws:logs:${REGION}:${ACCOUNT}:log-group:/ecs/report:log-stream:*`],
      },
      {
        Sid: 'SecretsRead',
        Effect: 'Allow',
        Action: ['secretsmanager:GetSecretValue'],
        Resource: [SECRET],
      },
    ]);
    const wildcards = role.policies[0].document.Statement.filter((s) => s.Resource?.includes('*'));
    expect(wildcards.map((s) => s.Action)).toEqual([['ecr:GetAuthorizationToken']]);
  });

  test('public images need no pull permission; SSM parameters and registry credentials are read exactly', () => {
    const { stack } = taskDefinition({
      containers: [
        app({
          image: 'public.ecr.aws/docker/library/busybox:1.36',
          secrets: { DB_HOST: PARAMETER },
        }),
        {
          name: 'sidecar',
          image: 'ghcr.io/acme/sidecar:2',
          essential: false,
          repositoryCredentialsSecretArn: `arn:aws:secretsmanager:${REGION}:${ACCOUNT}:secret:ghcr-AbCdEf`,
        },
      ],
    });
    const statements = roleNamed(synth(stack), 'report-execution').policies[0].document.Statement;
    expect(statements.map((s) => [s.Sid, s.Resource])).toEqual([
      ['LogsWrite', [`arn:aws:logs:${REGION}:${ACCOUNT}:log-group:/ecs/report:log-stream:*`]],
      ['ParametersRead', [PARAMETER]],
      [
        'RegistryCredentialsRead',
        [`arn:aws:secretsmanager:${REGION}:${ACCOUNT}:secret:ghcr-AbCdEf`],
      ],
    ]);
  });

  test('a shared execution role is the union of its task definitions, nothing more', () => {
    const stack = newStack();
    const shared = new TaskExecutionRole(stack, 'shared', { roleName: 'jobs-execution' });
    taskDefinition(
      { family: 'report', executionRole: shared, containers: [app({ secrets: { A: SECRET } })] },
      stack,
    );
    taskDefinition(
      {
        family: 'cleanup',
        executionRole: shared,
        containers: [app({ image: `${ACCOUNT}.dkr.ecr.${REGION}.amazonaws.com/cleanup:3` })],
      },
      stack,
    );
    const json = synth(stack);
    expect(
      roleNamed(json, 'jobs-execution').policies[0].document.Statement.map((s) => [
        s.Sid,
        s.Resource,
      ]),
    ).toEqual([
      ['EcrAuthorizationToken', ['*']],
      ['EcrPull', [REPO, `arn:aws:ecr:${REGION}:${ACCOUNT}:repository/cleanup`]],
      [
        'LogsWrite',
        [
          `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:/ecs/cleanup:log-stream:*`,
          `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:/ecs/report:log-stream:*`,
        ],
      ],
      ['SecretsRead', [SECRET]],
    ]);
    expect(Object.keys(json.resource!.aws_iam_role).length).toBe(3); // the shared role and two task roles
  });

  test('starter mode attaches the managed policy and grants only the secrets', () => {
    const { stack } = taskDefinition({
      executionRolePolicyMode: 'starter',
      containers: [app({ secrets: { A: SECRET } })],
    });
    const role = roleNamed(synth(stack), 'report-execution');
    expect(role.managedPolicyArns).toEqual([
      'arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy',
    ]);
    expect(role.policies[0].document.Statement.map((s) => s.Sid)).toEqual(['SecretsRead']);
  });

  test('customer managed keys of the secrets are decrypted only through Secrets Manager', () => {
    const key = `arn:aws:kms:${REGION}:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
    const { stack } = taskDefinition({
      containers: [app({ secrets: { A: SECRET } })],
      secretsKmsKeyArns: [key],
    });
    const statement = roleNamed(
      synth(stack),
      'report-execution',
    ).policies[0].document.Statement.find((s) => s.Sid === 'KmsDecrypt');
    expect(statement).toEqual({
      Sid: 'KmsDecrypt',
      Effect: 'Allow',
      Action: ['kms:Decrypt'],
      Resource: [key],
      Condition: { StringEquals: { 'kms:ViaService': [`secretsmanager.${REGION}.amazonaws.com`] } },
    });
  });

  test('an image given as a Terraform expression is pulled from the repositoryArn given with it', () => {
    const stack = newStack();
    const image = new TerraformVariable(stack, 'image', { type: 'string' });
    taskDefinition({ containers: [app({ image: image.stringValue, repositoryArn: REPO })] }, stack);
    expect(
      roleNamed(synth(stack), 'report-execution').policies[0].document.Statement[1].Resource,
    ).toEqual([REPO]);
  });
});

describe('FargateTaskDefinition resources', () => {
  test('the task definition: Fargate, awsvpc, Linux, the two roles, sizes as strings', () => {
    const { stack } = taskDefinition({
      cpu: 1024,
      memoryMiB: 3072,
      cpuArchitecture: 'ARM64',
      ephemeralStorageGiB: 50,
      tags: { team: 'reports' },
    });
    const json = synth(stack);
    const { config } = findResource(json, 'aws_ecs_task_definition', 'family', 'report');
    const execution = roleNamed(json, 'report-execution');
    const task = roleNamed(json, 'report-task');
    expect({ ...config, container_definitions: undefined }).toEqual({
      family: 'report',
      cpu: '1024',
      memory: '3072',
      network_mode: 'awsvpc',
      requires_compatibilities: ['FARGATE'],
      runtime_platform: { cpu_architecture: 'ARM64', operating_system_family: 'LINUX' },
      ephemeral_storage: { size_in_gib: 50 },
      execution_role_arn: `\${aws_iam_role.${execution.id}.arn}`,
      task_role_arn: `\${aws_iam_role.${task.id}.arn}`,
      tags: { team: 'reports' },
      container_definitions: undefined,
    });
    expect(findResource(json, 'aws_cloudwatch_log_group', 'name', '/ecs/report').config).toEqual({
      name: '/ecs/report',
      retention_in_days: 30,
      tags: { team: 'reports' },
    });
  });

  test('container definitions: secure defaults, awslogs to the task log group, sorted variables', () => {
    const { stack } = taskDefinition({
      containers: [
        app({
          command: ['report', '--daily'],
          environment: { ZONE: 'eu', MODE: 'daily', SECRET_ARN: SECRET },
          secrets: { DB_PASSWORD: SECRET, API_TOKEN: PARAMETER },
          portMappings: [{ containerPort: 8080, name: 'http' }],
          healthCheck: {
            command: ['CMD-SHELL', 'curl -f http://localhost:8080/ || exit 1'],
            retries: 5,
          },
          user: '1000:1000',
          stopTimeoutSeconds: 60,
          ulimits: [{ name: 'nofile', softLimit: 4096, hardLimit: 8192 }],
          initProcessEnabled: true,
        }),
      ],
    });
    expect(containerDefinitions(stack)).toEqual([
      {
        name: 'app',
        image: IMAGE,
        essential: true,
        command: ['report', '--daily'],
        environment: [
          { name: 'MODE', value: 'daily' },
          { name: 'SECRET_ARN', value: SECRET },
          { name: 'ZONE', value: 'eu' },
        ],
        secrets: [
          { name: 'API_TOKEN', valueFrom: PARAMETER },
          { name: 'DB_PASSWORD', valueFrom: SECRET },
        ],
        portMappings: [{ containerPort: 8080, hostPort: 8080, protocol: 'tcp', name: 'http' }],
        healthCheck: {
          command: ['CMD-SHELL', 'curl -f http://localhost:8080/ || exit 1'],
          interval: 30,
          timeout: 5,
          retries: 5,
          startPeriod: 0,
        },
        readonlyRootFilesystem: true,
        user: '1000:1000',
        stopTimeout: 60,
        ulimits: [{ name: 'nofile', softLimit: 4096, hardLimit: 8192 }],
        linuxParameters: { initProcessEnabled: true },
        logConfiguration: {
          logDriver: 'awslogs',
          options: {
            'awslogs-group': '/ecs/report',
            'awslogs-region': '${data.aws_region.current.region}',
            'awslogs-stream-prefix': 'report',
          },
        },
      },
    ]);
  });

  test('an existing log group is written to and not created', () => {
    const { stack } = taskDefinition({
      logging: { logGroupName: '/shared/jobs', streamPrefix: 'jobs' },
    });
    const json = synth(stack);
    expect(json.resource).not.toHaveProperty('aws_cloudwatch_log_group');
    expect(roleNamed(json, 'report-execution').policies[0].document.Statement[2].Resource).toEqual([
      `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:/shared/jobs:log-stream:*`,
    ]);
  });

  test('the task role gets the permissions given for it', () => {
    const { stack } = taskDefinition({
      taskRolePermissions: { snsPublishTopicArns: [`arn:aws:sns:${REGION}:${ACCOUNT}:done`] },
    });
    expect(
      roleNamed(synth(stack), 'report-task').policies[0].document.Statement.map((s) => s.Sid),
    ).toEqual(['SnsPublish']);
  });
});

describe('FargateTaskDefinition.grantRun', () => {
  function runner() {
    const stack = newStack();
    const cluster = new EcsCluster(stack, 'cluster', { clusterName: 'jobs' });
    const { taskDefinition: report } = taskDefinition({}, stack);
    const role = new ServiceRole(stack, 'runner', {
      roleName: 'runner',
      assumedBy: TrustedServices.lambda,
    });
    const grant = report.grantRun(role, cluster);
    return { stack, grant, role };
  }

  test('RunTask on every revision of the family in the cluster; PassRole of exactly the two roles to ECS tasks', () => {
    const { stack } = runner();
    expect(roleNamed(synth(stack), 'runner').policies[0].document.Statement).toEqual([
      {
        Sid: 'PassTaskRoles',
        Effect: 'Allow',
        Action: ['iam:PassRole'],
        Resource: [
          `arn:aws:iam::${ACCOUNT}:role/report-execution`,
          `arn:aws:iam::${ACCOUNT}:role/report-task`,
        ],
        Condition: { StringEquals: { 'iam:PassedToService': 'ecs-tasks.amazonaws.com' } },
      },
      {
        Sid: 'RunTask',
        Effect: 'Allow',
        Action: ['ecs:RunTask'],
        Resource: [`arn:aws:ecs:${REGION}:${ACCOUNT}:task-definition/report:*`],
        Condition: {
          ArnEquals: { 'ecs:cluster': `arn:aws:ecs:${REGION}:${ACCOUNT}:cluster/jobs` },
        },
      },
    ]);
  });

  test('returns what it granted', () => {
    const { grant, role } = runner();
    expect(grant.principal).toBe(role);
    expect(grant.statements.map((s) => s.sid)).toEqual(['RunTask', 'PassTaskRoles']);
  });

  test('allows running this family in this cluster and nothing beside it', async () => {
    const policies = roleNamed(synth(runner().stack), 'runner').policies.map((p) => p.document);
    const cluster = (name: string) => `arn:aws:ecs:${REGION}:${ACCOUNT}:cluster/${name}`;
    const run = (family: string, clusterName: string) =>
      decide(policies, {
        action: 'ecs:RunTask',
        resource: `arn:aws:ecs:${REGION}:${ACCOUNT}:task-definition/${family}`,
        context: { 'ecs:cluster': cluster(clusterName) },
      });
    const pass = (role: string, service: string) =>
      decide(policies, {
        action: 'iam:PassRole',
        resource: `arn:aws:iam::${ACCOUNT}:role/${role}`,
        context: { 'iam:PassedToService': service },
      });

    expect(await run('report:7', 'jobs')).toBe('Allowed');
    expect(await run('report:7', 'other')).toBe('ImplicitlyDenied');
    expect(await run('report-admin:1', 'jobs')).toBe('ImplicitlyDenied');
    expect(await run('cleanup:1', 'jobs')).toBe('ImplicitlyDenied');
    expect(await pass('report-execution', 'ecs-tasks.amazonaws.com')).toBe('Allowed');
    expect(await pass('report-task', 'ecs-tasks.amazonaws.com')).toBe('Allowed');
    expect(await pass('admin', 'ecs-tasks.amazonaws.com')).toBe('ImplicitlyDenied');
    expect(await pass('report-task', 'lambda.amazonaws.com')).toBe('ImplicitlyDenied');
    expect(await decide(policies, { action: 'ecs:RegisterTaskDefinition', resource: '*' })).toBe(
      'ImplicitlyDenied',
    );
  });
});

describe('FargateTaskDefinition validation', () => {
  test('cpu 256 with memory 4096 lists the valid memory values 512, 1024 and 2048', () => {
    expect(() => taskDefinition({ cpu: 256, memoryMiB: 4096 })).toThrow(
      'test/report: memoryMiB is not a Fargate memory size for cpu 256: received 4096; allowed: for cpu 256, one of 512, 1024, 2048 (MiB)',
    );
  });

  test('an unknown cpu lists the valid cpu sizes', () => {
    expect(() => taskDefinition({ cpu: 300 })).toThrow(
      /cpu is not a Fargate CPU size: received 300; allowed: one of 256, 512, 1024, 2048, 4096, 8192, 16384/,
    );
  });

  test('family and container names', () => {
    expect(() => taskDefinition({ family: 'report job' })).toThrow(
      /family is not allowed: received "report job"; allowed: 1 to 255 letters, digits, - and _/,
    );
    expect(() => taskDefinition({ containers: [app({ name: 'app.v2' })] })).toThrow(
      /containers\[0\]\.name is not allowed: received "app.v2"/,
    );
  });

  test("a container's user and working directory", () => {
    expect(() =>
      taskDefinition({ containers: [app({ user: 'app user', workingDirectory: 'srv' })] }),
    ).toThrow(
      /containers\[0\]\.user is not allowed: received "app user"; allowed: a user name or UID[^\n]*\n.*containers\[0\]\.workingDirectory is not allowed: received "srv"; allowed: an absolute path/s,
    );
    expect(() =>
      taskDefinition({ containers: [app({ user: '1000:1000', workingDirectory: '/srv' })] }),
    ).not.toThrow();
  });

  test('more than 10 containers, duplicate names, no essential container', () => {
    const many = Array.from({ length: 11 }, (_, i) => app({ name: `c${i}` }));
    expect(() => taskDefinition({ containers: many })).toThrow(
      /containers is not allowed: received "11 containers"; allowed: 1 to 10 containers/,
    );
    expect(() => taskDefinition({ containers: [app(), app()] })).toThrow(
      /containers has duplicate container names: received \["app"\]/,
    );
    expect(() => taskDefinition({ containers: [app({ essential: false })] })).toThrow(
      /containers has no essential container/,
    );
  });

  test('dependsOn an unknown container, and a cycle', () => {
    expect(() =>
      taskDefinition({
        containers: [app({ dependsOn: [{ containerName: 'db', condition: 'HEALTHY' }] })],
      }),
    ).toThrow(
      /containers\[0\]\.dependsOn\[0\]\.containerName names no container of this task definition: received "db"; allowed: "app"/,
    );
    expect(() =>
      taskDefinition({
        containers: [
          app({ dependsOn: [{ containerName: 'b', condition: 'START' }] }),
          app({ name: 'b', dependsOn: [{ containerName: 'c', condition: 'START' }] }),
          app({ name: 'c', dependsOn: [{ containerName: 'app', condition: 'HEALTHY' }] }),
        ],
      }),
    ).toThrow(/containers\.dependsOn forms a cycle: received "app -> b -> c -> app"/);
  });

  test('a secret of the wrong service', () => {
    expect(() => taskDefinition({ containers: [app({ secrets: { DB: REPO } })] })).toThrow(
      /containers\[0\]\.secrets\["DB"\] is an ARN of service "ecr", not a Secrets Manager secret or SSM parameter ARN/,
    );
  });

  test.each([
    'DB_PASSWORD',
    'db_passwd',
    'CLIENT_SECRET',
    'GITHUB_TOKEN',
    'STRIPE_API_KEY',
    'apikey',
    'SSH_PRIVATE_KEY',
    'AWS_ACCESS_KEY_ID',
  ])('a literal value in %s is refused, telling to use secrets, without echoing it', (name) => {
    let message = '';
    try {
      taskDefinition({ containers: [app({ environment: { [name]: 'hunter2' } })] });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toContain(
      `containers[0].environment["${name}"] looks like a credential held in a plain environment variable`,
    );
    expect(message).toContain(
      `move it to secrets: { ${name}: '<Secrets Manager secret ARN or SSM parameter ARN>' }`,
    );
    expect(message).not.toContain('hunter2');
  });

  test('credential-like names may hold ARNs (a reference, not a credential) and plain names literal values', () => {
    expect(() =>
      taskDefinition({
        containers: [app({ environment: { DB_SECRET_ARN: SECRET, LOG_LEVEL: 'info' } })],
      }),
    ).not.toThrow();
  });

  test('health check ranges, ports, stop timeout, ephemeral storage, ulimits', () => {
    expect(() =>
      taskDefinition({
        ephemeralStorageGiB: 20,
        containers: [
          app({
            healthCheck: {
              command: [],
              intervalSeconds: 4,
              timeoutSeconds: 121,
              retries: 11,
              startPeriodSeconds: 301,
            },
            portMappings: [{ containerPort: 70000 }],
            stopTimeoutSeconds: 121,
            ulimits: [{ name: 'nofile', softLimit: 10, hardLimit: 5 }],
          }),
        ],
      }),
    ).toThrow(
      [
        'test/report: 9 problems:',
        '  - ephemeralStorageGiB is not allowed: received 20; allowed: a whole number from 21 to 200',
        '  - containers[0].portMappings[0].containerPort is not allowed: received 70000; allowed: a whole number from 1 to 65535',
        '  - containers[0].healthCheck.command is not allowed: received []; allowed: a non-empty command, e.g. ["CMD-SHELL", "curl -f http://localhost/ || exit 1"]',
        '  - containers[0].healthCheck.intervalSeconds is not allowed: received 4; allowed: a whole number from 5 to 300',
        '  - containers[0].healthCheck.timeoutSeconds is not allowed: received 121; allowed: a whole number from 2 to 120',
        '  - containers[0].healthCheck.retries is not allowed: received 11; allowed: a whole number from 1 to 10',
        '  - containers[0].healthCheck.startPeriodSeconds is not allowed: received 301; allowed: a whole number from 0 to 300',
        '  - containers[0].stopTimeoutSeconds is not allowed: received 121; allowed: a whole number from 2 to 120',
        '  - containers[0].ulimits[0] has a soft limit above its hard limit: received {"name":"nofile","softLimit":10,"hardLimit":5}; allowed: softLimit ≤ hardLimit',
      ].join('\n'),
    );
  });

  test('a malformed image', () => {
    expect(() => taskDefinition({ containers: [app({ image: 'App:latest' })] })).toThrow(
      /containers\[0\]\.image has a malformed repository "App"/,
    );
  });

  test('generated role names over 64 characters', () => {
    expect(() => taskDefinition({ family: 'a'.repeat(60) })).toThrow(
      /executionRoleName is 70 characters long/,
    );
  });

  test('the execution role is never the task role', () => {
    expect(() =>
      taskDefinition({ executionRoleName: 'report-role', taskRoleName: 'report-role' }),
    ).toThrow(
      /taskRole is the execution role: received "report-role"; allowed: a task role distinct from the execution role/,
    );
  });

  test('settings of a created role next to a given role', () => {
    const stack = newStack();
    const shared = new TaskExecutionRole(stack, 'shared', {
      roleName: 'jobs-execution',
      usesPublicImages: true,
    });
    expect(() =>
      taskDefinition({ executionRole: shared, executionRolePolicyMode: 'starter' }, stack),
    ).toThrow(/executionRolePolicyMode is set together with executionRole/);
  });
});

test('a password put where a secret ARN belongs is not echoed in the error', () => {
  const run = () =>
    taskDefinition({ containers: [app({ secrets: { DB_PASSWORD: 'hunter2-pw' } })] });
  expect(run).toThrow(
    /containers\[0\]\.secrets\["DB_PASSWORD"\] is not an ARN: received \[hidden\]; allowed: a Secrets Manager secret ARN/,
  );
  expect(run).not.toThrow(/hunter2/);
});
