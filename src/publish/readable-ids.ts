import { TerraformElement, type TerraformStack } from 'cdktf';
import { type Node } from 'constructs';

// The integrator's src/readable-ids.ts (ReadableLogicalIds) was not on main when this was
// written; this is the same rule, for the module stacks. Replace it with that class once merged.

/** Construct ids left out of addresses: the primary child of a construct is its `Resource`. */
const HIDDEN = new Set(['Resource', 'Default']);

const snakeCase = (id: string) =>
  id
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/[^A-Za-z0-9_]+/g, '_')
    .toLowerCase();

/**
 * Readable, stable Terraform addresses: the construct path below the stack in snake case,
 * without cdktf's hash suffix (`aws_iam_role.this_role`). Two paths giving the same address
 * are an error, never a silent hash.
 */
export class ReadableLogicalIds {
  private readonly owners = new Map<string, string>();

  constructor(private readonly stack: TerraformStack) {}

  allocate(element: TerraformElement | Node): string {
    const node = TerraformElement.isTerraformElement(element) ? element.node : element;
    const id = node.scopes
      .slice(node.scopes.indexOf(this.stack) + 1)
      .map((scope) => scope.node.id)
      .filter((part) => !HIDDEN.has(part))
      .map(snakeCase)
      .join('_')
      .replace(/_+/g, '_')
      .replace(/^_|_$/g, '');
    const owner = this.owners.get(id);
    if (owner !== undefined && owner !== node.path) {
      throw new Error(`${owner} and ${node.path} would both have the Terraform address "${id}"`);
    }
    this.owners.set(id, node.path);
    return id;
  }
}
