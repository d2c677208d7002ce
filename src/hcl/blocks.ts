import { TerraformElement, type TerraformStack } from 'cdktf';
import { type BlockSchema } from './render';

// Providers' attributes pass through cdktf's keysToSnakeCase: `is_block` there.
interface HclAttribute {
  readonly value?: unknown;
  readonly isBlock?: boolean;
  readonly is_block?: boolean;
}

const isAttribute = (value: unknown): value is HclAttribute =>
  typeof value === 'object' &&
  value !== null &&
  'value' in value &&
  ('isBlock' in value || 'is_block' in value);

/** Adds the dotted paths of the nested blocks in a provider class's HCL attributes to `paths`. */
function collect(attributes: unknown, path: string, paths: Set<string>): void {
  if (typeof attributes !== 'object' || attributes === null) return;
  for (const [key, attribute] of Object.entries(attributes)) {
    if (!isAttribute(attribute) || !(attribute.isBlock ?? attribute.is_block)) continue;
    const at = path ? `${path}.${key}` : key;
    paths.add(at);
    const instances = Array.isArray(attribute.value) ? attribute.value : [attribute.value];
    for (const instance of instances) collect(instance, at, paths);
  }
}

/**
 * Which keys are nested blocks, per resource, data source and provider type of a stack. The
 * generated provider classes know their schema: their `toHclTerraform()` marks every
 * attribute with `isBlock`. Only the structure is read here; the values come from the JSON
 * synth.
 */
export function blockSchema(stack: TerraformStack): BlockSchema {
  const schema = new Map<string, Set<string>>();
  const elements = stack.node
    .findAll()
    .filter((node): node is TerraformElement => TerraformElement.isTerraformElement(node));
  for (const element of elements) {
    const hcl = element.toHclTerraform() as Record<string, unknown>;
    for (const section of ['resource', 'data', 'provider']) {
      const byType = hcl[section] as Record<string, unknown> | undefined;
      for (const [type, value] of Object.entries(byType ?? {})) {
        const key = `${section}.${type}`;
        const paths = schema.get(key) ?? new Set<string>();
        schema.set(key, paths);
        const instances =
          section === 'provider' ? (value as unknown[]) : Object.values(value as object);
        for (const instance of instances) collect(instance, '', paths);
      }
    }
  }
  return schema;
}
