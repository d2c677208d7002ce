import { mkdtempSync, readFileSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { main } from '../../src/checks/cli';
import { StackModel } from '../../src/checks/model/stack';
import { isUnknown } from '../../src/checks/model/terraform';
import { type PlanJson } from '../../src/review/plan-json';
import { findingsOf, stack } from './helpers';
import { IamCatalog } from '../../src/checks/iam-data/catalog';
import { runChecksOnPlans } from '../../src/checks/engine';
import { type Finding } from '../../src/checks/types';

/** Real plans made by Terraform (see test/review/fixtures/terraform-plans/README.md). */
const realPlan = (name: string): PlanJson =>
  JSON.parse(
    readFileSync(
      join(__dirname, '..', 'review', 'fixtures', 'terraform-plans', `${name}.plan.json`),
      'utf8',
    ),
  ) as PlanJson;

const ACCOUNT = '123456789012';
const PASS_ANY = JSON.stringify({
  Version: '2012-10-17',
  Statement: [
    {
      Sid: 'PassAny',
      Effect: 'Allow',
      Action: 'iam:PassRole',
      Resource: '*',
      Condition: { StringEquals: { 'iam:PassedToService': 'ecs-tasks.amazonaws.com' } },
    },
  ],
});
const TRUST = JSON.stringify({
  Version: '2012-10-17',
  Statement: [
    {
      Effect: 'Allow',
      Principal: { Service: 'lambda.amazonaws.com' },
      Action: 'sts:AssumeRole',
      Condition: { StringEquals: { 'aws:SourceAccount': ACCOUNT } },
    },
  ],
});

/** A configuration expression that is one reference, as Terraform lists it: the attribute, then the resource. */
const referenceTo = (attribute: string) => ({
  references: [attribute, attribute.replace(/\.[^.]+$/, '')],
});

/**
 * A plan in the format of `terraform show -json` (format 1.2, as Terraform 1.11 writes it) of a
 * module `module.runner` whose managed policy is written with `jsonencode(...)`: the policy's
 * ARN is unknown until apply, so the attachment names it through the configuration's
 * references. Built here because no AWS provider plugin can be downloaded on this machine;
 * the real plans above prove the reader on Terraform's own output.
 */
function awsPlan(policy: unknown = PASS_ANY, policyUnknown = false): PlanJson {
  const change = (address: string, type: string, after: object, afterUnknown: object) => ({
    address,
    module_address: 'module.runner',
    mode: 'managed',
    type,
    name: address.split('.').pop(),
    provider_name: 'registry.terraform.io/hashicorp/aws',
    change: {
      actions: ['create'],
      before: null,
      after,
      after_unknown: afterUnknown,
      before_sensitive: false,
      after_sensitive: {},
    },
  });
  return {
    format_version: '1.2',
    terraform_version: '1.11.4',
    resource_changes: [
      change(
        'module.runner.aws_iam_role.this',
        'aws_iam_role',
        { name: 'runner', assume_role_policy: TRUST },
        { arn: true, id: true },
      ),
      change(
        'module.runner.aws_iam_policy.this',
        'aws_iam_policy',
        { name: 'runner', ...(policyUnknown ? {} : { policy }) },
        { arn: true, id: true, ...(policyUnknown && { policy: true }) },
      ),
      change(
        'module.runner.aws_iam_role_policy_attachment.this',
        'aws_iam_role_policy_attachment',
        { role: 'runner' },
        { id: true, policy_arn: true },
      ),
    ],
    configuration: {
      root_module: {
        module_calls: {
          runner: {
            module: {
              resources: [
                {
                  address: 'aws_iam_role_policy_attachment.this',
                  expressions: {
                    role: referenceTo('aws_iam_role.this.name'),
                    policy_arn: referenceTo('aws_iam_policy.this.arn'),
                  },
                },
              ],
            },
          },
        },
      },
    },
  } as unknown as PlanJson;
}

async function checkPlan(plan: PlanJson): Promise<Finding[]> {
  const model = StackModel.fromPlan('plan', plan);
  const services = new Set<string>(['iam', 'ecs']);
  for (const p of model.policies)
    for (const s of p.statements) for (const a of s.actions ?? []) services.add(a.split(':')[0]);
  const iam = await IamCatalog.load([...services].sort());
  return runChecksOnPlans([{ name: 'plan', plan }], { iam, today: '2026-11-23' });
}

describe('reading real terraform show -json plans', () => {
  test('every module, with instance addresses; unknown values stay unknown', () => {
    const model = StackModel.fromPlan('basic', realPlan('basic'));
    expect(model.resources.map((r) => r.address)).toEqual([
      'data.null_data_source.baz',
      'module.foo.null_resource.aliased',
      'module.foo.null_resource.foo',
      'null_resource.bar',
      'null_resource.baz[0]',
      'null_resource.baz[1]',
      'null_resource.baz[2]',
      'null_resource.foo',
    ]);
    const bar = model.get('null_resource.bar');
    expect(isUnknown(bar?.config.triggers)).toBe(true);
    expect(isUnknown(bar?.config.id)).toBe(true);
    expect(
      StackModel.fromPlan('deep', realPlan('deep_module')).resources.map((r) => r.address),
    ).toEqual(['module.foo.module.bar.null_resource.baz']);
  });

  test('a replaced resource is judged on its new values; a destroyed one is not judged', () => {
    const plan = realPlan('action_reason');
    const [replaced] = (plan.resource_changes ?? []).filter((c) =>
      c.change.actions.includes('delete'),
    );
    expect(replaced.change.actions).toEqual(['delete', 'create']);
    expect(StackModel.fromPlan('p', plan).get(replaced.address)).toBeDefined();
    // What Terraform writes for a destroy: actions ["delete"], after null.
    const destroyed = {
      ...plan,
      resource_changes: [
        { ...replaced, change: { ...replaced.change, actions: ['delete'], after: null } },
      ],
    } as PlanJson;
    expect(StackModel.fromPlan('p', destroyed).get(replaced.address)).toBeUndefined();
  });
});

describe('a real plan of a jsonencode(...) policy in a child module (fixtures/terraform-plans/jsonencode-module)', () => {
  const plan = JSON.parse(
    readFileSync(
      join(__dirname, 'fixtures', 'terraform-plans', 'jsonencode-module', 'plan.json'),
      'utf8',
    ),
  ) as PlanJson;
  const EVALUATED = {
    Statement: [
      {
        Action: 'iam:PassRole',
        Condition: { StringEquals: { 'iam:PassedToService': 'ecs-tasks.amazonaws.com' } },
        Effect: 'Allow',
        Resource: '*',
        Sid: 'PassAny',
      },
    ],
    Version: '2012-10-17',
  };

  test('the model holds the evaluated document; a value depending on another resource is unknown', () => {
    const model = StackModel.fromPlan('real', plan);
    const policy = model.get('module.runner.terraform_data.policy');
    expect(JSON.parse(String(policy?.config.input))).toEqual(EVALUATED);
    expect(isUnknown(model.get('module.runner.terraform_data.attachment')?.config.input)).toBe(
      true,
    );
  });

  test('judged as the aws_iam_policy it stands in for: PassRole on * is an error', async () => {
    // The same plan with the stand-in's type and attribute named as the AWS provider names them.
    const asAws = JSON.parse(
      JSON.stringify(plan)
        .replaceAll('terraform_data', 'aws_iam_policy')
        .replaceAll('"input"', '"policy"'),
    ) as PlanJson;
    const errors = (await checkPlan(asAws)).filter((f) => f.severity === 'error');
    expect(errors.map((f) => [f.ruleId, f.address, f.message])).toEqual([
      [
        'FR-IAM-POLICY-UNREADABLE',
        'module.runner.aws_iam_policy.attachment',
        'policy is unknown until apply (after_unknown in the plan): it was not checked; render it as a JSON string, check a plan of it (npm run check -- --plan <plan.json>) or suppress this finding with a reason',
      ],
      [
        'FR-IAM-PASSROLE-WILDCARD',
        'module.runner.aws_iam_policy.policy',
        'policy statement "PassAny" allows iam:PassRole on "*": name the exact role ARNs',
      ],
    ]);
  });
});

describe('the checks on a plan', () => {
  test('judge a policy that the synthesized JSON holds only as jsonencode(...): PassRole on * is an error', async () => {
    const synthesized = stack({
      aws_iam_policy: {
        this: {
          name: 'runner',
          policy: '${jsonencode({Statement = [{Action = "iam:PassRole", Resource = "*"}]})}',
        },
      },
    });
    expect(
      (await findingsOf('FR-IAM-POLICY-UNREADABLE', synthesized)).map((f) => f.severity),
    ).toEqual(['error']);

    const findings = await checkPlan(awsPlan());
    expect(findings.filter((f) => f.severity === 'error')).toEqual([
      {
        ruleId: 'FR-IAM-PASSROLE-WILDCARD',
        severity: 'error',
        stack: 'plan',
        address: 'module.runner.aws_iam_policy.this',
        message: 'policy statement "PassAny" allows iam:PassRole on "*": name the exact role ARNs',
      },
    ]);
  });

  test('an attachment whose policy ARN is unknown until apply still ties the policy to its role', () => {
    const model = StackModel.fromPlan('plan', awsPlan());
    expect(model.attachments).toEqual([
      {
        address: 'module.runner.aws_iam_role_policy_attachment.this',
        role: 'module.runner.aws_iam_role.this',
        policy: { kind: 'customer', address: 'module.runner.aws_iam_policy.this' },
      },
    ]);
    expect(
      model.identityPoliciesOf('module.runner.aws_iam_role.this').map((p) => p.address),
    ).toEqual(['module.runner.aws_iam_policy.this']);
  });

  test('a policy unknown until apply is an error, never fine', async () => {
    const findings = await checkPlan(awsPlan(undefined, true));
    expect(findings.filter((f) => f.severity === 'error')).toEqual([
      expect.objectContaining({
        ruleId: 'FR-IAM-POLICY-UNREADABLE',
        address: 'module.runner.aws_iam_policy.this',
        message: expect.stringMatching(
          /^policy is unknown until apply \(after_unknown in the plan\): it was not checked/,
        ),
      }),
    ]);
  });

  test('task definitions: roles compared through the configuration, containers judged on evaluated JSON', async () => {
    const containers = JSON.stringify([
      {
        name: 'app',
        image: 'public.ecr.aws/docker/library/busybox:1.36',
        readonlyRootFilesystem: true,
        logConfiguration: { logDriver: 'awslogs' },
        environment: [{ name: 'UPSTREAM', value: 'AKIAIOSFODNN7EXAMPLE' }],
      },
    ]);
    const plan = {
      format_version: '1.2',
      resource_changes: [
        {
          address: 'aws_ecs_task_definition.app',
          mode: 'managed',
          type: 'aws_ecs_task_definition',
          name: 'app',
          change: {
            actions: ['create'],
            before: null,
            after: { family: 'app', container_definitions: containers },
            after_unknown: { arn: true, execution_role_arn: true, task_role_arn: true },
          },
        },
      ],
      configuration: {
        root_module: {
          resources: [
            {
              address: 'aws_ecs_task_definition.app',
              expressions: {
                execution_role_arn: referenceTo('aws_iam_role.this.arn'),
                task_role_arn: referenceTo('aws_iam_role.this.arn'),
              },
            },
          ],
        },
      },
    } as unknown as PlanJson;
    const findings = (await checkPlan(plan)).filter((f) => f.severity === 'error');
    expect(findings.map((f) => [f.ruleId, f.message])).toEqual([
      [
        'FR-ECS-PLAINTEXT-SECRET',
        'container "app" has credentials in plain environment variables (UPSTREAM=[hidden] (its value looks like an AWS access key ID)): pass them as secrets (valueFrom a Secrets Manager or SSM ARN)',
      ],
      [
        'FR-ECS-SHARED-EXECUTION-TASK-ROLE',
        'uses ${aws_iam_role.this.arn} as both execution_role_arn and task_role_arn: give the application its own task role',
      ],
    ]);
  });

  test('npm run check -- --plan <file> fails on it and prints the finding', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'checks-plan-'));
    const file = join(dir, 'fargate-runner-dev.plan.json');
    writeFileSync(file, JSON.stringify(awsPlan()));
    const log = jest.spyOn(console, 'log').mockImplementation(() => undefined);
    try {
      expect(await main(['--plan', file, '--json', join(dir, 'report.json')])).toBe(1);
      expect(log.mock.calls[0][0]).toMatch(
        /^FR-IAM-PASSROLE-WILDCARD +error +fargate-runner-dev +module\.runner\.aws_iam_policy\.this +policy statement "PassAny"/m,
      );
    } finally {
      log.mockRestore();
    }
    const report = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8'));
    expect(report.summary.errors).toBe(1);
  });

  test('a file that is not a plan is a usage error (exit 2)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'checks-plan-'));
    const file = join(dir, 'x.json');
    writeFileSync(file, '{}');
    const error = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      expect(await main(['--plan', file])).toBe(2);
      expect(error.mock.calls[0][0]).toMatch(/is not a Terraform plan in JSON/);
    } finally {
      error.mockRestore();
    }
  });
});
