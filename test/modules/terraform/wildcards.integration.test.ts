import {
  AWS_ROOT_CONFIG,
  moduleSource,
  planConfiguration,
  runnerModule,
} from '../../support/terraform';

/**
 * The names and ARNs a module builds a grant from never hold a wildcard. A role path with `*` or
 * `?` makes the role's ARN a pattern, and a runner would then pass any matching role; a log
 * group name or KMS key ARN with one would let an execution role write to any matching group or
 * decrypt with any matching key. The modules
 * refuse them at plan, as the constructs do at synth; managed policy ARNs likewise. Real
 * Terraform, through the stand-in provider.
 */
jest.setTimeout(120_000);

const ACCOUNT = '123456789012';
const taskRole = (name: string, rolePath: string, managedPolicyArns: string[] = []) => `
module ${JSON.stringify(name)} {
  source              = ${moduleSource('task-role')}
  role_name           = ${JSON.stringify(name)}
  path                = ${JSON.stringify(rolePath)}
  managed_policy_arns = ${JSON.stringify(managedPolicyArns)}
}
`;
const taskDefinition = (logGroupName: string, kmsKeyArn: string) => `
module "task" {
  source               = ${moduleSource('fargate-task-definition')}
  family               = "jobs-report"
  cpu                  = 256
  memory_mib           = 512
  log_group_name       = ${JSON.stringify(logGroupName)}
  secrets_kms_key_arns = [${JSON.stringify(kmsKeyArn)}]
  containers = [{
    name    = "app"
    image   = "public.ecr.aws/acme/app:1"
    secrets = { TOKEN = "arn:aws:secretsmanager:eu-west-1:${ACCOUNT}:secret:token-AbCdEf" }
  }]
}
`;
const cluster = (kmsKeyArn: string) => `
module "cluster" {
  source          = ${moduleSource('ecs-cluster')}
  cluster_name    = "jobs"
  execute_command = { kms_key_arn = ${JSON.stringify(kmsKeyArn)} }
}
`;
const runner = (taskRoleArn: string) => runnerModule('runner', { taskRoleArn });

test('a path with * or ?, a role or policy ARN whose path has one, a log group or KMS key pattern: the plan fails', () => {
  const { status, output } = planConfiguration(
    [
      AWS_ROOT_CONFIG,
      taskRole('star', '/*/'),
      taskRole('question', '/team?/'),
      taskRole('policy', '/', [`arn:aws:iam::${ACCOUNT}:policy/*/reports`]),
      runner(`arn:aws:iam::${ACCOUNT}:role/*/jobs-report-task`),
      taskDefinition('/ecs/*', `arn:aws:kms:eu-west-1:${ACCOUNT}:key/*`),
      cluster('alias/ecs-exec'),
    ].join('\n'),
  );
  expect(output).toContain(
    'log_group_name must be 1 to 512 letters, digits and _-./#, no wildcard: the execution role writes to exactly this group.',
  );
  expect(output).toContain(
    'Each item must be a KMS key ARN: arn:aws:kms:eu-west-1:123456789012:key/<key id or mrk-…>.',
  );
  expect(output).toContain(
    'execute_command.kms_key_arn and log_kms_key_arn must be KMS key ARNs: arn:aws:kms:eu-west-1:123456789012:key/<key id or mrk-…>.',
  );
  expect(status).toBe(1);
  const refused = output.match(
    /path must be "\/" or start and end with "\/", without \* or \? \(a role ARN with them would be a pattern\)/g,
  );
  expect(refused).toHaveLength(2);
  expect(output).toMatch(
    /in module "policy".* Each item must be an IAM managed policy ARN naming one exact resource/,
  );
  expect(output).toContain(
    'Each execution_role_arn and task_role_arn must be an IAM role ARN, such as arn:aws:iam::123456789012:role/my- role.',
  );
});

test('paths of printable characters other than * and ?, and an exact log group and key, plan', () => {
  const { status, output } = planConfiguration(
    [
      AWS_ROOT_CONFIG,
      taskRole('team', '/team-a/jobs.v2/', [`arn:aws:iam::${ACCOUNT}:policy/team-a/reports`]),
      runner(`arn:aws:iam::${ACCOUNT}:role/team-a/jobs.v2/jobs-report-task`),
      taskDefinition(
        '/ecs/jobs-report',
        `arn:aws:kms:eu-west-1:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`,
      ),
      cluster(`arn:aws:kms:eu-west-1:${ACCOUNT}:key/mrk-0123456789abcdef0123456789abcdef`),
    ].join('\n'),
  );
  expect(output).not.toContain('Error');
  expect(status).toBe(0);
});
