import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Testing } from 'cdktf';
import { dev } from '../../stacks/environments/dev';
import { prod } from '../../stacks/environments/prod';
import { staging } from '../../stacks/environments/staging';
import { type EnvironmentSettings } from '../../stacks/environments/schema';
import { FargateRunnerStack } from '../../stacks/fargate-runner-stack';

/**
 * The guard the GitHub workflows run before `terraform plan` (ci.yml) and `cdktf deploy`
 * (deploy.yml): a stack whose state would live in a local file on the runner is refused.
 */
const SCRIPT = path.resolve(__dirname, '../../scripts/require-remote-state.mjs');

let outdir: string;
beforeAll(() => {
  outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'remote-state-'));
});
afterAll(() => fs.rmSync(outdir, { recursive: true, force: true }));

/** Writes a stack's synthesized configuration where `cdktf synth` would. */
function write(stack: string, config: unknown): void {
  fs.mkdirSync(path.join(outdir, 'stacks', stack), { recursive: true });
  fs.writeFileSync(path.join(outdir, 'stacks', stack, 'cdk.tf.json'), JSON.stringify(config));
}
function synthesize(settings: EnvironmentSettings, stack = `fargate-runner-${settings.name}`) {
  write(stack, JSON.parse(Testing.synth(new FargateRunnerStack(Testing.app(), settings))));
}
const run = (...args: string[]) => {
  const result = spawnSync(process.execPath, [SCRIPT, '--outdir', outdir, ...args], {
    encoding: 'utf8',
    env: { ...process.env, GITHUB_ACTIONS: '' },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
};

describe('require-remote-state (the workflows refuse a stack with local state)', () => {
  beforeAll(() => {
    for (const settings of [dev, staging, prod]) synthesize(settings);
  });

  test('staging and prod keep their state in S3: plan and deploy may go ahead', () => {
    const result = run('fargate-runner-staging', 'fargate-runner-prod');
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout).toBe(
      'fargate-runner-staging: state in its s3 backend.\nfargate-runner-prod: state in its s3 backend.\n',
    );
  });

  test('dev keeps a local backend for a laptop: refused, saying what to set', () => {
    const result = run('fargate-runner-dev');
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /^fargate-runner-dev keeps its Terraform state in a local file, which dies with the CI runner: refusing to plan or deploy it\. Set `backend: \{ type: 's3', bucket, region \}` .* in stacks\/environments\/dev\.ts/,
    );
  });

  test('one local stack among several fails the whole step', () => {
    expect(run('fargate-runner-staging', 'fargate-runner-dev').code).toBe(1);
  });

  test('a remote environment forced to local state (FARGATE_RUNNER_LOCAL_STATE) is refused too', () => {
    synthesize({ ...prod, backend: { type: 'local' } }, 'prod-local');
    expect(run('prod-local').code).toBe(1);
  });

  test('no backend at all is local state (Terraform default); HCP Terraform is remote', () => {
    write('none', { terraform: { required_version: '>= 1.10' } });
    synthesize({ ...staging, backend: { type: 'cloud', organization: 'acme' } }, 'cloud');
    expect(run('none').code).toBe(1);
    expect(run('cloud')).toMatchObject({ code: 0, stdout: 'cloud: state in its cloud backend.\n' });
  });

  test('a stack without synth output is an error, not a pass', () => {
    const result = run('fargate-runner-nowhere');
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('no synth output');
  });

  test('on GitHub the refusal is an error annotation', () => {
    const result = spawnSync(process.execPath, [SCRIPT, '--outdir', outdir, 'fargate-runner-dev'], {
      encoding: 'utf8',
      env: { ...process.env, GITHUB_ACTIONS: 'true' },
    });
    expect(result.stderr).toMatch(/^::error title=Local state::fargate-runner-dev keeps/);
  });

  test('--help, and wrong usage exits 2', () => {
    expect(run('--help')).toMatchObject({ code: 0 });
    expect(run('--help').stdout).toContain('Exit codes: 0 remote state');
    expect(run('--bogus', 'fargate-runner-staging').code).toBe(2);
    expect(run().code).toBe(2);
  });
});
