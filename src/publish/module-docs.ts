import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The inputs and outputs tables of a Terraform module's README, generated from its
 * `variables.tf` and `outputs.tf` (parsed with HashiCorp's HCL parser, `@cdktf/hcl2json`),
 * between the markers terraform-docs uses, so either tool can keep them in step.
 */
export const BEGIN = '<!-- BEGIN_TF_DOCS -->';
export const END = '<!-- END_TF_DOCS -->';

interface Variable {
  readonly description?: string;
  readonly type?: string;
  readonly default?: unknown;
}
interface Output {
  readonly description?: string;
}

/** A markdown table cell: one line, pipes escaped. */
const cell = (text: string) =>
  text
    .trim()
    .replace(/\s*\n\s*/g, ' ')
    .replace(/\|/g, '\\|');

/** A type expression as written (`${list(string)}` in hcl2json's output), on one line. */
const typeText = (type: string | undefined) =>
  (type ?? 'any')
    .replace(/^\$\{([\s\S]*)\}$/, '$1')
    .replace(/\{\s*\n\s*/g, '{ ')
    .replace(/\s*\n\s*\}/g, ' }')
    .replace(/\s*\n\s*/g, ', ')
    .replace(/\s+/g, ' ');

const defaultText = (value: unknown) =>
  value === null ? '`null`' : `\`${cell(JSON.stringify(value).replace(/":/g, '" = '))}\``;

async function parse(file: string): Promise<Record<string, Record<string, unknown[]>>> {
  if (!existsSync(file)) return {};
  const { parse: parseHcl } = await import('@cdktf/hcl2json');
  return (await parseHcl(file, readFileSync(file, 'utf8'))) as Record<
    string,
    Record<string, unknown[]>
  >;
}

/** The tables of the module in `dir`, sorted by name as terraform-docs sorts them. */
export async function moduleTables(dir: string): Promise<string> {
  const variables = Object.entries((await parse(join(dir, 'variables.tf'))).variable ?? {})
    .map(([name, [spec]]) => [name, spec as Variable] as const)
    .sort(([a], [b]) => (a < b ? -1 : 1));
  const outputs = Object.entries((await parse(join(dir, 'outputs.tf'))).output ?? {})
    .map(([name, [spec]]) => [name, spec as Output] as const)
    .sort(([a], [b]) => (a < b ? -1 : 1));
  return [
    '### Inputs',
    '',
    '| Name | Description | Type | Default | Required |',
    '| ---- | ----------- | ---- | ------- | :------: |',
    ...variables.map(([name, spec]) => {
      const required = !('default' in spec);
      return `| \`${name}\` | ${cell(spec.description ?? '')} | \`${cell(typeText(spec.type))}\` | ${
        required ? 'n/a' : defaultText(spec.default)
      } | ${required ? 'yes' : 'no'} |`;
    }),
    '',
    '### Outputs',
    '',
    '| Name | Description |',
    '| ---- | ----------- |',
    ...outputs.map(([name, spec]) => `| \`${name}\` | ${cell(spec.description ?? '')} |`),
  ].join('\n');
}

/** `readme` with the text between the markers replaced by `tables`. */
export function withTables(readme: string, tables: string): string {
  const begin = readme.indexOf(BEGIN);
  const end = readme.indexOf(END);
  if (begin < 0 || end < begin) throw new Error(`the README has no ${BEGIN} … ${END} section`);
  return `${readme.slice(0, begin + BEGIN.length)}\n\n${tables}\n\n${readme.slice(end)}`;
}

/** The folders under `modulesDir` that hold a Terraform module (a `variables.tf`). */
export function terraformModules(modulesDir: string): string[] {
  return readdirSync(modulesDir)
    .filter((name) => existsSync(join(modulesDir, name, 'variables.tf')))
    .sort();
}
