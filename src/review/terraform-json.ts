import * as fs from 'fs';
import * as path from 'path';
import { compareStrings } from '../iam/statement';
import { UsageError } from './usage-error';

/** A synthesized stack: the Terraform JSON of `cdktf.out/stacks/<stack>/cdk.tf.json`. */
export interface StackJson {
  readonly resource?: Record<string, Record<string, Record<string, unknown>>>;
  readonly data?: Record<string, Record<string, Record<string, unknown>>>;
  readonly [key: string]: unknown;
}

/** One resource with its configuration (synthesized) or values (planned). */
export interface ResourceInstance {
  /** `type.name`, with a module prefix and index in plans: `module.a.aws_iam_role.b[0]`. */
  readonly address: string;
  readonly type: string;
  readonly values: Readonly<Record<string, unknown>>;
}

/** Every managed resource of a synthesized stack, by address `type.name`, sorted. */
export function stackResources(stack: StackJson): ResourceInstance[] {
  return Object.entries(stack.resource ?? {})
    .flatMap(([type, byName]) =>
      Object.entries(byName).map(([name, values]) => ({
        address: `${type}.${name}`,
        type,
        values: values ?? {},
      })),
    )
    .sort((a, b) => compareStrings(a.address, b.address));
}

/** Synthesized stacks by name. */
export type SynthOutput = ReadonlyMap<string, StackJson>;

const STACK_FILE = 'cdk.tf.json';

/**
 * Reads a cdktf output directory (`<dir>/stacks/<stack>/cdk.tf.json`), or one stack's
 * directory holding `cdk.tf.json` (named after the directory).
 */
export function readSynthOutput(directory: string): SynthOutput {
  if (!fs.existsSync(directory) || !fs.statSync(directory).isDirectory()) {
    throw new UsageError(`${directory} is not a directory of synthesized stacks`);
  }
  const single = path.join(directory, STACK_FILE);
  if (fs.existsSync(single)) {
    return new Map([[path.basename(path.resolve(directory)), readJson<StackJson>(single)]]);
  }
  const stacksDir = path.join(directory, 'stacks');
  if (!fs.existsSync(stacksDir)) {
    throw new UsageError(
      `${directory} holds no synthesized stacks (no stacks/<stack>/${STACK_FILE}): run npm run synth first`,
    );
  }
  const stacks = new Map<string, StackJson>();
  for (const name of fs.readdirSync(stacksDir).sort()) {
    const file = path.join(stacksDir, name, STACK_FILE);
    if (fs.existsSync(file)) stacks.set(name, readJson<StackJson>(file));
  }
  if (stacks.size === 0) {
    throw new UsageError(
      `${directory} holds no synthesized stacks (no stacks/<stack>/${STACK_FILE}; an HCL synth writes cdk.tf, which the review does not read): run npm run synth first`,
    );
  }
  return stacks;
}

/** Reads and parses a JSON file, naming the file in the error. */
export function readJson<T>(file: string): T {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read ${file}: ${(error as Error).message}`);
  }
  try {
    return JSON.parse(text) as T;
  } catch (error) {
    throw new UsageError(`${file} is not valid JSON: ${(error as Error).message}`);
  }
}
