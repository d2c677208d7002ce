import { Testing, TerraformStack, type TerraformElement } from 'cdktf';
import { Construct, type Node } from 'constructs';
import { SqsQueue } from '@cdktf/provider-aws/lib/sqs-queue';
import { ReadableLogicalIds } from '../src/readable-ids';

class ReadableStack extends TerraformStack {
  private readonly ids = new ReadableLogicalIds(this);
  protected override allocateLogicalId(element: TerraformElement | Node): string {
    return this.ids.allocate(element);
  }
}

describe('ReadableLogicalIds', () => {
  test('the construct path in snake case, without Resource and without a hash', () => {
    const stack = new ReadableStack(Testing.app(), 'stack');
    const group = new Construct(stack, 'task-report');
    const role = new Construct(group, 'ExecutionRole');
    new SqsQueue(role, 'Resource', { name: 'a' });
    new SqsQueue(stack, 'dead_letter', { name: 'b' });
    const json = JSON.parse(Testing.synth(stack));
    expect(Object.keys(json.resource.aws_sqs_queue)).toEqual([
      'dead_letter',
      'task_report_execution_role',
    ]);
  });

  test('two paths with the same address are an error naming both', () => {
    const stack = new ReadableStack(Testing.app(), 'stack');
    new SqsQueue(new Construct(stack, 'a-b'), 'c', { name: 'x' });
    new SqsQueue(new Construct(stack, 'a'), 'b-c', { name: 'y' });
    expect(() => Testing.synth(stack)).toThrow(
      'Constructs stack/a-b/c and stack/a/b-c would both have the Terraform address "a_b_c": rename one of them',
    );
  });
});
