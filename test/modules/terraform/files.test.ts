// The hand-written Terraform modules and examples, read as a reviewer would.
// (`terraform fmt -check`, `validate` and `plan` run in `npm run verify:terraform`.)
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cachedRunnerBundle } from '../../../modules/lambda-runner/bundle-cache';
import { main as runnerZip, MODULE_RUNNER_ZIP } from '../../../modules/lambda-runner/zip-cli';

const root = join(__dirname, '..', '..', '..');
const MODULES = [
  'task-execution-role',
  'task-role',
  'ecs-cluster',
  'fargate-task-definition',
  'lambda-runner',
];
const tfFiles = (dir: string) =>
  readdirSync(join(root, dir))
    .filter((file) => file.endsWith('.tf'))
    .map((file) => join(dir, file));
const examples = readdirSync(join(root, 'examples'), { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => join('examples', entry.name));
const files = [...MODULES.map((name) => join('modules', name)), ...examples].flatMap(tfFiles);

describe('the Terraform modules', () => {
  test.each(MODULES)('%s has main.tf, variables.tf, outputs.tf and versions.tf', (name) => {
    for (const file of ['main.tf', 'variables.tf', 'outputs.tf', 'versions.tf'])
      expect(existsSync(join(root, 'modules', name, file))).toBe(true);
  });

  test('no line of a .tf file is longer than 120 characters', () => {
    const long = files.flatMap((file) =>
      readFileSync(join(root, file), 'utf8')
        .split('\n')
        .map((line, i) => ({ file, line: i + 1, length: [...line].length }))
        .filter((line) => line.length > 120),
    );
    expect(long).toEqual([]);
  });

  test('no file says "do not edit", and no module declares a provider or backend', () => {
    for (const file of files) {
      const text = readFileSync(join(root, file), 'utf8');
      expect(text).not.toMatch(/do not edit/i);
      if (file.startsWith('modules')) expect(text).not.toMatch(/^\s*(provider|backend)\s+"/m);
    }
  });

  test('the versions are the same everywhere', () => {
    const versions = MODULES.map((name) =>
      readFileSync(join(root, 'modules', name, 'versions.tf'), 'utf8'),
    );
    expect(new Set(versions).size).toBe(1);
    expect(versions[0]).toMatch(/required_version = ">= 1\.9"/);
  });
});

describe("the runner's deployment package in modules/lambda-runner", () => {
  test('is the bundle the construct deploys (npm run build:runner-zip when this fails)', () => {
    const committed = readFileSync(join(root, MODULE_RUNNER_ZIP));
    expect(committed.equals(readFileSync(cachedRunnerBundle().zipPath))).toBe(true);
  });

  test('build:runner-zip --check reports a stale zip', () => {
    const error = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    const log = jest.spyOn(console, 'log').mockImplementation(() => undefined);
    try {
      expect(runnerZip(['--check'], root)).toBe(0);
      expect(runnerZip(['--check'], join(root, 'test'))).toBe(1);
      expect(error).toHaveBeenCalledWith(expect.stringMatching(/stale/));
    } finally {
      error.mockRestore();
      log.mockRestore();
    }
  });
});
