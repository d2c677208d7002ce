import { ENVIRONMENTS } from '../stacks/environments';
import { FargateRunnerStack } from '../stacks/fargate-runner-stack';
import { synthesizeAtomically } from './synth-output';

/**
 * The cdktf app: one stack per environment, `fargate-runner-<environment>`. Run by `npm run
 * synth` and by the cdktf CLI (`cdktf.json`), precompiled: see scripts/app.mjs.
 */
export function main(outdir = process.env.CDKTF_OUTDIR ?? 'cdktf.out'): void {
  synthesizeAtomically(outdir, (app) => {
    const failures: string[] = [];
    for (const settings of ENVIRONMENTS) {
      try {
        new FargateRunnerStack(app, settings);
      } catch (error) {
        failures.push((error as Error).message);
      }
    }
    if (failures.length > 0) throw new Error(failures.join('\n\n'));
  });
}

if (require.main === module) {
  try {
    main();
  } catch (error) {
    console.error(`Synth failed; the previous output is unchanged.\n\n${(error as Error).message}`);
    process.exitCode = 1;
  }
}
