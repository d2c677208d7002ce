import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { checkPlans } from '../../src/checks/engine';
import { type PlanJson } from '../../src/review/plan-json';
import { AWS_ROOT_CONFIG, initWithLocalState, terraform } from '../support/terraform';

/**
 * The checks on a plan made by real Terraform (through the stand-in AWS provider): a policy
 * written with jsonencode(…), which the synthesized JSON can only hold as an expression, is
 * judged on the value Terraform evaluated.
 */
const CONFIG = `${AWS_ROOT_CONFIG}
locals {
  passed = "*"
}

resource "aws_iam_role" "runner" {
  name = "runner"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "lambda.amazonaws.com" } }]
  })
}

resource "aws_iam_role_policy" "run" {
  name = "run"
  role = aws_iam_role.runner.name
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Sid = "PassAnyRole", Effect = "Allow", Action = "iam:PassRole", Resource = local.passed }]
  })
}
`;

let scratch: string;
let plan: PlanJson;

beforeAll(() => {
  scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'checks-real-plan-'));
  fs.writeFileSync(path.join(scratch, 'main.tf'), CONFIG);
  initWithLocalState(scratch);
  terraform(scratch, ['plan', '-input=false', '-out=tfplan']);
  plan = JSON.parse(terraform(scratch, ['show', '-json', 'tfplan'])) as PlanJson;
}, 60_000);

afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

test('a PassRole on * hidden in jsonencode is an error on the plan', async () => {
  const findings = await checkPlans([{ name: 'example', plan }]);
  const errors = findings.filter((f) => f.severity === 'error' && !f.suppressed);
  expect(errors.map((f) => [f.ruleId, f.address])).toEqual(
    expect.arrayContaining([
      ['FR-IAM-PASSROLE-WILDCARD', 'aws_iam_role_policy.run'],
      ['FR-IAM-PASSROLE-NO-SERVICE', 'aws_iam_role_policy.run'],
    ]),
  );
  expect(findings.some((f) => f.ruleId === 'FR-IAM-POLICY-UNREADABLE')).toBe(false);
});
