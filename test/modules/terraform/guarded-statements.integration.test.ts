import { AWS_ROOT_CONFIG, moduleSource, planConfiguration } from '../../support/terraform';

/**
 * The task-role module refuses, as the construct does, statements that allow iam:PassRole or
 * ecs:RunTask (also through a wildcard action) on a pattern; Deny statements, exact roles and
 * one family's revisions (`task-definition/<family>:*`) pass. Real Terraform, one plan.
 */
jest.setTimeout(120_000);

const SOURCE = moduleSource('task-role');
const ACCOUNT = '123456789012';
const taskRole = (name: string, statements: readonly object[]) => `
module ${JSON.stringify(name)} {
  source     = ${SOURCE}
  role_name  = ${JSON.stringify(name)}
  statements = ${JSON.stringify(statements)}
}
`;

const CONFIG = [
  AWS_ROOT_CONFIG,
  taskRole('pass-anything', [{ sid: 'Pass', actions: ['iam:Pass*'], resources: ['*'] }]),
  taskRole('run-any-family', [
    {
      sid: 'Run',
      actions: ['ecs:*'],
      resources: [`arn:aws:ecs:eu-west-1:${ACCOUNT}:task-definition/jobs-*:*`],
    },
  ]),
  taskRole('exact', [
    { sid: 'Pass', actions: ['iam:PassRole'], resources: [`arn:aws:iam::${ACCOUNT}:role/app`] },
    {
      sid: 'Run',
      actions: ['ecs:RunTask'],
      resources: [`arn:aws:ecs:eu-west-1:${ACCOUNT}:task-definition/jobs-report:*`],
    },
    { sid: 'DenyAll', effect: 'Deny', actions: ['*'], resources: ['*'] },
  ]),
].join('\n');

let output = '';
let status: number | null = null;

beforeAll(() => {
  ({ status, output } = planConfiguration(CONFIG));
});

test('PassRole and RunTask on a pattern fail the plan; exact resources and Deny pass', () => {
  expect(status).toBe(1);
  const errors = output.match(/Error: Invalid value for variable.*?(?=Error:|$)/g) ?? [];
  expect(errors).toHaveLength(2);
  expect(errors.join('\n')).toMatch(
    /in module "pass-anything".* A statement that allows iam:PassRole \(also through a wildcard action such as iam:\* or \*\) needs exact role ARNs: PassRole is never granted on a pattern\./,
  );
  expect(errors.join('\n')).toMatch(
    /in module "run-any-family".* A statement that allows ecs:RunTask \(also through a wildcard action such as ecs:\* or \*\) needs exact task definition families \(task-definition\/<family>:\*\): RunTask is never granted on a pattern\./,
  );
  expect(errors.join('\n')).not.toContain('in module "exact"');
});
