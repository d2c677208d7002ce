import { spawnSync } from 'child_process';
import * as fs from 'fs';
import { load } from 'js-yaml';
import * as os from 'os';
import * as path from 'path';
import { Testing } from 'cdktf';
import { dev } from '../../stacks/environments/dev';
import { staging } from '../../stacks/environments/staging';
import { FargateRunnerStack } from '../../stacks/fargate-runner-stack';
import { STACK_REQUIRED_TERRAFORM } from '../../stacks/backend';

const ROOT = path.resolve(__dirname, '../..');
/** The modules' floor, as their versions.tf declares it. */
const REQUIRED_TERRAFORM = /required_version = "([^"]+)"/.exec(
  fs.readFileSync(path.join(ROOT, 'modules', 'task-role', 'versions.tf'), 'utf8'),
)![1];

/**
 * Every action the workflows use, on its current major release, by commit SHA. Checked against
 * the SHAs that public repositories pin with the same release tag (see the CHANGELOG); update
 * the SHA and the tag together.
 */
const PINS: Record<string, string> = {
  'actions/checkout': '3d3c42e5aac5ba805825da76410c181273ba90b1 # v7.0.1',
  'actions/setup-node': '820762786026740c76f36085b0efc47a31fe5020 # v7.0.0',
  'actions/cache': 'cdf6c1fa76f9f475f3d7449005a359c84ca0f306 # v5.0.3',
  'actions/upload-artifact': '043fb46d1a93c77aae656e7c1c64a875d1fc6a0a # v7.0.1',
  'actions/download-artifact': '3e5f45b2cfb9172054b4087a40e8e0b5a5461e7c # v8.0.1',
  'actions/github-script': '3a2844b7e9c422d3c10d287c895573f7108da1b3 # v9.0.0',
  'hashicorp/setup-terraform': 'dfe3c3f87815947d99a8997f908cb6525fc44e9e # v4.0.1',
  'aws-actions/configure-aws-credentials': 'ec61189d14ec14c8efccab744f656cffd0e33f37 # v6.1.0',
};

interface Step {
  id?: string;
  name?: string;
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
  if?: string;
  env?: Record<string, string>;
}
interface Job {
  name?: string;
  needs?: string | string[];
  'timeout-minutes'?: number;
  concurrency?: { group: string; 'cancel-in-progress': boolean };
  environment?: string;
  permissions?: Record<string, string>;
  strategy?: { matrix?: { include?: Array<Record<string, string>> } };
  env?: Record<string, string>;
  steps: Step[];
}
interface Workflow {
  on: Record<string, unknown>;
  concurrency?: unknown;
  env: Record<string, string>;
  permissions?: Record<string, string>;
  jobs: Record<string, Job>;
}

const read = (name: string) =>
  fs.readFileSync(path.join(ROOT, '.github', 'workflows', name), 'utf8');
const parse = (name: string) => load(read(name)) as Workflow;
const scripts = Object.keys(
  JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).scripts,
);
const steps = (workflow: Workflow) => Object.values(workflow.jobs).flatMap((job) => job.steps);
const runs = (job: Job) => job.steps.map((s) => s.run ?? '').join('\n');

describe.each(['ci.yml', 'deploy.yml'])('%s', (name) => {
  const workflow = parse(name);

  test('runs only npm scripts that package.json has', () => {
    const used = steps(workflow).flatMap((s) =>
      [...(s.run ?? '').matchAll(/npm run (\S+)/g)].map((m) => m[1]),
    );
    expect(used.length).toBeGreaterThan(0);
    for (const script of used) expect(scripts).toContain(script);
  });

  test('disables the Terraform and cdktf checkpoints and caches providers and npm', () => {
    expect(workflow.env).toMatchObject({ CHECKPOINT_DISABLE: '1', DISABLE_VERSION_CHECK: '1' });
    expect(workflow.env.TF_PLUGIN_CACHE_DIR).toBeDefined();
    const cached = steps(workflow).filter((s) => s.uses?.startsWith('actions/cache@'));
    expect(cached.every((s) => s.with?.path === '${{ env.TF_PLUGIN_CACHE_DIR }}')).toBe(true);
    expect(cached.length).toBeGreaterThan(0);
    for (const s of steps(workflow).filter((s) => s.uses?.startsWith('actions/setup-node@'))) {
      expect(s.with).toMatchObject({ cache: 'npm' });
      expect([22, 24]).toContain(s.with?.['node-version']);
    }
  });

  test('holds no secret: credentials come from OIDC roles named in variables', () => {
    expect(read(name)).not.toMatch(/secrets\.|AKIA|aws-secret-access-key/i);
    for (const s of steps(workflow).filter((s) =>
      s.uses?.startsWith('aws-actions/configure-aws-credentials@'),
    )) {
      expect(String(s.with?.['role-to-assume'])).toMatch(/^\$\{\{ (vars\.|env\.ROLE_ARN)/);
    }
  });
});

describe.each(['ci.yml', 'deploy.yml', 'release.yml'])('%s, supply chain', (name) => {
  test('pins every action by commit SHA, its release tag in a comment, the same pin everywhere', () => {
    const uses = [...read(name).matchAll(/^\s*(?:- )?uses: (\S+)(.*)$/gm)];
    expect(uses.length).toBeGreaterThan(0);
    for (const [, action, comment] of uses) {
      expect(action).toMatch(/^[a-z0-9-]+\/[a-z0-9-]+@[0-9a-f]{40}$/);
      expect(comment).toMatch(/^ # v\d+\.\d+\.\d+$/);
      const [repo, sha] = action.split('@');
      expect(`${repo} ${sha}${comment}`).toBe(`${repo} ${PINS[repo]}`);
    }
  });

  test('runs no job on Node.js 20 (past its end of life) and gives every job a timeout', () => {
    expect(read(name)).not.toMatch(/node-version: ['"]?20/);
    for (const job of Object.values(parse(name).jobs)) {
      expect(job['timeout-minutes']).toBeGreaterThan(0);
    }
  });
});

describe('ci.yml', () => {
  const ci = parse('ci.yml');

  test('runs .ci/run on Node 22 and on Node 24', () => {
    const node = (job: Job) =>
      job.steps.find((s) => s.uses?.startsWith('actions/setup-node@'))?.with?.['node-version'];
    expect([ci.jobs.build, ci.jobs['node-24']].map(node)).toEqual([22, 24]);
    for (const job of [ci.jobs.build, ci.jobs['node-24']]) {
      expect(runs(job).split('\n')).toContain('bash .ci/run');
    }
  });

  test('a CDK Terrain job switches the toolchain, then type-checks, runs both test projects and synthesizes', () => {
    const job = ci.jobs.cdktn;
    expect(job.steps.find((s) => s.uses?.startsWith('actions/setup-node@'))?.with).toMatchObject({
      'node-version': 22,
    });
    expect(job.steps.map((s) => s.run).filter(Boolean)).toEqual([
      'npm ci --no-audit --no-fund',
      'node scripts/use-cdktn.mjs',
      'npm run typecheck',
      'npm test',
      'npm run test:integration',
      'npm run synth',
      'npx cdktn synth --output "$RUNNER_TEMP/cdktn.out"',
    ]);
  });

  test('runs on pull requests the same steps as .ci/run: install, lint, type-check, tests, synth with the checks', () => {
    expect(Object.keys(ci.on)).toEqual(['pull_request']);
    expect(runs(ci.jobs.build).split('\n')).toContain('bash .ci/run');
    const script = fs.readFileSync(path.resolve(__dirname, '../../.ci/run'), 'utf8');
    for (const command of [
      'npm ci',
      'npm run --silent lint',
      'npm run --silent typecheck',
      'npm test',
      'npm run test:integration',
      'npm run --silent synth',
    ]) {
      expect(script).toContain(command);
    }
  });

  test('plans each environment stack in a matrix job, skipping with a notice without a role', () => {
    const plan = ci.jobs.plan;
    expect(plan.strategy?.matrix?.include?.map((m) => m.stack)).toEqual([
      'fargate-runner-dev',
      'fargate-runner-staging',
      'fargate-runner-prod',
    ]);
    expect(plan.permissions).toEqual({ contents: 'read', 'id-token': 'write' });
    expect(runs(plan)).toContain('::notice title=Plan skipped');
    expect(runs(plan)).toContain('terraform init -input=false');
    expect(runs(plan)).toContain('terraform plan -input=false -lock=false -out=tfplan');
    expect(runs(plan)).toContain('terraform show -json tfplan');
    expect(plan.steps.map((s) => s.uses?.split('@')[0]).filter(Boolean)).toEqual([
      'actions/checkout',
      'actions/download-artifact',
      'aws-actions/configure-aws-credentials',
      'hashicorp/setup-terraform',
      'actions/cache',
      'actions/upload-artifact',
    ]);
  });

  test('reviews with the plans and findings and keeps one pull-request comment, found by its marker', () => {
    const review = ci.jobs.review;
    expect(review.needs).toEqual(['build', 'plan']);
    expect(review.permissions).toEqual({ contents: 'read', 'pull-requests': 'write' });
    expect(runs(review)).toContain('npm run review -- "${args[@]}"');
    expect(runs(review)).toContain('--plan plans');
    expect(runs(review)).toContain('--findings cdktf.out/checks-report.json');
    const script = String(
      review.steps.find((s) => s.uses?.startsWith('actions/github-script@'))?.with?.script,
    );
    expect(script).toContain("const marker = '<!-- fargate-runner-review -->';");
    expect(script).toContain('github.rest.issues.updateComment');
    expect(script).toContain('github.rest.issues.createComment');
  });
});

describe('ci.yml, Terraform', () => {
  const ci = parse('ci.yml');
  /** `>= 1.10` → `1.10`: the minor release a floor names. */
  const floor = (constraint: string) => /^>= (\d+\.\d+)$/.exec(constraint)![1];
  const minor = (version: string) => version.split('.').slice(0, 2).join('.');

  test("validates the modules and examples with their floor's Terraform and the real provider", () => {
    const entry = ci.jobs.terraform.strategy?.matrix?.include?.find((m) =>
      m.only.includes('--only module'),
    );
    expect(entry?.only).toBe('--only fmt --only module --only example');
    expect(minor(entry!.terraform)).toBe(floor(REQUIRED_TERRAFORM));
    expect(runs(ci.jobs.terraform)).toContain(
      'npm run verify:terraform -- --registry ${{ matrix.only }}',
    );
  });

  test("validates the stacks, and plans them, with the stacks' floor", () => {
    const entry = ci.jobs.terraform.strategy?.matrix?.include?.find(
      (m) => m.only === '--only stack',
    );
    expect(minor(entry!.terraform)).toBe(floor(STACK_REQUIRED_TERRAFORM));
    expect(minor(ci.env.TERRAFORM_VERSION)).toBe(floor(STACK_REQUIRED_TERRAFORM));
    const setup = ci.jobs.build.steps.find((s) => s.uses?.startsWith('hashicorp/setup-terraform@'));
    expect(setup?.with?.terraform_version).toBe('${{ env.TERRAFORM_VERSION }}');
  });

  test('.ci/run verifies everything with real Terraform', () => {
    const script = fs.readFileSync(path.resolve(__dirname, '../../.ci/run'), 'utf8');
    expect(script).toContain('npm run --silent verify:terraform');
  });
});

describe('deploy.yml', () => {
  const deploy = parse('deploy.yml');

  test('deploys dev on every push to main, then staging and prod behind their environments', () => {
    expect(deploy.on).toEqual({ push: { branches: ['main'] }, workflow_dispatch: null });
    expect(
      Object.entries(deploy.jobs).map(([id, job]) => [
        id,
        job.environment,
        job.needs,
        job.env?.STACK,
      ]),
    ).toEqual([
      ['dev', 'dev', undefined, 'fargate-runner-dev'],
      ['staging', 'staging', 'dev', 'fargate-runner-staging'],
      ['prod', 'prod', 'staging', 'fargate-runner-prod'],
    ]);
    for (const job of Object.values(deploy.jobs)) {
      expect(runs(job).split('\n')).toEqual(
        expect.arrayContaining([
          'npm run synth',
          'npx cdktf deploy "$STACK" --auto-approve --skip-synth',
        ]),
      );
    }
  });

  test('one concurrency group per environment, never cancelled halfway', () => {
    expect(deploy.concurrency).toBeUndefined();
    expect(Object.entries(deploy.jobs).map(([id, job]) => [id, job.concurrency])).toEqual(
      ['dev', 'staging', 'prod'].map((env) => [
        env,
        { group: `deploy-${env}`, 'cancel-in-progress': false },
      ]),
    );
  });

  test('skips with a notice when the environment has no deploy role, before anything else', () => {
    for (const job of Object.values(deploy.jobs)) {
      const [first, ...rest] = job.steps;
      expect(first.id).toBe('configured');
      expect(first.run).toContain('::notice title=Deploy skipped for $STACK::');
      expect(first.env).toEqual({ ROLE_ARN: '${{ vars.AWS_DEPLOY_ROLE_ARN }}' });
      for (const step of rest) expect(step.if).toBe("steps.configured.outputs.deploy == 'true'");
    }
  });

  test('checks the synthesized backend after synth and before credentials and the deploy', () => {
    for (const job of Object.values(deploy.jobs)) {
      const index = (match: (s: Step) => boolean) => job.steps.findIndex(match);
      const guard = index((s) => s.name === 'Require remote state');
      expect(job.steps[guard].run).toBe('node scripts/require-remote-state.mjs "$STACK"');
      expect(guard).toBeGreaterThan(index((s) => s.run === 'npm run synth'));
      expect(guard).toBeLessThan(
        index((s) => !!s.uses?.startsWith('aws-actions/configure-aws-credentials@')),
      );
      expect(guard).toBeLessThan(index((s) => !!s.run?.startsWith('npx cdktf deploy')));
    }
  });
});

/**
 * The guard steps of the workflows, run as GitHub runs them (bash, the job's environment) on
 * synthesized stacks: dev (local backend) is refused for a plan and for a deploy, staging (S3)
 * goes ahead.
 */
describe('the workflows refuse to plan or deploy a stack with local state', () => {
  let outdir: string;
  beforeAll(() => {
    outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'workflow-guard-'));
    for (const settings of [dev, staging]) {
      const stack = new FargateRunnerStack(Testing.app(), settings);
      const dir = path.join(outdir, 'stacks', `fargate-runner-${settings.name}`);
      fs.mkdirSync(dir, { recursive: true });
      fs.writeFileSync(path.join(dir, 'cdk.tf.json'), Testing.synth(stack));
    }
  });
  afterAll(() => fs.rmSync(outdir, { recursive: true, force: true }));

  const guard = (job: Job) => job.steps.find((s) => s.name === 'Require remote state')!.run!;
  const runStep = (script: string, env: Record<string, string>) =>
    spawnSync('bash', ['-eo', 'pipefail', '-c', script], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, CDKTF_OUTDIR: outdir, GITHUB_ACTIONS: 'true', ...env },
    });

  test.each([
    ['fargate-runner-dev', 1],
    ['fargate-runner-staging', 0],
  ])('ci.yml plan of %s exits %i', (stack, code) => {
    const plan = parse('ci.yml').jobs.plan;
    const script = guard(plan).replace('${{ matrix.stack }}', stack);
    const result = runStep(script, {});
    expect(result.status).toBe(code);
    if (code === 1) {
      expect(result.stderr).toContain(`::error title=Local state::${stack} keeps its Terraform`);
    }
    const steps = plan.steps.map((s) => s.name ?? s.uses ?? s.run ?? '');
    expect(steps.indexOf('Require remote state')).toBeLessThan(
      steps.findIndex((s) => s.startsWith('terraform init')),
    );
  });

  test.each([
    ['fargate-runner-dev', 1],
    ['fargate-runner-staging', 0],
  ])('deploy.yml deploy of %s exits %i', (stack, code) => {
    const result = runStep(guard(parse('deploy.yml').jobs.dev), { STACK: stack });
    expect(result.status).toBe(code);
    if (code === 1) expect(result.stderr).toContain('stacks/environments/dev.ts');
  });
});
