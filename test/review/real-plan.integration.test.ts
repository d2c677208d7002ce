import { App } from 'cdktf';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { type EnvironmentSettings } from '../../stacks/environments/schema';
import { staging } from '../../stacks/environments/staging';
import { FargateRunnerStack } from '../../stacks/fargate-runner-stack';
import { main } from '../../src/review/cli';
import { initWithLocalState, terraform } from '../support/terraform';

/**
 * The review on real plans: staging is applied (through the stand-in provider, into local
 * state), then the report task's cpu changes and it reads one more secret; the review of that
 * plan names exactly the task definition change and the added secretsmanager:GetSecretValue
 * resource.
 */
const STACK = 'fargate-runner-staging';
const NEW_SECRET = 'arn:aws:secretsmanager:eu-west-1:444455556666:secret:report/api-token-XyZ123';

function synthesize(settings: EnvironmentSettings, outdir: string): string {
  const app = new App({ outdir, skipValidation: false });
  new FargateRunnerStack(app, settings);
  app.synth();
  return path.join(outdir, 'stacks', STACK);
}

/** Replaces the configuration in `dir` with the synthesized stack in `stackDir` (state kept). */
function useConfiguration(stackDir: string, dir: string) {
  fs.rmSync(path.join(dir, 'assets'), { recursive: true, force: true });
  fs.cpSync(stackDir, dir, { recursive: true });
}

const changed: EnvironmentSettings = {
  ...staging,
  tasks: staging.tasks.map((task) =>
    task.name === 'report'
      ? { ...task, cpu: 1024, memoryMiB: 2048, secrets: { ...task.secrets, API_TOKEN: NEW_SECRET } }
      : task,
  ),
};

let scratch: string;
let review: string;
let plan: {
  resource_changes: Array<{ address: string; change: { actions: string[] } }>;
};

beforeAll(() => {
  scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'review-real-plan-'));
  const base = synthesize(staging, path.join(scratch, 'base'));
  const current = synthesize(changed, path.join(scratch, 'current'));
  const work = path.join(scratch, 'work');
  fs.cpSync(base, work, { recursive: true });
  initWithLocalState(work);
  terraform(work, ['apply', '-input=false', '-auto-approve']);
  useConfiguration(current, work);
  terraform(work, ['plan', '-input=false', '-out=tfplan']);
  const planFile = path.join(scratch, `${STACK}.json`);
  fs.writeFileSync(planFile, terraform(work, ['show', '-json', 'tfplan']));
  plan = JSON.parse(fs.readFileSync(planFile, 'utf8'));
  const out = path.join(scratch, 'review.md');
  const status = main(
    [
      '--plan',
      `${STACK}=${planFile}`,
      '--current',
      path.join(scratch, 'current'),
      '--quiet',
      '-o',
      out,
    ],
    { stdout: () => undefined, stderr: (text) => process.stderr.write(text), cwd: scratch },
  );
  expect(status).toBe(0);
  review = fs.readFileSync(out, 'utf8');
}, 120_000);

afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

describe('the review of a real plan of staging', () => {
  test('Terraform plans exactly the task definition and its execution role policy', () => {
    const changes = plan.resource_changes
      .filter((c) => !c.change.actions.every((a) => a === 'no-op' || a === 'read'))
      .map((c) => c.address);
    expect(changes).toEqual([
      'aws_ecs_task_definition.task_report',
      'aws_iam_role_policy.task_report_execution_role_role_policy',
    ]);
  });

  test('names the task definition change and nothing else', () => {
    expect(review).toContain('### Plan: 2 to update, 22 unchanged');
    const rows = review.split('\n').filter((line) => /^\| update \| /.test(line));
    expect(rows).toHaveLength(2);
    expect(rows[0]).toContain('`aws_ecs_task_definition.task_report`');
    expect(rows[0]).toContain('`cpu`: `"512"` → `"1024"`');
    expect(rows[0]).toContain('`memory`: `"1024"` → `"2048"`');
    expect(rows[0]).toContain('`container_definitions[0].secrets[]` added');
    expect(rows[1]).toContain('`aws_iam_role_policy.task_report_execution_role_role_policy`');
  });

  test('names the added secretsmanager:GetSecretValue resource on the execution role', () => {
    const iam = review.slice(review.indexOf('#### IAM changes in the plan'));
    expect(iam).toContain('**role `fargate-runner-staging-report-execution`**');
    expect(iam).toMatch(
      new RegExp(
        `\`SecretsRead\` changed \\(Allow \`secretsmanager:GetSecretValue\`\\)\n\\s+- added resource \`${NEW_SECRET}\``,
      ),
    );
    expect(review).toContain(
      '| `fargate-runner-staging` | – | 2 to update, 22 unchanged | 0 | none |',
    );
  });
});
