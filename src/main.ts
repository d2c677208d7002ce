import * as path from 'path';
import type * as HclRenderer from './hcl/stack-hcl';
import { ENVIRONMENT_FILES, parseEnvironments, type SettingsFile } from '../stacks/environments';
import { type EnvironmentSettings } from '../stacks/environments/schema';
import { FargateRunnerStack } from '../stacks/fargate-runner-stack';
import { checkSynthOutput } from './checks/cli';
import { formatTable, summarize } from './checks/report';
import { type Finding } from './checks/types';
import { synthesizeAtomically } from './synth-output';

/**
 * Where the app writes: the cdktf CLI's output directory when it runs the app (`CDKTF_OUTDIR`),
 * else `cdktf.out`, or `cdktf.out.hcl` for HCL, so that HCL never replaces the JSON that the
 * checks, the review and `cdktf deploy` read.
 */
export function outputDirectory(hcl = false): string {
  return process.env.CDKTF_OUTDIR ?? (hcl ? 'cdktf.out.hcl' : 'cdktf.out');
}

/** What a synth wrote, for its summary line. */
export interface SynthSummary {
  readonly outdir: string;
  readonly stacks: readonly string[];
  readonly errors: number;
  readonly warnings: number;
  readonly suppressed: number;
}

/** Options of {@link main}. */
export interface SynthOptions {
  /** Write the stacks as HCL (`cdk.tf`). @default - `SYNTH_HCL_OUTPUT` (set by `cdktf synth --hcl`) */
  readonly hcl?: boolean;
  /** Also list the suppressed findings, with their reasons. @default false */
  readonly verbose?: boolean;
  /** Receives what was written, once the output is in place. */
  readonly onSummary?: (summary: SynthSummary) => void;
  /** The settings files to synthesize. @default - every environment (stacks/environments) */
  readonly environments?: readonly SettingsFile[];
}

/**
 * Runs the security checks over the staged output: prints the open findings (and, verbose, the
 * suppressed ones with their reasons), writes the report; returns the exit code and the findings.
 */
async function runChecks(
  staging: string,
  outdir: string,
  verbose: boolean,
): Promise<{ code: number; findings: Finding[] }> {
  const report = 'checks-report.json';
  const findings = await checkSynthOutput(staging, path.join(staging, report));
  if (verbose) {
    console.log(formatTable(findings));
    console.log(`Report: ${path.join(outdir, report)}`);
  } else if (findings.some((f) => !f.suppressed)) {
    // The table of open findings, without formatTable's own summary line (the synth prints one).
    const open = findings.filter((f) => !f.suppressed);
    console.log(formatTable(open).split('\n\n').slice(0, -1).join('\n\n'));
  }
  return { code: summarize(findings).errors > 0 ? 1 : 0, findings };
}

/** The HCL renderer, loaded only for an HCL synth. */
function hclRenderer(): typeof HclRenderer {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on demand
  return require('./hcl/stack-hcl') as typeof HclRenderer;
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
export async function main(outdir?: string, options: SynthOptions = {}): Promise<number> {
  // Every settings problem of every environment, before anything is built or written.
  const files = options.environments ?? ENVIRONMENT_FILES;
  const environments = parseEnvironments(files);
  // `cdktf synth --hcl` sets SYNTH_HCL_OUTPUT; cdktf's own HCL drops false, 0 and "" values,
  // so the stacks are synthesized as JSON, checked, and rendered as HCL here instead.
  const hcl = options.hcl ?? ['true', '1'].includes(process.env.SYNTH_HCL_OUTPUT ?? '');
  delete process.env.SYNTH_HCL_OUTPUT;
  const out = outdir ?? outputDirectory(hcl);
  const stacks: FargateRunnerStack[] = [];
  let checks = 0;
  let findings: Finding[] = [];
  await synthesizeAtomically(
    out,
    (app) => {
      const failures: string[] = [];
      for (const [i, settings] of environments.entries()) {
        try {
          stacks.push(new FargateRunnerStack(app, withStateOverride(settings), files[i].file));
        } catch (error) {
          failures.push((error as Error).message);
        }
      }
      if (failures.length > 0) throw new Error(failures.join('\n\n'));
    },
    async (staging) => {
      ({ code: checks, findings } = await runChecks(staging, out, options.verbose ?? false));
      if (hcl) await hclRenderer().convertStacksToHcl(staging, stacks);
    },
    // Each environment's stack is built from its own settings only.
    { independentStacks: true },
  );
  options.onSummary?.({
    outdir: out,
    stacks: stacks.map((stack) => stack.node.id),
    ...summarize(findings),
  });
  return checks;
}
