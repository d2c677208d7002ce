import { fargateTaskDefinitionModule } from '../../modules/fargate-task-definition/module';
import { synthesizeModule } from '../../src/publish/module-stack';
import { renderContainer } from '../../modules/fargate-task-definition/render';
import { containerDefinitions } from '../../modules/fargate-task-definition/module-containers';

test("the module's container_definitions writes what the construct writes for the same settings", () => {
  const rendered = renderContainer(
    {
      name: 'app',
      image: 'app:1',
      essential: true,
      command: ['run'],
      environment: { A: 'a' },
      secrets: { B: 'arn:aws:ssm:eu-west-1:123456789012:parameter/b' },
    },
    { logGroupName: '/ecs/f', region: 'eu-west-1', streamPrefix: 'f' },
  );
  const expression = containerDefinitions('/ecs/f', 'eu-west-1');
  const written = [...expression.matchAll(/[{,] ?"?([\w-]+)"? = /g)].map((m) => m[1]);
  const keys = (value: unknown): string[] =>
    value !== null && typeof value === 'object' && !Array.isArray(value)
      ? Object.entries(value).flatMap(([key, item]) => [key, ...keys(item)])
      : Array.isArray(value)
        ? value.flatMap(keys)
        : [];
  expect(new Set(written)).toEqual(new Set(keys(rendered)));
});

test('given roles replace the roles the module creates, decided by their names', () => {
  const { json } = synthesizeModule(fargateTaskDefinitionModule);
  const resources = json.resource as Record<string, Record<string, Record<string, unknown>>>;
  const counts = Object.values(resources.aws_iam_role).map((role) => role.count);
  expect(counts).toEqual([
    '${var.execution_role_name != null ? 0 : 1}',
    '${var.task_role_name != null ? 0 : 1}',
  ]);
  const [task] = Object.values(resources.aws_ecs_task_definition);
  expect(task.execution_role_arn).toMatch(
    /^\$\{var\.execution_role_name != null \? var\.execution_role_arn : /,
  );
  expect(task.task_role_arn).toMatch(/^\$\{var\.task_role_name != null \? var\.task_role_arn : /);
  const [policy] = Object.values(resources.aws_iam_role_policy);
  expect(policy.role).toMatch(
    /^\$\{var\.execution_role_name != null \? var\.execution_role_name : /,
  );
  // Beside the given role's own policy (task-execution), never in place of it.
  expect(policy.name).toBe(
    '${var.execution_role_name != null ? "task-definition-${var.family}" : "task-execution"}',
  );
});
