import { Testing } from 'cdktf';
import { ENVIRONMENTS } from '../../stacks/environments';
import { FargateRunnerStack } from '../../stacks/fargate-runner-stack';
import { check } from './helpers';

/** The shipped stacks are the project's reference output: no check may fail on them. */
test.each(ENVIRONMENTS.map((settings) => [settings.name, settings] as const))(
  'the %s stack has no error finding',
  async (_name, settings) => {
    const stack = new FargateRunnerStack(Testing.app(), settings);
    const json = JSON.parse(Testing.synth(stack, true)) as object;
    const findings = await check({ name: stack.node.id, json });
    expect(findings.filter((f) => f.severity === 'error')).toEqual([]);
  },
);
