import { TerraformOutput, TerraformStack, TerraformVariable, Testing } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { TaskExecutionRole } from '../../modules/task-execution-role';
import { PolicyDocument } from '../../src/iam/document';
import { resourcesOfType } from '../support/synth';

const listVariable = (stack: TerraformStack, id: string) =>
  new TerraformVariable(stack, id, { type: 'list(string)' }).listValue;

/** The document's policy string as synthesized. */
function rendered(stack: TerraformStack, document: PolicyDocument): string {
  new TerraformOutput(stack, 'policy', { value: document.toJsonString() });
  return JSON.parse(Testing.synth(stack)).output.policy.value;
}

function policies(stack: TerraformStack): string[] {
  const json = JSON.parse(Testing.synth(stack, true));
  return Object.values(resourcesOfType(json, 'aws_iam_role_policy')).map((p) => p.policy as string);
}

describe('a policy holding Terraform list tokens', () => {
  test('is rendered with jsonencode, splicing the lists in with concat and mapping their items in Terraform', () => {
    const stack = new TerraformStack(Testing.app(), 'test');
    new AwsProvider(stack, 'aws', {});
    new TaskExecutionRole(stack, 'exec', {
      roleName: 'exec',
      repositoryArns: [
        'arn:aws:ecr:eu-west-1:123456789012:repository/base',
        ...listVariable(stack, 'repository_arns'),
      ],
      logGroupNames: listVariable(stack, 'log_group_names'),
    });
    const [policy] = policies(stack);
    expect(policy).toMatch(
      /^\$\{jsonencode\(\{"Version" = "2012-10-17", "Statement" = \[for s in \[/,
    );
    expect(policy).toContain(
      '"Resource" = concat(["arn:aws:ecr:eu-west-1:123456789012:repository/base"], var.repository_arns)',
    );
    expect(policy).toContain(
      '[for item in var.log_group_names : "arn:${data.aws_partition.current.partition}:logs:${data.aws_region.current.region}:${data.aws_caller_identity.current.account_id}:log-group:${item}:log-stream:*"]',
    );
    // Statements whose lists turn out empty are left out: IAM rejects "Resource": [].
    expect(policy).toContain(': s if length(lookup(s, "Resource", ["*"])) > 0]');
    expect(policy).not.toContain('TfToken');
  });

  test('keeps IAM policy variables literal', () => {
    const stack = new TerraformStack(Testing.app(), 'test');
    const document = new PolicyDocument([
      {
        sid: 'Own',
        actions: ['s3:GetObject'],
        resources: ['arn:aws:s3:::b/${aws:username}/*', ...listVariable(stack, 'extra')],
      },
    ]);
    const resolved = rendered(stack, document);
    expect(resolved).toContain('"arn:aws:s3:::b/$${aws:username}/*"');
  });

  test('a document without list tokens is the same JSON string as before', () => {
    const stack = new TerraformStack(Testing.app(), 'test');
    const document = new PolicyDocument([
      { sid: 'A', actions: ['s3:GetObject'], resources: ['*'] },
    ]);
    expect(rendered(stack, document)).toBe(
      '{"Version":"2012-10-17","Statement":[{"Sid":"A","Effect":"Allow","Action":["s3:GetObject"],"Resource":["*"]}]}',
    );
  });
});
