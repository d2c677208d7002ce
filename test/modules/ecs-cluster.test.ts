import { EcsCluster, type EcsClusterProps } from '../../modules/ecs-cluster';
import { TaskRole } from '../../modules/task-role';
import { ACCOUNT, findResource, newStack, REGION, roleNamed, synth } from '../support/synth';

const KEY = `arn:aws:kms:${REGION}:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;

function cluster(props: Partial<EcsClusterProps> = {}) {
  const stack = newStack();
  const construct = new EcsCluster(stack, 'cluster', { clusterName: 'jobs', ...props });
  return { stack, cluster: construct };
}

describe('EcsCluster', () => {
  test('defaults: Container Insights enabled, both Fargate providers, all tasks on FARGATE', () => {
    const json = synth(cluster().stack);
    expect(findResource(json, 'aws_ecs_cluster', 'name', 'jobs').config).toEqual({
      name: 'jobs',
      setting: [{ name: 'containerInsights', value: 'enabled' }],
    });
    expect(Object.values(json.resource!.aws_ecs_cluster_capacity_providers)).toEqual([
      {
        cluster_name: expect.stringMatching(/^\$\{aws_ecs_cluster\.cluster_[0-9A-F]{8}\.name\}$/),
        capacity_providers: ['FARGATE', 'FARGATE_SPOT'],
        default_capacity_provider_strategy: [{ base: 0, capacity_provider: 'FARGATE', weight: 1 }],
      },
    ]);
    expect(json.resource).not.toHaveProperty('aws_cloudwatch_log_group');
  });

  test('enhanced Container Insights and a Spot-first strategy with an on-demand base', () => {
    const json = synth(
      cluster({
        containerInsights: 'enhanced',
        defaultCapacityProviderStrategy: [
          { capacityProvider: 'FARGATE', base: 1, weight: 1 },
          { capacityProvider: 'FARGATE_SPOT', weight: 3 },
        ],
      }).stack,
    );
    expect(findResource(json, 'aws_ecs_cluster', 'name', 'jobs').config.setting).toEqual([
      { name: 'containerInsights', value: 'enhanced' },
    ]);
    expect(
      Object.values(json.resource!.aws_ecs_cluster_capacity_providers)[0]
        .default_capacity_provider_strategy,
    ).toEqual([
      { base: 1, capacity_provider: 'FARGATE', weight: 1 },
      { base: 0, capacity_provider: 'FARGATE_SPOT', weight: 3 },
    ]);
  });

  test('ECS Exec: encrypted sessions logged to a log group it creates with retention', () => {
    const json = synth(
      cluster({ executeCommand: { kmsKeyArn: KEY, logRetentionDays: 30 }, tags: { team: 'jobs' } })
        .stack,
    );
    expect(findResource(json, 'aws_ecs_cluster', 'name', 'jobs').config.configuration).toEqual({
      execute_command_configuration: {
        kms_key_id: KEY,
        logging: 'OVERRIDE',
        log_configuration: {
          cloud_watch_encryption_enabled: false,
          cloud_watch_log_group_name: '/aws/ecs/jobs/execute-command',
        },
      },
    });
    expect(
      findResource(json, 'aws_cloudwatch_log_group', 'name', '/aws/ecs/jobs/execute-command')
        .config,
    ).toEqual({
      name: '/aws/ecs/jobs/execute-command',
      retention_in_days: 30,
      tags: { team: 'jobs' },
    });
  });

  test('ECS Exec with an existing log group creates none', () => {
    const json = synth(
      cluster({ executeCommand: { logGroupName: '/shared/exec', createLogGroup: false } }).stack,
    );
    expect(json.resource).not.toHaveProperty('aws_cloudwatch_log_group');
  });

  test('grantExecuteCommand gives a task role the channels, the session log group and the key, exactly', () => {
    const { stack, cluster: c } = cluster({ executeCommand: { kmsKeyArn: KEY } });
    c.grantExecuteCommand(new TaskRole(stack, 'task', { roleName: 'app-task' }));
    const statements = roleNamed(synth(stack), 'app-task').policies[0].document.Statement;
    const group = `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:/aws/ecs/jobs/execute-command`;
    expect(statements.map((s) => [s.Sid, s.Action, s.Resource])).toEqual([
      ['EcsExecChannels', expect.arrayContaining(['ssmmessages:OpenDataChannel']), ['*']],
      ['EcsExecLogsDescribe', ['logs:DescribeLogGroups'], ['*']],
      ['EcsExecLogsStreams', ['logs:DescribeLogStreams'], [`${group}:*`]],
      [
        'EcsExecLogsWrite',
        ['logs:CreateLogStream', 'logs:PutLogEvents'],
        [`${group}:log-stream:*`],
      ],
      ['EcsExecSessionDecrypt', ['kms:Decrypt'], [KEY]],
    ]);
  });

  test('rejects bad settings, every problem at once', () => {
    expect(() =>
      cluster({
        clusterName: 'jobs cluster',
        containerInsights: 'on' as never,
        defaultCapacityProviderStrategy: [
          { capacityProvider: 'EC2' as never, weight: 1001, base: 1 },
          { capacityProvider: 'FARGATE', base: 2 },
        ],
        executeCommand: { kmsKeyArn: 'alias/x', logRetentionDays: 10 },
      }),
    ).toThrow(
      [
        'test/cluster: 7 problems:',
        '  - clusterName is not allowed: received "jobs cluster"; allowed: 1 to 255 letters, digits, - and _',
        '  - containerInsights is not allowed: received "on"; allowed: "disabled", "enabled", "enhanced"',
        '  - defaultCapacityProviderStrategy[0].capacityProvider is not allowed: received "EC2"; allowed: "FARGATE", "FARGATE_SPOT"',
        '  - defaultCapacityProviderStrategy[0].weight is not allowed: received 1001; allowed: a whole number from 0 to 1000',
        '  - defaultCapacityProviderStrategy has a base on more than one capacity provider: received [{"capacityProvider":"EC2","weight":1001,"base":1},{"capacityProvider":"FARGATE","base":2}]; allowed: a base on at most one capacity provider',
        '  - executeCommand.kmsKeyArn is not an ARN: received "alias/x"; allowed: a KMS key ARN naming one exact resource, such as arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab',
        '  - executeCommand.logRetentionDays is not allowed: received 10; allowed: one of 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653 (days)',
      ].join('\n'),
    );
  });

  test('rejects a strategy with no weight and one naming a provider twice', () => {
    expect(() =>
      cluster({ defaultCapacityProviderStrategy: [{ capacityProvider: 'FARGATE', weight: 0 }] }),
    ).toThrow(/defaultCapacityProviderStrategy has no capacity provider with a weight above 0/);
    expect(() =>
      cluster({
        defaultCapacityProviderStrategy: [
          { capacityProvider: 'FARGATE' },
          { capacityProvider: 'FARGATE' },
        ],
      }),
    ).toThrow(/defaultCapacityProviderStrategy names a capacity provider twice/);
  });
});
