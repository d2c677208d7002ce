import { ENVIRONMENTS } from '../stacks/environments';
import { FargateRunnerStack } from '../stacks/fargate-runner-stack';
import { convertStacksToHcl } from './publish/stack-hcl';
import { synthesizeAtomically } from './synth-output';

/**
 * The cdktf app: one stack per environment, `fargate-runner-<environment>`. Run by `npm run
 * synth` and by the cdktf CLI (`cdktf.json`), precompiled: see scripts/app.mjs.
 */
export function main(
  outdir = process.env.CDKTF_OUTDIR ?? 'cdktf.out',
  options: { hcl?: boolean } = {},
): void {
  // `cdktf synth --hcl` sets SYNTH_HCL_OUTPUT; cdktf's own HCL drops false, 0 and "" values,
  // so the stacks are synthesized as JSON and rendered as HCL here instead.
  const hcl = options.hcl ?? ['true', '1'].includes(process.env.SYNTH_HCL_OUTPUT ?? '');
  delete process.env.SYNTH_HCL_OUTPUT;
  const stacks: FargateRunnerStack[] = [];
  synthesizeAtomically(outdir, (app) => {
    const failures: string[] = [];
    for (const settings of ENVIRONMENTS) {
      try {
        stacks.push(new FargateRunnerStack(app, settings));
      } catch (error) {
        failures.push((error as Error).message);
      }
    }
    if (failures.length > 0) throw new Error(failures.join('\n\n'));
  });
  if (hcl) convertStacksToHcl(outdir, stacks);
}

if (require.main === module) {
  try {
    main();
  } catch (error) {
    console.error(`Synth failed; the previous output is unchanged.\n\n${(error as Error).message}`);
    process.exitCode = 1;
  }
}
