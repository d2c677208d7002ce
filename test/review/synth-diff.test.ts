import { renderReview } from '../../src/review/render';
import { reviewStacks } from '../../src/review/review';
import { diffStacks } from '../../src/review/synth-diff';
import { runnerStack, SECOND_SECRET, SECRET, STACK } from './stacks';

// Synthesizing with the modules takes a moment: build each version once.
const before = runnerStack();
const after = runnerStack({ cpu: 512, secrets: { DB_PASSWORD: SECRET, API_KEY: SECOND_SECRET } });

describe('the review of two synth outputs', () => {
  test('a bigger task with one more secret: the task definition and that secret, nothing else', () => {
    const diff = diffStacks(STACK, before, after);
    expect(diff.resources.map((r) => [r.kind, r.address.split('.')[0]])).toEqual([
      ['changed', 'aws_ecs_task_definition'],
      ['changed', 'aws_iam_role_policy'],
    ]);
    expect(diff.resources[0].attributes).toEqual([
      {
        path: 'container_definitions[0].secrets[]',
        kind: 'added',
        after: JSON.stringify({ name: 'API_KEY', valueFrom: SECOND_SECRET }),
      },
      { path: 'cpu', kind: 'changed', before: '"256"', after: '"512"' },
    ]);
    expect(diff.resources[1].attributes).toEqual([{ path: 'policy', kind: 'changed' }]);

    expect(diff.iam).toHaveLength(1);
    const [role] = diff.iam;
    expect(role).toMatchObject({ name: 'fargate-runner-dev-hello-execution', kind: 'changed' });
    expect(role.trust).toBeUndefined();
    expect(role.managedPolicies).toEqual({ added: [], removed: [] });
    expect(role.policies).toHaveLength(1);
    expect(role.policies[0].statements).toEqual([
      expect.objectContaining({
        sid: 'SecretsRead',
        kind: 'changed',
        allActions: ['secretsmanager:GetSecretValue'],
        resources: { added: [SECOND_SECRET], removed: [] },
        actions: { added: [], removed: [] },
        conditions: { added: [], removed: [] },
      }),
    ]);
    expect(diff.risks).toEqual([]);
  });

  test('the Markdown names exactly that change', () => {
    const [review] = reviewStacks({
      base: new Map([[STACK, before]]),
      current: new Map([[STACK, after]]),
      diagrams: false,
    });
    const markdown = renderReview([review]);
    expect(markdown).toContain('| `fargate-runner-dev` | +0 ~2 −0 | – | 0 | none |');
    expect(markdown).toMatch(
      /\| changed \| `aws_ecs_task_definition\.[^`]+` \| `container_definitions\[0\]\.secrets\[\]` added: `\{"name":"API_KEY",[^|]+<br>`cpu`: `"256"` → `"512"` \|/,
    );
    expect(markdown).toContain(
      [
        '  - `SecretsRead` changed (Allow `secretsmanager:GetSecretValue`)',
        `    - added resource \`${SECOND_SECRET}\``,
      ].join('\n'),
    );
    expect(markdown).not.toContain('Risky');
    // One role changed, with one policy, with one statement, with one line.
    expect(markdown.match(/^\*\*role /gm)).toHaveLength(1);
    expect(markdown.match(/^ {4}- /gm)).toHaveLength(1);
  });

  test('identical outputs: no change', () => {
    const diff = diffStacks(STACK, before, runnerStack());
    expect(diff).toEqual({ stack: STACK, resources: [], iam: [], risks: [] });
  });

  test('a new stack: every resource added, its roles spelled out', () => {
    const diff = diffStacks(STACK, undefined, before);
    expect(diff.resources.every((r) => r.kind === 'added')).toBe(true);
    expect(diff.resources.length).toBe(
      Object.values(before.resource ?? {}).flatMap(Object.keys).length,
    );
    expect(diff.iam.map((r) => [r.name, r.kind])).toEqual([
      ['fargate-runner-dev-hello-execution', 'added'],
      ['fargate-runner-dev-hello-task', 'added'],
      ['fargate-runner-dev-runner', 'added'],
    ]);
    // New PassRole targets are always worth a look, even when exactly scoped.
    expect(diff.risks.map((r) => r.kind)).toEqual(['pass-role', 'pass-role']);
  });
});
