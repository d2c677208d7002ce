#!/usr/bin/env node
import { readFileSync } from 'fs';
import { diagnoseTask, type DiagnosisContext } from './diagnose';
import { renderDiagnosis } from './render';
import { parseJson, stoppedTasks } from './task';

const USAGE = `Usage: fargate-runner-diagnose [options] [file]

Explains why an ECS task stopped: which role was denied which action on which resource and the
option that grants it, or that the subnets have no route to a service the task needs. Reads a
stopped task's JSON from the file, or from standard input when no file (or -) is given:
\`aws ecs describe-tasks\` output ({"tasks":[…]}), a single task, or an EventBridge
"ECS Task State Change" event.

  aws ecs describe-tasks --cluster <cluster> --tasks <task-arn> | fargate-runner-diagnose

Exits 0 when no task failed, 1 when one did, 2 on bad arguments or input.

Options:
  --public-ip on|off   whether the tasks get a public IP (the runner's assignPublicIp):
                       the network advice then covers that case only
  --json               print the diagnoses as JSON
  --help               show this help`;

interface Arguments {
  file?: string;
  json: boolean;
  help: boolean;
  assignPublicIp?: boolean;
}

/** Runs the command; returns the exit code. */
export async function main(
  argv: readonly string[],
  readInput: (file: string | undefined) => string = readSource,
): Promise<number> {
  let args: Arguments;
  let tasks;
  try {
    args = parseArguments(argv);
    if (args.help) {
      console.log(USAGE);
      return 0;
    }
    const source = readInput(args.file);
    tasks = stoppedTasks(parseJson(source, args.file ?? 'standard input'));
  } catch (error) {
    console.error(`fargate-runner-diagnose: ${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  const context: DiagnosisContext =
    args.assignPublicIp === undefined ? {} : { assignPublicIp: args.assignPublicIp };
  const results = tasks.map((task) => diagnoseTask(task, context));
  console.log(
    args.json ? JSON.stringify(results, null, 2) : results.map(renderDiagnosis).join('\n\n'),
  );
  return results.some((result) => result.failed) ? 1 : 0;
}

function parseArguments(argv: readonly string[]): Arguments {
  const args: Arguments = { json: false, help: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--help' || arg === '-h') args.help = true;
    else if (arg === '--json') args.json = true;
    else if (arg === '--public-ip') {
      const value = argv[++i];
      if (value !== 'on' && value !== 'off')
        throw new Error(`--public-ip takes on or off, received ${JSON.stringify(value)}`);
      args.assignPublicIp = value === 'on';
    } else if (arg.startsWith('-') && arg !== '-') throw new Error(`unknown option ${arg}`);
    else if (args.file !== undefined) throw new Error(`one file only, received also ${arg}`);
    else args.file = arg;
  }
  return args;
}

function readSource(file: string | undefined): string {
  return readFileSync(file === undefined || file === '-' ? 0 : file, 'utf8');
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => (process.exitCode = code),
    (error: unknown) => {
      console.error(error);
      process.exitCode = 2;
    },
  );
}
