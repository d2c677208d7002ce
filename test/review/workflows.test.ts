import * as fs from 'fs';
import { load } from 'js-yaml';
import * as path from 'path';
import { STACK_REQUIRED_TERRAFORM } from '../../stacks/backend';

const ROOT = path.resolve(__dirname, '../..');
/** The modules' floor, as their versions.tf declares it. */
const REQUIRED_TERRAFORM = /required_version = "([^"]+)"/.exec(
  fs.readFileSync(path.join(ROOT, 'modules', 'task-role', 'versions.tf'), 'utf8'),
)![1];

interface Step {
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
  if?: string;
  env?: Record<string, string>;
}
interface Job {
  needs?: string | string[];
  environment?: string;
  permissions?: Record<string, string>;
  strategy?: { matrix?: { include?: Array<Record<string, string>> } };
  env?: Record<string, string>;
  steps: Step[];
}
interface Workflow {
  on: Record<string, unknown>;
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

  test('pins every action to a major version', () => {
    for (const { uses } of steps(workflow).filter((s) => s.uses)) {
      expect(uses).toMatch(/^[a-z0-9-]+\/[a-z0-9-]+@v\d+$/);
    }
  });

  test('disables the Terraform and cdktf checkpoints and caches providers and npm', () => {
    expect(workflow.env).toMatchObject({ CHECKPOINT_DISABLE: '1', DISABLE_VERSION_CHECK: '1' });
    expect(workflow.env.TF_PLUGIN_CACHE_DIR).toBeDefined();
    const cached = steps(workflow).filter((s) => s.uses?.startsWith('actions/cache@'));
    expect(cached.every((s) => s.with?.path === '${{ env.TF_PLUGIN_CACHE_DIR }}')).toBe(true);
    expect(cached.length).toBeGreaterThan(0);
    for (const s of steps(workflow).filter((s) => s.uses?.startsWith('actions/setup-node@'))) {
      expect(s.with).toMatchObject({ 'node-version': 20, cache: 'npm' });
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

describe('ci.yml', () => {
  const ci = parse('ci.yml');

  test('runs on pull requests the same steps as .ci/run: install, lint, type-check, tests, synth with the checks', () => {
    expect(Object.keys(ci.on)).toEqual(['pull_request']);
    expect(runs(ci.jobs.build).split('\n')).toContain('bash .ci/run');
    const script = fs.readFileSync(path.resolve(__dirname, '../../.ci/run'), 'utf8');
    for (const command of [
      'npm ci',
      'npm run --silent lint',
      'npm run --silent typecheck',
      'npm test',
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
});
