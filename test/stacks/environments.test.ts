import { Testing } from 'cdktf';
import {
  ENVIRONMENTS,
  validateEnvironment,
  type EnvironmentSettings,
} from '../../stacks/environments';
import { dev } from '../../stacks/environments/dev';
import { prod } from '../../stacks/environments/prod';
import { staging } from '../../stacks/environments/staging';
import { FargateRunnerStack } from '../../stacks/fargate-runner-stack';
import { type TerraformJson } from '../support/synth';

function synthEnvironment(settings: EnvironmentSettings): TerraformJson {
  const stack = new FargateRunnerStack(Testing.app(), settings);
  return JSON.parse(Testing.synth(stack, true)) as TerraformJson;
}

const messages = (settings: EnvironmentSettings) => validateEnvironment(settings).toMessages();

describe('environment settings validation', () => {
  test('the shipped environments are valid', () => {
    for (const settings of ENVIRONMENTS) expect(messages(settings)).toEqual([]);
    expect(ENVIRONMENTS.map((e) => e.name)).toEqual(['dev', 'staging', 'prod']);
  });

  test('reports every broken setting at once, naming the field, the value and what is allowed', () => {
    const broken: EnvironmentSettings = {
      ...staging,
      network: { type: 'subnets', vpcId: 'vpc-0a1b2c3d4e5f60718', subnetIds: ['subnet-xyz'] },
      tasks: [
        { ...staging.tasks[0], cpu: 256, memoryMiB: 4096 },
        { ...staging.tasks[1], name: 'a-very-long-task-name-that-is-far-too-long' },
      ],
      runner: { ...staging.runner, tasks: ['hello', 'nightly'], schedule: undefined },
    };
    expect(messages(broken)).toEqual([
      'network.subnetIds[0] is not allowed: received "subnet-xyz"; allowed: a subnet ID such as "subnet-0123456789abcdef0"',
      'tasks[1].name is not allowed: received "a-very-long-task-name-that-is-far-too-long"; allowed: lowercase letters, digits and -, at most 32, e.g. "report"',
      'tasks[0].memoryMiB is not allowed: received 4096; allowed: for cpu 256, one of 512, 1024, 2048 (MiB)',
      'tasks[1].name (in role name) is 75 characters long: received "fargate-runner-staging-a-very-long-task-name-that-is-far-too-long-execution"; allowed: 1 to 64 characters of letters, digits and +=,.@_-',
      'tasks[1].name (in role name) is 70 characters long: received "fargate-runner-staging-a-very-long-task-name-that-is-far-too-long-task"; allowed: 1 to 64 characters of letters, digits and +=,.@_-',
      'runner.tasks[1] names no task of this environment: received "nightly"; allowed: "hello", "a-very-long-task-name-that-is-far-too-long"',
    ]);
  });

  test('the stack refuses invalid settings with a message naming the settings file', () => {
    expect(() => new FargateRunnerStack(Testing.app(), { ...dev, logRetentionDays: 10 })).toThrow(
      /^stacks\/environments\/dev\.ts: logRetentionDays is not allowed: received 10; allowed: one of 1, 3, 5, 7, 14, 30, .* \(days\)$/,
    );
  });
});

describe('the environment stacks', () => {
  const resources = (json: TerraformJson, type: string) =>
    Object.values(json.resource?.[type] ?? {});

  test.each(ENVIRONMENTS.map((e) => [e.name, e] as const))(
    '%s has the cluster, task definitions, roles and runner',
    (_name, settings) => {
      const json = synthEnvironment(settings);
      expect(resources(json, 'aws_ecs_cluster')).toHaveLength(1);
      expect(resources(json, 'aws_ecs_task_definition').map((t) => t.family)).toEqual(
        settings.tasks.map((t) => `fargate-runner-${settings.name}-${t.name}`),
      );
      // With taskFailures, the diagnosis function and its role (test/stacks/task-failures.test.ts).
      const diagnose = settings.taskFailures
        ? [`fargate-runner-${settings.name}-task-failures-diagnose`]
        : [];
      expect(resources(json, 'aws_lambda_function').map((f) => f.function_name)).toEqual([
        `fargate-runner-${settings.name}-runner`,
        ...diagnose,
      ]);
      const roles = resources(json, 'aws_iam_role')
        .map((r) => r.name)
        .sort();
      const perTask = settings.executionRoleSharing === 'per-task';
      const expected = [
        ...(perTask ? [] : [`fargate-runner-${settings.name}-execution`]),
        `fargate-runner-${settings.name}-runner-role`,
        ...diagnose,
        ...(settings.runner.schedule ? [`fargate-runner-${settings.name}-runner-scheduler`] : []),
        ...settings.tasks.flatMap((t) => [
          ...(perTask ? [`fargate-runner-${settings.name}-${t.name}-execution`] : []),
          `fargate-runner-${settings.name}-${t.name}-task`,
        ]),
      ].sort();
      expect(roles).toEqual(expected);
    },
  );

  test('addresses are readable and have no hash suffix', () => {
    const json = synthEnvironment(prod);
    const addresses = Object.entries(json.resource!).flatMap(([type, byId]) =>
      Object.keys(byId).map((id) => `${type}.${id}`),
    );
    expect(addresses).toEqual(
      expect.arrayContaining([
        'aws_ecs_cluster.cluster',
        'aws_iam_role.task_report_execution_role_role',
        'aws_lambda_function.runner',
      ]),
    );
    for (const address of addresses) expect(address).not.toMatch(/_[0-9A-F]{8}$/);
  });

  test('dev: shared starter execution role, Spot, 7-day logs, the default VPC with an egress-only security group', () => {
    const json = synthEnvironment(dev);
    expect(resources(json, 'aws_iam_role_policy_attachment').map((a) => a.policy_arn)).toEqual([
      'arn:${data.aws_partition.current.partition}:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy',
    ]);
    expect(json.data).toMatchObject({
      aws_vpc: { default_vpc: { default: true } },
      aws_subnets: { default_subnets: {} },
    });
    expect(
      resources(json, 'aws_vpc_security_group_egress_rule').map((r) => [
        r.ip_protocol,
        r.cidr_ipv4 ?? r.cidr_ipv6,
      ]),
    ).toEqual([
      ['-1', '0.0.0.0/0'],
      ['-1', '::/0'],
    ]);
    expect(json.resource).not.toHaveProperty('aws_vpc_security_group_ingress_rule');
    expect(resources(json, 'aws_cloudwatch_log_group').map((g) => g.retention_in_days)).toEqual([
      7, 7,
    ]);
    expect(
      resources(json, 'aws_ecs_cluster_capacity_providers')[0].default_capacity_provider_strategy,
    ).toEqual([{ base: 0, capacity_provider: 'FARGATE_SPOT', weight: 1 }]);
    // Subnet IDs are known only at plan time: the configuration is encoded by Terraform.
    const runnerConfig = (
      resources(json, 'aws_lambda_function')[0].environment as {
        variables: { RUNNER_CONFIG: string };
      }
    ).variables.RUNNER_CONFIG;
    expect(runnerConfig).toMatch(
      /^\$\{jsonencode\(\{.*"subnets" = data\.aws_subnets\.default_subnets\.ids.*\}\)\}$/s,
    );
  });

  test('prod: account guard, S3 backend with a lock file, ARM64, enhanced insights, a year of logs, a DLQ', () => {
    const json = synthEnvironment(prod);
    expect(json.provider).toEqual({
      aws: [
        {
          region: 'eu-west-1',
          allowed_account_ids: ['111122223333'],
          default_tags: [
            {
              tags: {
                environment: 'prod',
                application: 'fargate-runner',
                'cost-center': 'platform',
              },
            },
          ],
        },
      ],
    });
    expect((json.terraform as { backend: unknown }).backend).toEqual({
      s3: {
        bucket: 'fargate-runner-terraform-state-111122223333',
        key: 'fargate-runner-prod/terraform.tfstate',
        region: 'eu-west-1',
        encrypt: true,
        use_lockfile: true,
      },
    });
    expect(
      resources(json, 'aws_ecs_task_definition').map(
        (t) => (t.runtime_platform as { cpu_architecture: string }).cpu_architecture,
      ),
    ).toEqual(['ARM64', 'ARM64']);
    expect(resources(json, 'aws_ecs_cluster')[0].setting).toEqual([
      { name: 'containerInsights', value: 'enhanced' },
    ]);
    expect(
      new Set(resources(json, 'aws_cloudwatch_log_group').map((g) => g.retention_in_days)),
    ).toEqual(new Set([365]));
    expect(resources(json, 'aws_sqs_queue').map((q) => q.name)).toEqual([
      'fargate-runner-prod-runner-failed',
      'fargate-runner-prod-task-failures',
    ]);
  });

  test('staging and prod: the report task pulls exactly its repository and reads exactly its secret', () => {
    for (const settings of [staging, prod]) {
      const json = synthEnvironment(settings);
      const account = settings.accountId;
      const role = Object.entries(json.resource!.aws_iam_role).find(
        ([, r]) => r.name === `fargate-runner-${settings.name}-report-execution`,
      )![0];
      const policy = Object.values(json.resource!.aws_iam_role_policy).find(
        (p) => p.role === `\${aws_iam_role.${role}.name}`,
      )!;
      const statements = JSON.parse(policy.policy as string).Statement as Array<{
        Sid: string;
        Resource: string[];
      }>;
      expect(statements.map((s) => [s.Sid, s.Resource])).toEqual([
        ['EcrAuthorizationToken', ['*']],
        ['EcrPull', [`arn:aws:ecr:eu-west-1:${account}:repository/report`]],
        [
          'LogsWrite',
          [
            `arn:\${data.aws_partition.current.partition}:logs:\${data.aws_region.current.region}:\${data.aws_caller_identity.current.account_id}:log-group:/ecs/fargate-runner-${settings.name}-report:log-stream:*`,
          ],
        ],
        [
          'SecretsRead',
          [`arn:aws:secretsmanager:eu-west-1:${account}:secret:report/db-password-AbCdEf`],
        ],
      ]);
    }
  });

  test('staging and prod keep their state in S3, encrypted, locked with a lock file', () => {
    for (const settings of [staging, prod]) {
      const terraform = synthEnvironment(settings).terraform as Record<string, unknown>;
      expect(terraform.required_version).toBe('>= 1.10');
      expect(terraform.backend).toEqual({
        s3: {
          bucket: `fargate-runner-terraform-state-${settings.accountId}`,
          key: `fargate-runner-${settings.name}/terraform.tfstate`,
          region: 'eu-west-1',
          encrypt: true,
          use_lockfile: true,
        },
      });
    }
  });

  test('the local backend keeps state in the project, by a relative path', () => {
    const json = synthEnvironment(dev);
    expect((json.terraform as { backend: unknown }).backend).toEqual({
      local: { path: '../../../terraform.fargate-runner-dev.tfstate' },
    });
  });

  test('an HCP Terraform backend uses one workspace per environment', () => {
    const json = synthEnvironment({ ...staging, backend: { type: 'cloud', organization: 'acme' } });
    expect((json.terraform as { cloud: unknown }).cloud).toEqual({
      organization: 'acme',
      workspaces: { name: 'fargate-runner-staging' },
    });
  });

  test.each(ENVIRONMENTS.map((e) => [e.name, e] as const))(
    '%s matches its reviewed snapshot (addresses and policies)',
    (_name, settings) => {
      expect(synthEnvironment(settings)).toMatchSnapshot();
    },
  );
});
