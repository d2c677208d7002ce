import { hclString, quotedTemplate, soleExpression } from './template';

/** Terraform JSON: the `toTerraform()` of a stack, or a `cdk.tf.json`. */
export type TerraformJson = Record<string, unknown>;

/**
 * Which nested keys of a resource, data source or provider are blocks rather than attributes:
 * `resource.aws_ecs_cluster` → `configuration`, `configuration.execute_command_configuration`.
 * Terraform JSON writes both as objects; HCL writes `name { … }` for a block and `name = { … }`
 * for an attribute.
 */
export type BlockSchema = ReadonlyMap<string, ReadonlySet<string>>;

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Body = { [key: string]: Json };

const INDENT = '  ';
const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_-]*$/;
const KEYWORDS = new Set(['true', 'false', 'null']);
/** Meta-arguments whose values are references, not strings: `depends_on = [aws_iam_role.this]`. */
const REFERENCE_LISTS = new Set(['depends_on', 'ignore_changes', 'replace_triggered_by']);

/** A value as an HCL expression; nested lines are indented for `depth`. */
export function hclValue(value: Json, depth = 0): string {
  if (value === null) return 'null';
  if (typeof value === 'string') return hclString(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  const inner = INDENT.repeat(depth + 1);
  const close = INDENT.repeat(depth);
  if (Array.isArray(value)) {
    const items = value.map((item) => hclValue(item, depth + 1));
    const inline = `[${items.join(', ')}]`;
    if (inline.length <= 80 && !inline.includes('\n')) return inline;
    return `[\n${items.map((item) => `${inner}${item},`).join('\n')}\n${close}]`;
  }
  const entries = Object.entries(value).filter(([key]) => key !== '//');
  if (entries.length === 0) return '{}';
  const lines = entries.map(([key, item]) => ({
    key: objectKey(key),
    value: hclValue(item, depth + 1),
  }));
  return `{\n${aligned(lines, inner)}\n${close}}`;
}

function objectKey(key: string): string {
  return IDENTIFIER.test(key) && !KEYWORDS.has(key) ? key : quotedTemplate(key);
}

/** `key = value` lines with the `=` of adjacent one-line attributes aligned, as `terraform fmt` does. */
function aligned(lines: ReadonlyArray<{ key: string; value: string }>, indent: string): string {
  const out: string[] = [];
  let group: Array<{ key: string; value: string }> = [];
  const flush = () => {
    const width = Math.max(...group.map((line) => line.key.length));
    out.push(...group.map((line) => `${indent}${line.key.padEnd(width)} = ${line.value}`));
    group = [];
  };
  for (const line of lines) {
    if (line.value.includes('\n')) {
      if (group.length > 0) flush();
      out.push(`${indent}${line.key} = ${line.value}`);
    } else group.push(line);
  }
  if (group.length > 0) flush();
  return out.join('\n');
}

/** A reference written as a string in JSON (`"aws_iam_role.this"` or `"${aws_iam_role.this}"`). */
function reference(value: Json): string {
  if (typeof value !== 'string')
    throw new Error(`Expected a reference, got ${JSON.stringify(value)}`);
  return soleExpression(value) ?? value;
}

/**
 * Renders a block body: attributes first (aligned), then nested blocks. `isBlock` says, for the
 * dotted path of a key below the block, whether that key is a nested block.
 */
function renderBody(
  body: Body,
  depth: number,
  isBlock: (path: string) => boolean,
  path = '',
): string {
  const indent = INDENT.repeat(depth);
  const attributes: Array<{ key: string; value: string }> = [];
  const blocks: string[] = [];
  for (const [key, value] of Object.entries(body)) {
    if (key === '//' || value === undefined) continue;
    const at = path ? `${path}.${key}` : key;
    if (REFERENCE_LISTS.has(key) && Array.isArray(value)) {
      attributes.push({ key, value: `[${value.map(reference).join(', ')}]` });
    } else if (key === 'provider' && depth === 1 && typeof value === 'string') {
      attributes.push({ key, value: reference(value) });
    } else if (key === 'lifecycle' || key === 'dynamic' || isBlock(at)) {
      const instances = Array.isArray(value) ? value : [value];
      for (const instance of instances) {
        blocks.push(
          key === 'dynamic'
            ? renderDynamic(instance as Body, depth, isBlock, path)
            : renderBlock([key], instance as Body, depth, isBlock, at),
        );
      }
    } else {
      attributes.push({ key, value: hclValue(value, depth) });
    }
  }
  const parts = [attributes.length > 0 ? aligned(attributes, indent) : '', ...blocks];
  return parts.filter((part) => part !== '').join('\n\n');
}

function renderDynamic(
  dynamic: Body,
  depth: number,
  isBlock: (path: string) => boolean,
  path: string,
): string {
  return Object.entries(dynamic)
    .map(([name, config]) => {
      const { content, ...rest } = config as Body;
      const at = path ? `${path}.${name}` : name;
      const head = renderBody(rest as Body, depth + 1, () => false);
      const body = renderBlock(['content'], content as Body, depth + 1, isBlock, at);
      const indent = INDENT.repeat(depth);
      return `${indent}dynamic ${JSON.stringify(name)} {\n${head}\n\n${body}\n${indent}}`;
    })
    .join('\n\n');
}

/** `type "label" … { body }` at `depth`. */
function renderBlock(
  header: readonly string[],
  body: Body,
  depth: number,
  isBlock: (path: string) => boolean,
  path = '',
): string {
  const indent = INDENT.repeat(depth);
  const [type, ...labels] = header;
  const head = [type, ...labels.map((label) => JSON.stringify(label))].join(' ');
  const inner = renderBody(body, depth + 1, isBlock, path);
  return inner ? `${indent}${head} {\n${inner}\n${indent}}` : `${indent}${head} {}`;
}

const blocksOf =
  (schema: BlockSchema, kind: string) =>
  (path: string): boolean =>
    schema.get(kind)?.has(path) ?? false;

const entries = (value: unknown): Array<[string, Body]> =>
  Object.entries((value ?? {}) as Record<string, Body>);

/** The `terraform` block: required version and providers, backend, cloud. */
export function renderTerraformBlock(terraform: Body): string {
  const { required_providers: providers, backend, cloud, ...rest } = terraform;
  const body: string[] = [];
  if (Object.keys(rest).length > 0) body.push(renderBody(rest as Body, 1, () => false));
  if (providers) body.push(renderBlock(['required_providers'], providers as Body, 1, () => false));
  for (const [type, config] of entries(backend)) {
    body.push(renderBlock(['backend', type], config, 1, () => false));
  }
  if (cloud) body.push(renderBlock(['cloud'], cloud as Body, 1, (p) => p === 'workspaces'));
  return `terraform {\n${body.join('\n\n')}\n}`;
}

/**
 * The blocks of the given top-level sections of a Terraform JSON document, as HCL, in the
 * order given: `['data', 'resource']` for a `main.tf`.
 */
export function renderSections(
  json: TerraformJson,
  sections: readonly string[],
  schema: BlockSchema = new Map(),
): string {
  const out: string[] = [];
  for (const section of sections) {
    const value = json[section];
    if (value === undefined) continue;
    switch (section) {
      case 'terraform':
        out.push(renderTerraformBlock(value as Body));
        break;
      case 'provider':
        for (const [name, instances] of entries(value)) {
          for (const instance of instances as unknown as Body[]) {
            out.push(
              renderBlock(['provider', name], instance, 0, blocksOf(schema, `provider.${name}`)),
            );
          }
        }
        break;
      case 'locals':
        out.push(renderBlock(['locals'], value as Body, 0, () => false));
        break;
      case 'variable':
        for (const [name, config] of entries(value)) {
          out.push(renderVariable(name, config));
        }
        break;
      case 'output':
      case 'module':
        for (const [name, config] of entries(value)) {
          out.push(renderBlock([section, name], config, 0, () => false));
        }
        break;
      case 'resource':
      case 'data':
        for (const [type, instances] of entries(value)) {
          for (const [name, config] of entries(instances)) {
            out.push(
              renderBlock([section, type, name], config, 0, blocksOf(schema, `${section}.${type}`)),
            );
          }
        }
        break;
      default:
        throw new Error(`Cannot render the top-level "${section}" section as HCL`);
    }
  }
  return out.length > 0 ? `${out.join('\n\n')}\n` : '';
}

/** A variable: description, type (a type expression, not a string), default, then validations. */
function renderVariable(name: string, config: Body): string {
  const { type, validation, description, ...rest } = config;
  const lines = [
    ...(description !== undefined ? [{ key: 'description', value: hclValue(description) }] : []),
    ...(typeof type === 'string' ? [{ key: 'type', value: type }] : []),
    ...Object.entries(rest).map(([key, value]) => ({ key, value: hclValue(value, 1) })),
  ];
  const validations = ((validation ?? []) as Body[]).map((v) =>
    renderBlock(['validation'], v, 1, () => false),
  );
  const body = [aligned(lines, INDENT), ...validations].filter(Boolean).join('\n\n');
  return `variable ${JSON.stringify(name)} {\n${body}\n}`;
}
