import { TerraformElement, type TerraformStack } from 'cdktf';
import { type Node } from 'constructs';

/** Construct ids left out of addresses: the primary child of a construct is its `Resource`. */
const HIDDEN = new Set(['Resource', 'Default']);

/** `ExecutionRole` → `execution_role`, `task-report` → `task_report`. */
function snakeCase(id: string): string {
  return id
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/[^A-Za-z0-9_]+/g, '_')
    .toLowerCase();
}

/**
 * Readable, stable Terraform addresses: the construct path below the stack in snake case,
 * without cdktf's hash suffix — `aws_iam_role.task_report_execution_role_role` rather than
 * `aws_iam_role.taskreport_ExecutionRole_Role_1A2B3C4D`. An address changes only when a
 * construct id on its path changes. Two paths that would give the same address are an error
 * (never a silent hash), so every address stays predictable.
 */
export class ReadableLogicalIds {
  private readonly owners = new Map<string, string>();

  constructor(private readonly stack: TerraformStack) {}

  allocate(element: TerraformElement | Node): string {
    const node = TerraformElement.isTerraformElement(element) ? element.node : element;
    const components = node.scopes
      .slice(node.scopes.indexOf(this.stack) + 1)
      .map((scope) => scope.node.id)
      .filter((id) => !HIDDEN.has(id));
    if (components.length === 0) return '';
    let id = components.map(snakeCase).join('_').replace(/_+/g, '_').replace(/^_|_$/g, '');
    if (!/^[A-Za-z_]/.test(id)) id = `_${id}`;
    const owner = this.owners.get(id);
    if (owner !== undefined && owner !== node.path) {
      throw new Error(
        `Constructs ${owner} and ${node.path} would both have the Terraform address "${id}": rename one of them`,
      );
    }
    this.owners.set(id, node.path);
    return id;
  }
}
