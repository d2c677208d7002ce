import * as path from 'path';
import { AWS_ROOT_CONFIG, planConfiguration } from '../../support/terraform';

/**
 * A role path with `*` or `?` makes the role's ARN a pattern, and a runner would then pass any
 * matching role: the modules refuse such paths and such role ARNs at plan, as the constructs do
 * at synth (ROLE_PATH); and managed policy ARNs likewise. Real Terraform, through the stand-in provider.
 */
jest.setTimeout(120_000);

const source = (name: string) => JSON.stringify(path.resolve(__dirname, '../../../modules', name));
const ACCOUNT = '123456789012';
const taskRole = (name: string, rolePath: string, managedPolicyArns: string[] = []) => `
module ${JSON.stringify(name)} {
  source              = ${source('task-role')}
  role_name           = ${JSON.stringify(name)}
  path                = ${JSON.stringify(rolePath)}
  managed_policy_arns = ${JSON.stringify(managedPolicyArns)}
}
`;
const runner = (taskRoleArn: string) => `
module "runner" {
  source             = ${source('lambda-runner')}
  function_name      = "jobs-runner"
  cluster_name       = "jobs"
  subnet_ids         = ["subnet-0123456789abcdef0"]
  security_group_ids = ["sg-0123456789abcdef0"]
  tasks = {
    report = {
      family             = "jobs-report"
      execution_role_arn = "arn:aws:iam::${ACCOUNT}:role/jobs-report-execution"
      task_role_arn      = ${JSON.stringify(taskRoleArn)}
      container          = "app"
    }
  }
}
`;

test('a path with * or ?, and a role ARN whose path has one, fail the plan', () => {
  const { status, output } = planConfiguration(
    [
      AWS_ROOT_CONFIG,
      taskRole('star', '/*/'),
      taskRole('question', '/team?/'),
      taskRole('policy', '/', [`arn:aws:iam::${ACCOUNT}:policy/*/reports`]),
      runner(`arn:aws:iam::${ACCOUNT}:role/*/jobs-report-task`),
    ].join('\n'),
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

test('paths of printable characters other than * and ? plan', () => {
  const { status, output } = planConfiguration(
    [
      AWS_ROOT_CONFIG,
      taskRole('team', '/team-a/jobs.v2/', [`arn:aws:iam::${ACCOUNT}:policy/team-a/reports`]),
      runner(`arn:aws:iam::${ACCOUNT}:role/team-a/jobs.v2/jobs-report-task`),
    ].join('\n'),
  );
  expect(output).not.toContain('Error');
  expect(status).toBe(0);
});
