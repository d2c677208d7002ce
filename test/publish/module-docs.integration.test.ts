import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/publish/docs-cli';
import { moduleTables, withTables } from '../../src/publish/module-docs';

const root = join(__dirname, '..', '..');
const quiet = () => {
  const spies = [
    jest.spyOn(console, 'log').mockImplementation(() => undefined),
    jest.spyOn(console, 'error').mockImplementation(() => undefined),
  ];
  return () => spies.forEach((spy) => spy.mockRestore());
};

/** Copies the ecs-cluster module into `copy` and rewords a variable: its README goes stale. */
function withChangedVariable(copy: string): void {
  cpSync(join(root, 'modules', 'ecs-cluster'), join(copy, 'modules', 'ecs-cluster'), {
    recursive: true,
  });
  cpSync(join(root, '.prettierrc.json'), join(copy, '.prettierrc.json'));
  const variables = join(copy, 'modules', 'ecs-cluster', 'variables.tf');
  writeFileSync(
    variables,
    readFileSync(variables, 'utf8').replace('Name of the cluster:', 'The name of the cluster:'),
  );
}

describe("the modules' README tables", () => {
  it('are in step with variables.tf and outputs.tf (npm run docs:modules when this fails)', async () => {
    const restore = quiet();
    try {
      expect(await main(['--check'], root)).toBe(0);
    } finally {
      restore();
    }
  });

  it('go out of step when a variable changes, and docs:modules brings them back', async () => {
    const copy = mkdtempSync(join(tmpdir(), 'module-docs-'));
    const restore = quiet();
    try {
      withChangedVariable(copy);
      expect(await main(['--check'], copy)).toBe(1);
      expect(await main([], copy)).toBe(0);
      expect(readFileSync(join(copy, 'modules', 'ecs-cluster', 'README.md'), 'utf8')).toContain(
        'The name of the cluster:',
      );
      expect(await main(['--check'], copy)).toBe(0);
    } finally {
      restore();
      rmSync(copy, { recursive: true, force: true });
    }
  });

  it('answer --help and refuse an unknown flag with exit 2, writing nothing', async () => {
    const copy = mkdtempSync(join(tmpdir(), 'module-docs-'));
    const log = jest.spyOn(console, 'log').mockImplementation(() => undefined);
    const error = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      withChangedVariable(copy);
      const readme = join(copy, 'modules', 'ecs-cluster', 'README.md');
      const before = readFileSync(readme, 'utf8');
      expect(await main(['--help'], copy)).toBe(0);
      expect(log.mock.calls[0][0]).toMatch(/^Usage: npm run docs:modules \[-- --check\]/);
      expect(await main(['--chek'], copy)).toBe(2);
      expect(error.mock.calls[0][0]).toMatch(/^docs:modules: Unknown option '--chek'/);
      expect(readFileSync(readme, 'utf8')).toBe(before);
      expect(await main(['--check'], copy)).toBe(1); // stale all along: a write would show
    } finally {
      log.mockRestore();
      error.mockRestore();
      rmSync(copy, { recursive: true, force: true });
    }
  });

  it('list every variable with its type, default and whether it is required', async () => {
    const tables = await moduleTables(join(root, 'modules', 'task-execution-role'));
    expect(tables).toMatch(
      /^\| `role_name` \| Name of the role: .* \| `string` \| n\/a \| yes \|$/m,
    );
    expect(tables).toMatch(/^\| `policy_mode` \| .* \| `string` \| `"minimal"` \| no \|$/m);
    expect(tables).toMatch(/^\| `role_arn` \| ARN of the task execution role/m);
    expect(() => withTables('# no markers', tables)).toThrow(/BEGIN_TF_DOCS/);
  });
});
