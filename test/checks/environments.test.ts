import { Testing } from 'cdktf';
import { ENVIRONMENTS } from '../../stacks/environments';
import { FargateRunnerStack } from '../../stacks/fargate-runner-stack';
import * as fs from 'fs';
import * as path from 'path';
import { parseChecksConfig } from '../../src/checks/suppressions';
import { check } from './helpers';

const projectConfig = parseChecksConfig(
  JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../checks.suppressions.json'), 'utf8')),
  'checks.suppressions.json',
);

/**
 * The shipped stacks are the project's reference output: no check fails on them, and every
 * warning is either fixed or suppressed in checks.suppressions.json with its reason.
 */
test.each(ENVIRONMENTS.map((settings) => [settings.name, settings] as const))(
  'the %s stack has no error and no unsuppressed finding',
  async (_name, settings) => {
    const stack = new FargateRunnerStack(Testing.app(), settings);
    const json = JSON.parse(Testing.synth(stack, true)) as object;
    const raw = await check({ name: stack.node.id, json });
    expect(raw.filter((f) => f.severity === 'error')).toEqual([]);
    const findings = await check({ name: stack.node.id, json }, projectConfig);
    expect(findings.filter((f) => !f.suppressed && f.ruleId !== 'FR-SUPPRESSION-UNUSED')).toEqual(
      [],
    );
  },
);
