import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Testing } from 'cdktf';
import { ENVIRONMENTS } from '../../stacks/environments';
import { FargateRunnerStack } from '../../stacks/fargate-runner-stack';
import { main } from '../../src/main';
import { sections } from '../../src/hcl/equivalence';
import { STACK_SECTIONS, stackHcl } from '../../src/hcl/stack-hcl';
import { parseHcl } from './support';

// What `npm run synth:hcl` writes as each stack's cdk.tf.
describe.each(ENVIRONMENTS.map((settings) => [settings.name, settings] as const))(
  'the %s stack as HCL',
  (_name, settings) => {
    test('parses and is its JSON synth', async () => {
      const stack = new FargateRunnerStack(Testing.app(), settings);
      const json = JSON.parse(Testing.synth(stack, true)) as Record<string, unknown>;
      const parsed = await parseHcl({ 'cdk.tf': stackHcl(stack, json) });
      expect(sections(parsed, STACK_SECTIONS)).toEqual(sections(json, STACK_SECTIONS));
    });
  },
);

test('synth:hcl writes cdk.tf for every stack, with no cdk.tf.json left beside it', async () => {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'synth-hcl-'));
  const log = jest.spyOn(console, 'log').mockImplementation(() => undefined); // the checks' table
  try {
    expect(await main(outdir, { hcl: true })).toBe(0);
    expect(fs.existsSync(path.join(outdir, 'checks-report.json'))).toBe(true);
    const manifest = JSON.parse(fs.readFileSync(path.join(outdir, 'manifest.json'), 'utf8'));
    for (const settings of ENVIRONMENTS) {
      const dir = path.join(outdir, 'stacks', `fargate-runner-${settings.name}`);
      expect(fs.readdirSync(dir).filter((f) => f.startsWith('cdk.'))).toEqual(['cdk.tf']);
      expect(manifest.stacks[`fargate-runner-${settings.name}`].synthesizedStackPath).toBe(
        `stacks/fargate-runner-${settings.name}/cdk.tf`,
      );
    }
  } finally {
    log.mockRestore();
    fs.rmSync(outdir, { recursive: true, force: true });
  }
});
