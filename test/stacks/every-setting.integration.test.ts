import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { checkPlans } from '../../src/checks/engine';
import { type PlanJson } from '../../src/review/plan-json';
import { synthesizeAtomically } from '../../src/synth-output';
import { validateEnvironment, type EnvironmentSettings } from '../../stacks/environments';
import { prod } from '../../stacks/environments/prod';
import { FargateRunnerStack } from '../../stacks/fargate-runner-stack';
import { initWithLocalState, terraform } from '../support/terraform';
import { CONTAINER_SETTINGS } from './settings-fixtures';

/**
 * An environment with every optional setting set, as a platform team might: real Terraform
 * (through the stand-in provider) validates and plans what it synthesizes, and the security
 * checks find no error in the plan. The settings tests show each setting reaching its resource;
 * this shows them together make a configuration Terraform accepts.
 */
jest.setTimeout(180_000);

const KEY = 'arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab';
const [hello, report] = prod.tasks;
const EVERYTHING: EnvironmentSettings = {
  ...prod,
  roles: {
    path: '/fargate-runner/',
    permissionsBoundaryArn: 'arn:aws:iam::111122223333:policy/boundary',
  },
  executeCommand: { kmsKeyArn: KEY, logKmsKeyArn: KEY, logRetentionDays: 30 },
  tasks: [
    hello,
    {
      ...report,
      ...CONTAINER_SETTINGS,
      image: 'registry.example.com/team/report:1.4.2',
      registryCredentialsSecretArn:
        'arn:aws:secretsmanager:eu-west-1:111122223333:secret:registry-login-AbCdEf',
      logKmsKeyArn: KEY,
      ephemeralStorageGiB: 50,
      secretsKmsKeyArns: [KEY],
      taskRole: { ...report.taskRole, enableExecuteCommand: true },
    },
  ],
  runner: {
    ...prod.runner,
    architecture: 'x86_64',
    runtime: 'nodejs24.x',
    tracing: 'Active',
    maximumRetryAttempts: 1,
    maximumEventAgeSeconds: 3600,
    allowDescribeTasks: true,
    eventTrigger: {
      pattern: { source: ['aws.s3'], 'detail-type': ['Object Created'] },
      input: { task: 'report' },
    },
    reservedConcurrency: 5,
    memoryMiB: 512,
    timeoutSeconds: 60,
  },
};

let scratch: string;
let stackDir: string;
let plan: PlanJson;

beforeAll(async () => {
  scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'every-setting-'));
  await synthesizeAtomically(path.join(scratch, 'out'), (app) => {
    new FargateRunnerStack(app, EVERYTHING);
  });
  stackDir = path.join(scratch, 'out', 'stacks', 'fargate-runner-prod');
  initWithLocalState(stackDir);
  terraform(stackDir, ['validate']);
  terraform(stackDir, ['plan', '-input=false', '-lock=false', '-out=tfplan']);
  plan = JSON.parse(terraform(stackDir, ['show', '-json', 'tfplan'])) as PlanJson;
});

afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

test('every optional setting set is a valid environment', () => {
  expect(validateEnvironment(EVERYTHING).toMessages()).toEqual([]);
});

test('Terraform plans it: the cluster with ECS Exec, the container as set, the runner as set', () => {
  // Each resource's attributes after the change, as Terraform planned them.
  const planned = new Map(
    (plan.resource_changes ?? []).map((r) => [
      r.address,
      r.change.after as Record<string, unknown>,
    ]),
  );
  expect(planned.get('aws_ecs_cluster.cluster')).toMatchObject({
    configuration: [{ execute_command_configuration: [{ kms_key_id: KEY, logging: 'OVERRIDE' }] }],
  });
  const containers = JSON.parse(
    planned.get('aws_ecs_task_definition.task_report')?.container_definitions as string,
  ) as Array<Record<string, unknown>>;
  expect(containers[0]).toMatchObject({
    user: '1000:1000',
    workingDirectory: '/srv/report',
    stopTimeout: 90,
    linuxParameters: { initProcessEnabled: true },
  });
  expect(planned.get('aws_cloudwatch_event_rule.runner_event_rule')).toMatchObject({
    name: 'fargate-runner-prod-runner-events',
  });
  expect(planned.get('aws_lambda_function.runner')).toMatchObject({
    architectures: ['x86_64'],
    runtime: 'nodejs24.x',
    tracing_config: [{ mode: 'Active' }],
  });
});

test('the checks find no error in the plan', async () => {
  const findings = await checkPlans([{ name: 'fargate-runner-prod', plan }]);
  expect(findings.filter((f) => f.severity === 'error').map((f) => [f.ruleId, f.address])).toEqual(
    [],
  );
});
