import * as path from 'path';
import { readPlans } from '../../src/review/plan-files';
import { type PlanJson } from '../../src/review/plan-json';
import { reviewPlan } from '../../src/review/plan-review';
import { renderReview } from '../../src/review/render';
import { readJson } from '../../src/review/terraform-json';

// Copies of ../shared/fixtures/terraform-plans (see its README.md), so that a clean clone tests them too.
const FIXTURES = path.join(__dirname, 'fixtures', 'terraform-plans');
const fixture = (name: string) => readJson<PlanJson>(path.join(FIXTURES, `${name}.plan.json`));
const review = (name: string, plan = fixture(name)) =>
  renderReview([{ stack: name, plan: reviewPlan(name, plan) }]);

describe('the plan review on real Terraform plans', () => {
  test('creates and reads: counts and one row per resource, module addresses in full', () => {
    const plan = reviewPlan('basic', fixture('basic'));
    expect(plan.counts).toEqual({
      replace: 0,
      delete: 0,
      update: 0,
      create: 7,
      read: 1,
      forget: 0,
      'no-op': 0,
    });
    const markdown = review('basic');
    expect(markdown).toContain('### Plan: 7 to create, 1 to read');
    expect(markdown).toContain('| create | `module.foo.null_resource.aliased` |  |');
    expect(markdown).toContain('| create | `null_resource.baz[2]` |  |');
    expect(markdown).toContain('| read | `data.null_data_source.baz` |  |');
  });

  test('replacements come before everything else, no-ops are only counted', () => {
    const markdown = review('config_resource_depends_on');
    expect(markdown).toContain('### Plan: 1 to replace, 1 unchanged');
    expect(markdown).toContain(
      '| replace | `null_resource.bar` | `id`: `"8595481736657951026"` → `(known after apply)`<br>`triggers.foo` removed (was `"4379128789376396166"`) |',
    );
    expect(markdown).not.toContain('`null_resource.foo`');
    const order = reviewPlan('x', {
      format_version: '1.2',
      resource_changes: [
        { address: 'a.create', mode: 'managed', type: 'a', change: { actions: ['create'] } },
        { address: 'a.update', mode: 'managed', type: 'a', change: { actions: ['update'] } },
        { address: 'a.delete', mode: 'managed', type: 'a', change: { actions: ['delete'] } },
        {
          address: 'a.replace',
          mode: 'managed',
          type: 'a',
          change: { actions: ['create', 'delete'] },
        },
      ],
    }).changes.map((c) => c.address);
    expect(order).toEqual(['a.replace', 'a.delete', 'a.update', 'a.create']);
  });

  test('a replacement says why', () => {
    expect(review('action_reason')).toContain('| replace | `null_resource.example` | tainted<br>');
  });

  test('a moved resource shows both addresses', () => {
    const markdown = review('moved_block');
    expect(markdown).toContain('### Plan: 1 unchanged');
    expect(markdown).toContain('| move | `random_id.test` → `random_id.test2` |  |');
  });

  test('nested modules and registry modules keep their full addresses', () => {
    expect(review('deep_module')).toContain(
      '| create | `module.foo.module.bar.null_resource.baz` |',
    );
    expect(review('registry_module')).toContain(
      '| create | `module.module.null_resource.resource` |',
    );
  });

  test('an update lists the changed attributes with their values', () => {
    expect(review('identity')).toContain(
      '| update | `corner_user_identity.user` | import<br>`age` added: `999`<br>`name` added: `"test"` |',
    );
  });

  test('no changes', () => {
    const markdown = review('no_changes');
    expect(markdown).toContain('### Plan: 6 unchanged');
    expect(markdown).toContain('No changes.');
  });
});

describe('sensitive values are never printed', () => {
  test('the sensitive output of 110_sensitive_values is marked, its value appears nowhere', () => {
    const plan = fixture('110_sensitive_values');
    expect(plan.output_changes?.foo).toMatchObject({ after: 'bar', after_sensitive: true });
    const markdown = review('110_sensitive_values', plan);
    expect(markdown).toContain('| `foo` | create | yes |');
    expect(markdown).toContain('| `string` | create |  |');
    // "bar" is the sensitive value; it appears only as part of the address null_resource.bar.
    expect(markdown.replaceAll('null_resource.bar', '')).not.toMatch(/bar/);
  });

  test('sensitive attributes of an update, whole or nested, show as (sensitive)', () => {
    const plan = structuredClone(fixture('110_sensitive_values')) as unknown as {
      resource_changes: Array<{ address: string; change: Record<string, unknown> }>;
    };
    const foo = plan.resource_changes.find((rc) => rc.address === 'null_resource.foo');
    Object.assign(foo!.change, {
      actions: ['update'],
      before: {
        id: '1',
        triggers: { password: 'hunter2-old', user: 'alice' },
        token: 's3cr3t-old',
      },
      after: { id: '1', triggers: { password: 'hunter2-new', user: 'bob' }, token: 's3cr3t-new' },
      after_unknown: {},
      before_sensitive: { triggers: { password: true }, token: true },
      after_sensitive: { triggers: { password: true }, token: true },
    });
    const markdown = review('sensitive', plan as unknown as PlanJson);
    expect(markdown).toContain(
      '| update | `null_resource.foo` | `token`: `(sensitive)` → `(sensitive)`<br>`triggers.password`: `(sensitive)` → `(sensitive)`<br>`triggers.user`: `"alice"` → `"bob"` |',
    );
    expect(markdown).not.toMatch(/hunter2|s3cr3t/);
  });
});

describe('IAM changes in a plan', () => {
  const rolePolicy = (resources: string[]) =>
    JSON.stringify({
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'PassTaskRoles',
          Effect: 'Allow',
          Action: 'iam:PassRole',
          Resource: resources,
          Condition: { StringEquals: { 'iam:PassedToService': 'ecs-tasks.amazonaws.com' } },
        },
      ],
    });
  const plan: PlanJson = {
    format_version: '1.2',
    resource_changes: [
      {
        address: 'aws_iam_role.runner',
        mode: 'managed',
        type: 'aws_iam_role',
        change: {
          actions: ['no-op'],
          before: { name: 'runner', assume_role_policy: '{"Statement":[]}' },
          after: { name: 'runner', assume_role_policy: '{"Statement":[]}' },
        },
      },
      {
        address: 'aws_iam_role_policy.runner',
        mode: 'managed',
        type: 'aws_iam_role_policy',
        change: {
          actions: ['update'],
          before: {
            name: 'runner',
            role: 'runner',
            policy: rolePolicy(['arn:aws:iam::1:role/exec']),
          },
          after: { name: 'runner', role: 'runner', policy: rolePolicy(['*']) },
          after_unknown: {},
        },
      },
    ],
  };

  test('come from the before and after values, matched to roles by name', () => {
    const result = reviewPlan('dev', plan);
    expect(result.iam).toHaveLength(1);
    expect(result.iam[0]).toMatchObject({ key: 'aws_iam_role.runner', name: 'runner' });
    expect(result.risks.map((r) => r.message)).toEqual([
      'new PassRole target `* (any resource)` in `PassTaskRoles` of policy "runner"',
      'new wildcard resource `*` in `PassTaskRoles` of policy "runner"',
    ]);
    const markdown = renderReview([{ stack: 'dev', plan: result }]);
    expect(markdown).toContain(
      '| update | `aws_iam_role_policy.runner` | `policy` changed (see IAM changes) |',
    );
    expect(markdown).toContain('    - removed resource `arn:aws:iam::1:role/exec`');
  });
});

describe('plan files', () => {
  test('a stack name per file: explicit, from the file name, or from the directory', () => {
    const file = path.join(FIXTURES, 'basic.plan.json');
    expect([...readPlans([`dev=${file}`]).keys()]).toEqual(['dev']);
    expect([...readPlans([file]).keys()]).toEqual(['basic']);
    expect([...readPlans([FIXTURES]).keys()]).toContain('moved_block');
  });

  test('a file that is not a plan is refused with its name', () => {
    expect(() => readPlans([path.join(FIXTURES, '..', 'terraform-plans', 'README.md')])).toThrow(
      /README\.md is not valid JSON/,
    );
    expect(() => readPlans(['/nonexistent/plan.json'])).toThrow(
      /--plan \/nonexistent\/plan\.json: no such file or directory/,
    );
  });
});
