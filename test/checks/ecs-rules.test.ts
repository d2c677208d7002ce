import { findingsOf, stack } from './helpers';

const LOGGING = { logDriver: 'awslogs', options: { 'awslogs-group': '/ecs/app' } };
const GOOD = {
  name: 'app',
  image: 'app:1',
  readonlyRootFilesystem: true,
  logConfiguration: LOGGING,
};
const AT = 'aws_ecs_task_definition.app';

const taskDefinition = (containers: object[], extra: object = {}) =>
  stack({
    aws_ecs_task_definition: {
      app: {
        family: 'app',
        container_definitions: JSON.stringify(containers),
        execution_role_arn: '${aws_iam_role.exec.arn}',
        task_role_arn: '${aws_iam_role.task.arn}',
        ...extra,
      },
    },
  });

describe('task definitions', () => {
  test('a well-configured container passes every container rule', async () => {
    const s = taskDefinition([GOOD]);
    for (const rule of [
      'FR-ECS-CONTAINER-NO-LOGGING',
      'FR-ECS-CONTAINER-WRITABLE-ROOT',
      'FR-ECS-CONTAINER-PRIVILEGED',
      'FR-ECS-PLAINTEXT-SECRET',
      'FR-ECS-SHARED-EXECUTION-TASK-ROLE',
      'FR-ECS-CONTAINERS-UNREADABLE',
    ]) {
      expect(await findingsOf(rule, s)).toEqual([]);
    }
  });

  test('the execution role as task role is an error', async () => {
    const s = taskDefinition([GOOD], { task_role_arn: '${aws_iam_role.exec.arn}' });
    expect(await findingsOf('FR-ECS-SHARED-EXECUTION-TASK-ROLE', s)).toEqual([
      {
        ruleId: 'FR-ECS-SHARED-EXECUTION-TASK-ROLE',
        severity: 'error',
        address: AT,
        message:
          'uses ${aws_iam_role.exec.arn} as both execution_role_arn and task_role_arn: give the application its own task role',
      },
    ]);
  });

  test('a container without logging is an error', async () => {
    const s = taskDefinition([GOOD, { ...GOOD, name: 'sidecar', logConfiguration: undefined }]);
    expect(await findingsOf('FR-ECS-CONTAINER-NO-LOGGING', s)).toEqual([
      expect.objectContaining({
        severity: 'error',
        address: AT,
        message:
          'container "sidecar" has no logConfiguration: send its output to CloudWatch Logs (awslogs)',
      }),
    ]);
  });

  test('a writable root filesystem is a warning', async () => {
    const s = taskDefinition([{ ...GOOD, readonlyRootFilesystem: false }]);
    expect(await findingsOf('FR-ECS-CONTAINER-WRITABLE-ROOT', s)).toEqual([
      expect.objectContaining({
        severity: 'warning',
        message:
          'container "app" has a writable root filesystem: set readonlyRootFilesystem to true',
      }),
    ]);
  });

  test('a privileged container is an error', async () => {
    const s = taskDefinition([{ ...GOOD, privileged: true }]);
    expect(await findingsOf('FR-ECS-CONTAINER-PRIVILEGED', s)).toEqual([
      expect.objectContaining({
        severity: 'error',
        message: 'container "app" is privileged: remove privileged',
      }),
    ]);
  });

  test('credentials with literal values in environment variables are an error', async () => {
    const environment = [
      { name: 'API_KEY', value: 'abc123' },
      { name: 'aws_secret_access_key', value: 'wJalr' },
      { name: 'DB_PASSWORD', value: '${var.db_password}' },
      { name: 'TOKEN_TTL', value: '' },
      { name: 'LOG_LEVEL', value: 'debug' },
    ];
    const s = taskDefinition([{ ...GOOD, environment }]);
    expect(await findingsOf('FR-ECS-PLAINTEXT-SECRET', s)).toEqual([
      expect.objectContaining({
        severity: 'error',
        message:
          'container "app" has credentials in plain environment variables (API_KEY=[hidden] (its name says it is a credential), aws_secret_access_key=[hidden] (its name says it is a credential)): pass them as secrets (valueFrom a Secrets Manager or SSM ARN)',
      }),
    ]);
  });

  test('container definitions that are not a JSON string are an error (the checks fail closed)', async () => {
    const s = taskDefinition([], { container_definitions: '${jsonencode(local.containers)}' });
    expect(await findingsOf('FR-ECS-CONTAINERS-UNREADABLE', s)).toEqual([
      expect.objectContaining({
        severity: 'error',
        message:
          'container_definitions is not a JSON array (a Terraform expression?): its containers were not checked',
      }),
    ]);
  });
});

describe('clusters', () => {
  const cluster = (config: object) =>
    stack({ aws_ecs_cluster: { jobs: { name: 'jobs', ...config } } });

  test('without Container Insights is a warning', async () => {
    const off = cluster({ setting: [{ name: 'containerInsights', value: 'disabled' }] });
    expect(await findingsOf('FR-ECS-CLUSTER-NO-INSIGHTS', off)).toEqual([
      {
        ruleId: 'FR-ECS-CLUSTER-NO-INSIGHTS',
        severity: 'warning',
        address: 'aws_ecs_cluster.jobs',
        message: 'has Container Insights off: add setting containerInsights = enabled',
      },
    ]);
    const enhanced = cluster({ setting: { name: 'containerInsights', value: 'enhanced' } });
    expect(await findingsOf('FR-ECS-CLUSTER-NO-INSIGHTS', enhanced)).toEqual([]);
  });

  test('ECS Exec without logging is a warning', async () => {
    const exec = (logging: object) =>
      cluster({ configuration: { execute_command_configuration: logging } });
    const message =
      'does not log ECS Exec sessions: set execute_command_configuration logging to DEFAULT or OVERRIDE with a log group';
    expect(await findingsOf('FR-ECS-EXEC-NO-LOGGING', exec({ logging: 'NONE' }))).toEqual([
      expect.objectContaining({ severity: 'warning', address: 'aws_ecs_cluster.jobs', message }),
    ]);
    expect(await findingsOf('FR-ECS-EXEC-NO-LOGGING', exec({ logging: 'OVERRIDE' }))).toHaveLength(
      1,
    );
    const logged = exec({
      logging: 'OVERRIDE',
      log_configuration: { cloud_watch_log_group_name: '/x' },
    });
    expect(await findingsOf('FR-ECS-EXEC-NO-LOGGING', logged)).toEqual([]);
  });
});

describe('log groups', () => {
  test('without retention are a warning', async () => {
    const s = stack({
      aws_cloudwatch_log_group: {
        forever: { name: '/ecs/a' },
        zero: { name: '/ecs/b', retention_in_days: 0 },
        month: { name: '/ecs/c', retention_in_days: 30 },
        variable: { name: '/ecs/d', retention_in_days: '${var.retention_days}' },
      },
    });
    expect(await findingsOf('FR-LOGS-NO-RETENTION', s)).toEqual([
      {
        ruleId: 'FR-LOGS-NO-RETENTION',
        severity: 'warning',
        address: 'aws_cloudwatch_log_group.forever',
        message: 'has no retention_in_days: its events are kept forever',
      },
      expect.objectContaining({ address: 'aws_cloudwatch_log_group.zero' }),
    ]);
  });
});
