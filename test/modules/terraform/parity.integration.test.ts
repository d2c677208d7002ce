// Parity of the constructs and the Terraform modules, by real plans (see parity/harness.ts).
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { comparable, unknownAttributes } from './parity/compare';
import { numbered, planBoth, ROOT, type Planned } from './parity/harness';
import { ecsClusterCases } from './parity/ecs-cluster.cases';
import { fargateTaskDefinitionCases } from './parity/fargate-task-definition.cases';
import { lambdaRunnerCases } from './parity/lambda-runner.cases';
import { taskExecutionRoleCases } from './parity/task-execution-role.cases';
import { taskRoleCases } from './parity/task-role.cases';

const cases = numbered([
  ...taskExecutionRoleCases,
  ...taskRoleCases,
  ...ecsClusterCases,
  ...fargateTaskDefinitionCases,
  ...lambdaRunnerCases,
]);
let scratch: string;
let planned: { construct: Map<string, Planned[]>; module: Map<string, Planned[]> };

beforeAll(async () => {
  scratch = mkdtempSync(path.join(tmpdir(), 'module-parity-'));
  planned = await planBoth(cases, scratch);
}, 240_000);
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe.each([...new Set(cases.map((c) => c.module))])('module %s', (module) => {
  const ofModule = cases.filter((c) => c.module === module);

  test('has at least 10 input sets', () => expect(ofModule.length).toBeGreaterThanOrEqual(10));

  test.each(ofModule.map((c) => [c.id, c.title, c] as const))(
    '%s %s: the same resources with the same arguments',
    (_id, _title, c) => {
      const fromConstruct = planned.construct.get(c.id)!;
      const fromModule = planned.module.get(c.id)!;
      expect(fromConstruct.length).toBeGreaterThan(0);
      const unknown = unknownAttributes(fromConstruct, fromModule);
      expect(comparable(fromModule, c.splitPolicies, unknown)).toEqual(
        comparable(fromConstruct, c.splitPolicies, unknown),
      );
    },
  );
});

describe('the parity test', () => {
  test('fails when one action in one module differs from the construct', async () => {
    const modules = path.join(scratch, 'changed-modules');
    cpSync(path.join(ROOT, 'modules'), modules, {
      recursive: true,
      filter: (source) => !source.endsWith('.ts'),
    });
    const main = path.join(modules, 'task-role', 'main.tf');
    const original = readFileSync(main, 'utf8');
    writeFileSync(main, original.replace('["s3:GetObject"]', '["s3:GetObjectVersion"]'));
    expect(readFileSync(main, 'utf8')).not.toBe(original);

    const [c] = numbered([taskRoleCases.find((t) => t.title.startsWith('S3 read of a whole'))!]);
    const changed = await planBoth([c], path.join(scratch, 'changed'), modules);
    const fromModule = comparable(changed.module.get(c.id)!);
    const fromConstruct = comparable(changed.construct.get(c.id)!);
    expect(fromModule).not.toEqual(fromConstruct);
    expect(JSON.stringify(fromModule)).toContain('s3:GetObjectVersion');
    expect(JSON.stringify(fromConstruct)).not.toContain('s3:GetObjectVersion');
  }, 120_000);
});
