import * as path from 'path';
import { ENVIRONMENTS } from '../stacks/environments';
import { type EnvironmentSettings } from '../stacks/environments/schema';
import { FargateRunnerStack } from '../stacks/fargate-runner-stack';
import { convertStacksToHcl } from './hcl/stack-hcl';
import { checkOutput } from './checks/cli';
import { synthesizeAtomically } from './synth-output';

/** Where the app writes: the cdktf CLI's output directory when it runs the app, else `cdktf.out`. */
export function outputDirectory(): string {
  return process.env.CDKTF_OUTDIR ?? 'cdktf.out';
}

/**
 * `FARGATE_RUNNER_LOCAL_STATE=1` keeps every environment's state in a local file
 * (`terraform.<stack>.tfstate` in the project directory) whatever its settings say: for
 * rehearsing a deploy offline (against a stand-in provider) or in a sandbox account, never for
 * a real environment, whose state belongs in its backend.
 */
function withStateOverride(settings: EnvironmentSettings): EnvironmentSettings {
  if (!['1', 'true'].includes(process.env.FARGATE_RUNNER_LOCAL_STATE ?? '')) return settings;
  console.warn(`FARGATE_RUNNER_LOCAL_STATE: ${settings.name} keeps its state in a local file.`);
  return { ...settings, backend: { type: 'local' } };
}

/**
 * The cdktf app: one stack per environment, `fargate-runner-<environment>`, then the security
 * checks over what it synthesized. Run by `npm run synth` and by the cdktf CLI (`cdktf.json`),
 * precompiled: see scripts/app.mjs. Throws when the settings are invalid (the previous output
 * is left untouched); returns 1 when the checks find an error (the output is written, so that
 * it can be reviewed), else 0.
 */
export async function main(
  outdir = outputDirectory(),
  options: { hcl?: boolean } = {},
): Promise<number> {
  // `cdktf synth --hcl` sets SYNTH_HCL_OUTPUT; cdktf's own HCL drops false, 0 and "" values,
  // so the stacks are synthesized as JSON, checked, and rendered as HCL here instead.
  const hcl = options.hcl ?? ['true', '1'].includes(process.env.SYNTH_HCL_OUTPUT ?? '');
  delete process.env.SYNTH_HCL_OUTPUT;
  const stacks: FargateRunnerStack[] = [];
  let checks = 0;
  await synthesizeAtomically(
    outdir,
    (app) => {
      const failures: string[] = [];
      for (const settings of ENVIRONMENTS) {
        try {
          stacks.push(new FargateRunnerStack(app, withStateOverride(settings)));
        } catch (error) {
          failures.push((error as Error).message);
        }
      }
      if (failures.length > 0) throw new Error(failures.join('\n\n'));
    },
    async (staging) => {
      const report = 'checks-report.json';
      checks = await checkOutput(staging, path.join(staging, report), path.join(outdir, report));
      if (hcl) await convertStacksToHcl(staging, stacks);
    },
  );
  return checks;
}
