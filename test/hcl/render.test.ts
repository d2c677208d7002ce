import { type TerraformStack, Testing } from 'cdktf';
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { EcsCluster } from '../../modules/ecs-cluster';
import { blockSchema } from '../../src/hcl/blocks';
import { sections } from '../../src/hcl/equivalence';
import { renderSections } from '../../src/hcl/render';
import { newStack } from '../support/synth';
import { parseHcl } from './support';

const roundTrip = async (stack: TerraformStack) => {
  const json = JSON.parse(Testing.synth(stack)) as Record<string, unknown>;
  const hcl = renderSections(json, ['data', 'resource'], blockSchema(stack));
  const parsed = await parseHcl({ 'main.tf': hcl });
  return { json, hcl, parsed };
};

test('false, 0 and "" set in TypeScript survive into the HCL', async () => {
  const stack = newStack();
  new CloudwatchLogGroup(stack, 'group', { name: '', retentionInDays: 0, skipDestroy: false });
  const { parsed, hcl } = await roundTrip(stack);
  expect(hcl).toMatch(/name\s+= ""\n/);
  expect(parsed.resource).toEqual({
    aws_cloudwatch_log_group: {
      group: [{ name: '', retention_in_days: 0, skip_destroy: false }],
    },
  });
});

test('nested blocks, JSON strings with references, quotes and escaped template syntax round-trip', async () => {
  const stack = newStack();
  new EcsCluster(stack, 'cluster', {
    clusterName: 'jobs',
    defaultCapacityProviderStrategy: [
      { capacityProvider: 'FARGATE', weight: 0, base: 1 },
      { capacityProvider: 'FARGATE_SPOT', weight: 3 },
    ],
    executeCommand: { logRetentionDays: 7 },
  });
  new CloudwatchLogGroup(stack, 'odd', {
    name: 'a "quoted" $${literal} %%{directive} \\ back\nline',
    tags: { 'aws-style:key': '${data.aws_region.current.region}' },
  });
  const { json, parsed, hcl } = await roundTrip(stack);
  expect(hcl).toContain('execute_command_configuration {');
  expect(hcl).toContain('cloud_watch_encryption_enabled = false');
  expect(sections(parsed, ['data', 'resource'])).toEqual(sections(json, ['data', 'resource']));
});
