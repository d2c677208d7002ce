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
