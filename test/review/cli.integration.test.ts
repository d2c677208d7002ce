import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { main, USAGE } from '../../src/review/cli';
import { type Finding } from '../../src/review/findings';
import { synthCommand } from '../../src/review/git-base';
import { type StackJson } from '../../src/review/terraform-json';
import { runnerStack, SECOND_SECRET, SECRET, STACK } from './stacks';

const ROOT = path.resolve(__dirname, '../..');
const PLANS = path.join(__dirname, 'fixtures', 'terraform-plans');
const temp = fs.mkdtempSync(path.join(os.tmpdir(), 'review-cli-'));
afterAll(() => fs.rmSync(temp, { recursive: true, force: true }));

/** Writes synthesized stacks as cdktf does: `<dir>/stacks/<stack>/cdk.tf.json`. */
function synthOutput(name: string, stacks: Record<string, StackJson>): string {
  const dir = path.join(temp, name);
  for (const [stack, json] of Object.entries(stacks)) {
    fs.mkdirSync(path.join(dir, 'stacks', stack), { recursive: true });
    fs.writeFileSync(path.join(dir, 'stacks', stack, 'cdk.tf.json'), JSON.stringify(json));
  }
  return dir;
}

function run(args: string[], cwd = ROOT) {
  let stdout = '';
  let stderr = '';
  const status = main(args, {
    stdout: (text) => (stdout += text),
    stderr: (text) => (stderr += text),
    cwd,
  });
  return { status, stdout, stderr };
}

const base = synthOutput('base', { [STACK]: runnerStack() });
const current = synthOutput('current', {
  [STACK]: runnerStack({ secrets: { DB_PASSWORD: SECRET, API_KEY: SECOND_SECRET } }),
});

describe('fargate-runner-review', () => {
  test('--help prints the usage with every option and exits 0', () => {
    const { status, stdout, stderr } = run(['--help']);
    expect(status).toBe(0);
    expect(stderr).toBe('');
    expect(stdout).toBe(`${USAGE}\n`);
    for (const option of [
      '--base',
      '--current',
      '--plan',
      '--findings',
      '--stack',
      '--diagram',
      '--no-diagrams',
      '--output',
      '--quiet',
      '--help',
    ]) {
      expect(stdout).toContain(option);
    }
    expect(run(['-h']).stdout).toBe(stdout);
  });

  test.each([
    [['--bogus'], "Unknown option '--bogus'"],
    [['extra'], "Unexpected argument 'extra'. This command does not take positional arguments"],
    [['--base'], "Option '--base <value>' argument missing"],
    [['--base', ''], '--base needs a value'],
    [['--current', '/nonexistent'], '/nonexistent is not a directory of synthesized stacks'],
    [
      ['--current', PLANS],
      `${PLANS} holds no synthesized stacks (no stacks/<stack>/cdk.tf.json): run npm run synth first`,
    ],
    [
      ['--current', current, '--base', 'no-such-ref-xyz'],
      '--base no-such-ref-xyz is neither a directory nor a git ref of this repository',
    ],
    [
      ['--current', current, '--stack', 'nope'],
      '--stack nope: no such stack in the synth output or plans',
    ],
    [
      ['--diagram', '--no-diagrams'],
      '--diagram and --no-diagrams contradict each other: choose one',
    ],
    [['--plan', '/nonexistent.json'], '--plan /nonexistent.json: no such file or directory'],
  ])('%j exits 2: %s', (args, message) => {
    const { status, stdout, stderr } = run(args);
    expect(status).toBe(2);
    expect(stdout).toBe('');
    // Progress may come first; the error is the last thing said.
    expect(stderr.split('\n').slice(-3)).toEqual([
      `fargate-runner-review: ${message}`,
      'Run fargate-runner-review --help for usage.',
      '',
    ]);
  });

  test('compares two directories, with progress on stderr only', () => {
    const { status, stdout, stderr } = run(['--base', base, '--current', current]);
    expect(status).toBe(0);
    expect(stdout).toContain(`Base: \`${base}\`  \nCurrent: \`${current}\``);
    expect(stdout).toContain(`    - added resource \`${SECOND_SECRET}\``);
    expect(stdout).toContain('```mermaid\nflowchart LR');
    expect(stderr).toContain(`review: reading base ${base}\n`);
    expect(run(['-q', '--base', base, '--current', current]).stderr).toBe('');
  });

  test('--diagram prints only the diagrams; --no-diagrams leaves them out', () => {
    const diagram = run(['--diagram', '--current', current, '-q']);
    expect(diagram.status).toBe(0);
    expect(diagram.stdout).toMatch(/\n## `fargate-runner-dev`\n\n```mermaid\nflowchart LR\n/);
    expect(diagram.stdout).not.toContain('Terraform review');
    expect(run(['--no-diagrams', '--current', current, '-q']).stdout).not.toContain('mermaid');
  });

  test('--findings: an array or { findings }, shown with their stack, suppressed ones folded', () => {
    const findings: Finding[] = [
      {
        ruleId: 'IAM001',
        severity: 'warning',
        stack: STACK,
        address: 'aws_iam_role.x',
        message: 'wide',
      },
      {
        ruleId: 'IAM002',
        severity: 'error',
        stack: STACK,
        address: 'aws_iam_role.y',
        message: 'too | wide',
      },
      {
        ruleId: 'IAM003',
        severity: 'error',
        stack: STACK,
        address: 'aws_iam_role.z',
        message: 'accepted',
        suppressed: { reason: 'needed by the agent' },
      },
    ];
    const asArray = path.join(temp, 'findings.json');
    const asObject = path.join(temp, 'findings-object.json');
    fs.writeFileSync(asArray, JSON.stringify(findings));
    fs.writeFileSync(asObject, JSON.stringify({ findings }));
    const { status, stdout } = run(['-q', '--current', current, '--findings', asArray]);
    expect(status).toBe(0);
    expect(stdout).toContain('| `fargate-runner-dev` | +10 ~0 −0 | – | 2 | 1 error, 1 warning |');
    const table = stdout.slice(stdout.indexOf('### Security findings'));
    expect(table).toContain(
      [
        '| severity | rule | address | message |',
        '| --- | --- | --- | --- |',
        '| ❌ error | `IAM002` | `aws_iam_role.y` | too \\| wide |',
        '| ⚠️ warning | `IAM001` | `aws_iam_role.x` | wide |',
      ].join('\n'),
    );
    expect(table).toContain('<details><summary>1 suppressed finding</summary>');
    expect(table).toContain('| `IAM003` | `aws_iam_role.z` | accepted | needed by the agent |');
    expect(run(['-q', '--current', current, '--findings', asObject]).stdout).toBe(stdout);

    const elsewhere = path.join(temp, 'findings-elsewhere.json');
    fs.writeFileSync(elsewhere, JSON.stringify([{ ...findings[0], stack: 'other-stack' }]));
    const other = run(['-q', '--current', current, '--findings', elsewhere]).stdout;
    expect(other).toContain(
      '## Findings of stacks not reviewed\n\n### `other-stack`\n\n| severity |',
    );
    const selected = run(['-q', '--current', current, '--findings', elsewhere, '--stack', STACK]);
    expect(selected.stdout).not.toContain('other-stack');
  });

  test('--findings with a bad finding exits 2 and says which', () => {
    const bad = path.join(temp, 'bad-findings.json');
    fs.writeFileSync(
      bad,
      JSON.stringify([{ ruleId: 'X', severity: 'fatal', stack: 's', address: 'a', message: 'm' }]),
    );
    const { status, stderr } = run(['--current', current, '--findings', bad]);
    expect(status).toBe(2);
    expect(stderr).toContain(
      `${bad}: findings[0] has severity "fatal"; allowed: "error" or "warning"`,
    );
  });

  test('--plan alone reviews the plan; --output writes a file', () => {
    const output = path.join(temp, 'review.md');
    const { status, stdout } = run([
      '-q',
      '--current',
      current,
      '--plan',
      `${STACK}=${path.join(PLANS, 'moved_block.plan.json')}`,
      '--output',
      output,
    ]);
    expect(status).toBe(0);
    expect(stdout).toBe('');
    const review = fs.readFileSync(output, 'utf8');
    expect(review).toContain('### Plan: 1 unchanged');
    expect(review).not.toContain('### Synthesized changes');
  });

  test("--base <git-ref> synthesizes the ref in a temporary worktree with its synth script, this checkout's .gen and node_modules", () => {
    const repo = path.join(temp, 'repo');
    fs.mkdirSync(repo);
    const stack = JSON.stringify(runnerStack());
    // The synth fails unless this checkout's transpiled sources and kept bundles were copied
    // into the worktree, its code cache linked there to be read only, and its node_modules
    // linked there.
    const script = `const fs=require('fs'),p=require('path');if(!fs.existsSync('.gen/seed.txt'))process.exit(3);if(!fs.existsSync('.gen/.bundles/kept.js'))process.exit(4);if(fs.readFileSync('.gen/code-cache/app.bin','utf8')!=='cached'||!fs.lstatSync('.gen/code-cache').isSymbolicLink()||process.env.FARGATE_RUNNER_CODE_CACHE!=='read-only')process.exit(6);if(!fs.existsSync('node_modules/installed.txt'))process.exit(5);const d=p.join(process.env.CDKTF_OUTDIR,'stacks','${STACK}');fs.mkdirSync(d,{recursive:true});fs.copyFileSync('stack.json',p.join(d,'cdk.tf.json'))`;
    fs.mkdirSync(path.join(repo, '.gen'));
    fs.writeFileSync(path.join(repo, '.gen', 'seed.txt'), 'transpiled');
    fs.mkdirSync(path.join(repo, '.gen', '.bundles'));
    fs.writeFileSync(path.join(repo, '.gen', '.bundles', 'kept.js'), 'bundled');
    fs.mkdirSync(path.join(repo, '.gen', 'code-cache'));
    fs.writeFileSync(path.join(repo, '.gen', 'code-cache', 'app.bin'), 'cached');
    fs.writeFileSync(path.join(repo, 'stack.json'), stack);
    fs.writeFileSync(path.join(repo, 'synth.js'), script);
    // The same lock file at both refs, and a node_modules link tracked by git (a dangling one in
    // the worktree): the review replaces it with a link to this checkout's node_modules.
    fs.writeFileSync(path.join(repo, 'package-lock.json'), '{ "lockfileVersion": 3 }\n');
    fs.mkdirSync(path.join(repo, 'deps'));
    fs.writeFileSync(path.join(repo, 'deps', 'installed.txt'), 'installed');
    fs.writeFileSync(path.join(repo, '.gitignore'), '.gen/\ndeps/\n');
    fs.symlinkSync('deps', path.join(repo, 'node_modules'));
    fs.writeFileSync(
      path.join(repo, 'package.json'),
      JSON.stringify({ scripts: { synth: 'node synth.js' } }),
    );
    const git = (...args: string[]) => {
      const result = spawnSync(
        'git',
        ['-c', 'user.name=t', '-c', 'user.email=t@example.com', ...args],
        {
          cwd: repo,
          encoding: 'utf8',
        },
      );
      expect(result.stderr).toBe('');
    };
    git('init', '-q', '-b', 'main');
    git('add', '.');
    git('commit', '-q', '-m', 'base');

    const { status, stdout, stderr } = run(['--base', 'main', '--current', current], repo);
    expect(stderr).toContain('review: checking out main in a temporary worktree\n');
    expect(stderr).toContain('review: same package-lock.json: reusing node_modules\n');
    expect(stderr).toContain('review: synthesizing main (node synth.js)\n');
    expect(status).toBe(0);
    expect(stdout).toContain(`    - added resource \`${SECOND_SECRET}\``);
    // The temporary worktree is gone.
    const worktrees = spawnSync('git', ['worktree', 'list'], {
      cwd: repo,
      encoding: 'utf8',
    }).stdout;
    expect(worktrees.trim().split('\n')).toHaveLength(1);
  });

  test('a synth script of plain words runs with node directly, anything else through npm', () => {
    expect(synthCommand('node scripts/app.mjs')).toEqual([process.execPath, ['scripts/app.mjs']]);
    const npm = ['npm', ['run', '--silent', 'synth']];
    expect(synthCommand('node scripts/app.mjs && echo done')).toEqual(npm);
    expect(synthCommand('node $SCRIPT')).toEqual(npm);
    expect(synthCommand('cdktf synth')).toEqual(npm);
  });

  test('the npm script runs the command precompiled', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
    expect(pkg.scripts.review).toBe('node scripts/run.mjs src/review/cli.ts');
    expect(pkg.bin).toMatchObject({ 'fargate-runner-review': 'dist/src/review/cli.js' });
    const result = spawnSync('node', ['scripts/run.mjs', 'src/review/cli.ts', '--bogus'], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain("fargate-runner-review: Unknown option '--bogus'");
  });
});
