/**
 * SLOW (~20–40 s; a build, `npm pack` and a full compile): the README's "Using the constructs"
 * example, compiled and synthesized as a user would, in a project laid out exactly as
 * `cdktf init --template=typescript` lays it out (test/fixtures/cdktf-init-typescript is
 * cdktf-cli 0.21.0's template, verbatim: its tsconfig has noUnusedLocals and
 * noUnusedParameters), against the package as `npm pack` packs it after `npm run build`.
 * The project's dependencies (cdktf, constructs, the provider, the package's own) are this
 * checkout's node_modules, linked: no network, and on the CDK Terrain toolchain they are cdktn's.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const ROOT = path.resolve(__dirname, '..');
const TEMPLATE = path.join(__dirname, 'fixtures', 'cdktf-init-typescript');
const INSTALLED_TEMPLATE = path.join(
  ROOT,
  'node_modules',
  'cdktf-cli',
  'bundle',
  'templates',
  'typescript',
);

jest.setTimeout(180_000);

/**
 * A second file of the user's project: the checks and the review from their own entry points,
 * run on the synth output; and a deep import into the package, which `exports` refuses.
 */
const TOOLS = `import { checkStacks } from 'cdktf-fargate-runner/checks';
import { diffStacks, readSynthOutput } from 'cdktf-fargate-runner/review';

async function main(outdir: string): Promise<void> {
  const output = readSynthOutput(outdir);
  const stacks = [...output].map(([name, json]) => ({ name, json }));
  const findings = await checkStacks(stacks);
  const added = diffStacks('reports-prod', undefined, output.get('reports-prod'));
  let internal = 'importable';
  try {
    require('cdktf-fargate-runner/dist/src/naming');
  } catch (error) {
    internal = String((error as { code?: string }).code);
  }
  const errors = findings.filter((f) => f.severity === 'error').map((f) => f.ruleId);
  const resources = added.resources.length;
  console.log(JSON.stringify({ stacks: [...output.keys()], resources, errors, internal }));
}

void main(process.argv[2]);
`;

/** The first TypeScript block of the README's "Using the constructs" section. */
function readmeExample(): string {
  const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('\n## Using the constructs\n'));
  const match = /```ts\n([\s\S]*?)```/.exec(section);
  if (!match) throw new Error('README: no ts block under "Using the constructs"');
  return match[1];
}

/** The files `cdktf init --template=typescript` writes, placeholders filled as it fills them. */
function writeTemplate(dir: string): void {
  const fill = (text: string) =>
    text
      .replace(/\{\{ \$base \}\}/g, 'reports')
      .replace('{{projectId}}', '00000000-0000-4000-8000-000000000000')
      .replace('"{{sendCrashReports}}"', 'false')
      .replace('{{futureFlags}}', '');
  for (const file of ['tsconfig.json', 'cdktf.json', 'jest.config.js', 'setup.js']) {
    fs.writeFileSync(
      path.join(dir, file),
      fill(fs.readFileSync(path.join(TEMPLATE, file), 'utf8')),
    );
  }
  fs.copyFileSync(path.join(TEMPLATE, 'gitignore'), path.join(dir, '.gitignore'));
  fs.mkdirSync(path.join(dir, '__tests__'));
  fs.copyFileSync(
    path.join(TEMPLATE, '__tests__', 'main-test.ts'),
    path.join(dir, '__tests__', 'main-test.ts'),
  );
  const pkg = JSON.parse(fill(fs.readFileSync(path.join(TEMPLATE, 'package.json'), 'utf8')));
  fs.writeFileSync(path.join(dir, 'package.json'), `${JSON.stringify(pkg, null, 2)}\n`);
}

describe('the README example (SLOW: build, npm pack, compile, synth)', () => {
  let work: string;
  beforeAll(() => {
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'readme-example-'));
  });
  afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

  test('the fixture is the installed cdktf-cli template, verbatim', () => {
    if (!fs.existsSync(INSTALLED_TEMPLATE)) return; // the CDK Terrain toolchain has no cdktf-cli
    for (const file of ['tsconfig.json', 'package.json', 'cdktf.json', 'jest.config.js']) {
      expect(fs.readFileSync(path.join(TEMPLATE, file), 'utf8')).toBe(
        fs.readFileSync(path.join(INSTALLED_TEMPLATE, file), 'utf8'),
      );
    }
  });

  test('compiles under the template tsconfig and synthesizes, from the packed package', () => {
    // The package as npm publishes it.
    execFileSync('npm', ['run', '--silent', 'build'], { cwd: ROOT, stdio: 'pipe' });
    const packed = execFileSync('npm', ['pack', '--silent', '--pack-destination', work], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    const tarball = path.join(work, packed.trim().split('\n').pop()!);

    const project = path.join(work, 'reports');
    fs.mkdirSync(project);
    writeTemplate(project);
    fs.writeFileSync(path.join(project, 'main.ts'), readmeExample());
    fs.writeFileSync(path.join(project, 'tools.ts'), TOOLS);
    const modules = path.join(project, 'node_modules');
    const installed = path.join(modules, 'cdktf-fargate-runner');
    fs.mkdirSync(installed, { recursive: true });
    execFileSync('tar', ['xzf', tarball, '-C', installed, '--strip-components=1']);
    for (const entry of fs.readdirSync(path.join(ROOT, 'node_modules'))) {
      if (entry === '.cache' || fs.existsSync(path.join(modules, entry))) continue;
      fs.symlinkSync(path.join(ROOT, 'node_modules', entry), path.join(modules, entry));
    }
    // What the packed package holds: compiled constructs, the runner's sources for its bundle.
    expect(fs.existsSync(path.join(installed, 'dist', 'src', 'index.js'))).toBe(true);
    expect(fs.existsSync(path.join(installed, 'src', 'runner', 'handler.ts'))).toBe(true);

    // `npm run build` of the template: tsc with its tsconfig.
    const tsc = path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
    try {
      execFileSync(process.execPath, [tsc, '-p', project], { cwd: project, encoding: 'utf8' });
    } catch (error) {
      throw new Error(`tsc: ${(error as { stdout?: string }).stdout ?? error}`);
    }

    // `cdktf synth` runs the compiled app with CDKTF_OUTDIR set.
    const outdir = path.join(project, 'cdktf.out');
    execFileSync(process.execPath, ['main.js'], {
      cwd: project,
      env: { ...process.env, CDKTF_OUTDIR: outdir },
      stdio: 'pipe',
    });
    const json = JSON.parse(
      fs.readFileSync(path.join(outdir, 'stacks', 'reports-prod', 'cdk.tf.json'), 'utf8'),
    ) as { resource: Record<string, Record<string, Record<string, unknown>>> };
    const names = (type: string, field: string) =>
      Object.values(json.resource[type] ?? {}).map((r) => r[field]);
    expect(names('aws_ecs_task_definition', 'family').sort()).toEqual([
      'reports-prod-cleanup',
      'reports-prod-report',
    ]);
    expect(names('aws_ecs_cluster', 'name')).toEqual(['reports-prod']);
    expect(names('aws_lambda_function', 'function_name')).toEqual(['reports-prod-runner']);
    expect(names('aws_scheduler_schedule', 'schedule_expression')).toEqual(['cron(0 6 * * ? *)']);
    // The ./checks and ./review entry points, compiled above and resolved through `exports`.
    const tools = JSON.parse(
      execFileSync(process.execPath, ['tools.js', outdir], { cwd: project, encoding: 'utf8' }),
    ) as { stacks: string[]; resources: number; errors: string[]; internal: string };
    expect(tools.stacks).toEqual(['reports-prod']);
    expect(tools.resources).toBe(Object.values(json.resource).flatMap(Object.keys).length);
    expect(tools.errors).toEqual([]);
    expect(tools.internal).toBe('ERR_PACKAGE_PATH_NOT_EXPORTED');
    // One execution role shared by both task definitions, readable addresses throughout.
    expect(names('aws_iam_role', 'name')).toContain('reports-prod-execution');
    const executionRoles = new Set(names('aws_ecs_task_definition', 'execution_role_arn'));
    expect(executionRoles.size).toBe(1);
    expect(Object.keys(json.resource.aws_ecs_task_definition).sort()).toEqual([
      'cleanup',
      'report',
    ]);
  });
});
