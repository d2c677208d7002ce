import {
  AWS_ROOT_CONFIG,
  moduleDiagnostics,
  moduleSource,
  planConfiguration,
  runnerModule,
} from '../../support/terraform';

/**
 * Tags AWS would refuse at apply (a key starting with "aws:", characters outside its set, a key
 * or value too long) fail every module's plan instead, naming the variable; tags in any script
 * AWS takes (letters and digits of every language, spaces, _.:/=+-@) plan. Real Terraform.
 */
jest.setTimeout(120_000);

/** One instance of every module, each given `tags` (and the runner `task_tags`, the roles `role_tags`). */
const modules = (tags: Record<string, string>) => {
  const hcl = JSON.stringify(tags);
  return `${AWS_ROOT_CONFIG}
module "cluster" {
  source       = ${moduleSource('ecs-cluster')}
  cluster_name = "jobs"
  tags         = ${hcl}
}

module "task_role" {
  source    = ${moduleSource('task-role')}
  role_name = "jobs-task"
  tags      = ${hcl}
}

module "execution_role" {
  source             = ${moduleSource('task-execution-role')}
  role_name          = "jobs-execution"
  uses_public_images = true
  tags               = ${hcl}
}

module "task" {
  source     = ${moduleSource('fargate-task-definition')}
  family     = "jobs-report"
  cpu        = 256
  memory_mib = 512
  containers = [{ name = "app", image = "public.ecr.aws/acme/app:1" }]
  tags       = ${hcl}
  role_tags  = ${hcl}
}

${runnerModule('runner', { extra: `tags = ${hcl}\n  role_tags = ${hcl}\n  task_tags = ${hcl}` })}`;
};

test('a reserved, misspelt or oversized tag fails the plan of every module, naming the variable', () => {
  const { status, output } = planConfiguration(
    modules({ 'aws:owner': 'me', 'cost center!': 'x', team: 'v'.repeat(257) }),
  );
  expect(status).toBe(1);
  const refused = moduleDiagnostics(output, 'Each (\\w+) key must be 1 to 128 letters')
    .map(([module, variable]) => `${module}.${variable}`)
    .sort();
  expect(refused).toEqual([
    'cluster.tags',
    'execution_role.tags',
    'runner.role_tags',
    'runner.tags',
    'runner.task_tags',
    'task.role_tags',
    'task.tags',
    'task_role.tags',
  ]);
});

test('tags in any script, with spaces and _.:/=+-@, plan', () => {
  const { status, output } = planConfiguration(
    modules({ 'cost-center': 'platform', Équipe: 'données', 'team:owner': 'a@b.example +1' }),
  );
  expect(output).not.toContain('Error');
  expect(status).toBe(0);
});
