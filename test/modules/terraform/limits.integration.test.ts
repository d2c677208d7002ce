import {
  AWS_ROOT_CONFIG,
  moduleSource,
  planConfiguration,
  runnerModule,
} from '../../support/terraform';

/**
 * The Terraform modules cannot split a policy or compress the runner's configuration as the
 * constructs do: they fail at plan, with a precondition naming the AWS limit, the size and what
 * to change, where AWS would refuse the apply half-way. Real Terraform, through the stand-in
 * provider; one plan for every case.
 */
jest.setTimeout(240_000);

const ACCOUNT = '123456789012';
const role = (name: string) =>
  `arn:aws:iam::${ACCOUNT}:role/platform/fargate-runner/workloads/${name}`;

/** `count` tasks for a runner: `fn(i)` gives each task's attributes. */
const tasks = (count: number, fn: (i: number) => Record<string, string>) =>
  `{\n${Array.from({ length: count }, (_, i) => {
    const attributes = Object.entries(fn(i))
      .map(([key, value]) => `      ${key} = ${JSON.stringify(value)}`)
      .join('\n');
    return `    task${i} = {\n${attributes}\n    }`;
  }).join('\n')}\n  }`;

const runner = (name: string, taskMap: string) => runnerModule(name, { tasks: taskMap });

const CONFIG = [
  AWS_ROOT_CONFIG,
  // Within every limit: 10 tasks.
  runner(
    'small',
    tasks(10, (i) => ({
      family: `jobs-${i}`,
      execution_role_arn: role(`jobs-${i}-execution`),
      task_role_arn: role(`jobs-${i}-task`),
      container: 'app',
    })),
  ),
  // Roles shared (a small policy), long container names: RUNNER_CONFIG beyond 4 KB.
  runner(
    'wide-config',
    tasks(40, (i) => ({
      family: `jobs-${i}`,
      execution_role_arn: role('shared-execution'),
      task_role_arn: role('shared-task'),
      container: `a-container-name-long-enough-to-fill-the-environment-${i}`,
    })),
  ),
  // Two roles per task: a policy beyond 10,240 characters, with a configuration within 4 KB.
  runner(
    'wide-policy',
    tasks(60, (i) => ({
      family: `j${i}`,
      execution_role_arn: role(`jobs-${i}-execution`),
      task_role_arn: role(`jobs-${i}-task`),
      container: 'a',
    })),
  ),
  `
module "execution_role" {
  source          = ${moduleSource('task-execution-role')}
  role_name       = "jobs-execution"
  repository_arns = [for i in range(200) : "arn:aws:ecr:eu-west-1:${ACCOUNT}:repository/team/app-\${i}"]
}

module "task_role" {
  source                 = ${moduleSource('task-role')}
  role_name              = "jobs-task"
  sns_publish_topic_arns = [for i in range(200) : "arn:aws:sns:eu-west-1:${ACCOUNT}:report-ready-\${i}"]
}

module "task" {
  source     = ${moduleSource('fargate-task-definition')}
  family     = "jobs-big"
  cpu        = 256
  memory_mib = 512
  containers = [
    {
      name        = "app"
      image       = "public.ecr.aws/acme/app:1"
      environment = { for i in range(70) : "VALUE_\${i}" => join("", [for j in range(100) : "0123456789"]) }
    },
  ]
}
`,
].join('\n');

let output = '';
let status: number | null = null;

beforeAll(() => {
  ({ status, output } = planConfiguration(CONFIG));
});

/** The plan's errors only (its planned resources would flood a failing assertion). */
const failures = () => errors().join('\n');
const errors = () => output.match(/Error: Resource precondition failed.*?(?=Error:|$)/g) ?? [];
/** Where Terraform reports a module's resource: `modules/<module>/main.tf line …, in resource "<type>" "<name>"`. */
const at = (module: string, type: string) =>
  `modules/${module}/main.tf line \\d+, in resource "${type}" "[a-z]+":`;

test('the plan fails on exactly the four modules beyond a limit', () => {
  expect(status).toBe(1);
  expect(errors()).toHaveLength(5);
  expect(failures()).not.toMatch(/modules\/small\//);
});

test('a runner configuration beyond 4 KB is named with its size and the limit', () => {
  expect(failures()).toMatch(
    new RegExp(
      `${at('wide-config', 'aws_lambda_function')} .* The runner's environment \\(RUNNER_CONFIG\\) is 4\\d{3} bytes; Lambda allows 4 KB \\(4,096\\) for all environment variables together\\. Bind fewer tasks to this runner`,
    ),
  );
  expect(failures()).not.toMatch(new RegExp(at('wide-config', 'aws_iam_role_policy')));
});

test("a runner policy beyond IAM's inline budget is named with its size and the limit", () => {
  expect(failures()).toMatch(
    new RegExp(
      `${at('wide-policy', 'aws_iam_role_policy')} .* The runner role's policy is 1\\d{4} characters \\(whitespace excluded\\); IAM allows 10,240 for a role's inline policies together\\.`,
    ),
  );
  expect(failures()).not.toMatch(new RegExp(at('wide-policy', 'aws_lambda_function')));
});

test('execution role, task role and container definitions beyond their limits', () => {
  expect(failures()).toMatch(
    new RegExp(
      `${at('execution_role', 'aws_iam_role_policy')} .* The execution role's policy is 1\\d{4} characters \\(whitespace excluded\\); IAM allows 10,240`,
    ),
  );
  expect(failures()).toMatch(
    new RegExp(
      `${at('task_role', 'aws_iam_role_policy')} .* The task role's policy is 1\\d{4} characters \\(whitespace excluded\\); IAM allows 10,240`,
    ),
  );
  expect(failures()).toMatch(
    new RegExp(
      `${at('task', 'aws_ecs_task_definition')} .* The container definitions of jobs-big are \\d{5} characters; ECS allows 64 KiB \\(65,536\\)`,
    ),
  );
});
