import { buildIamModel, type RolePermissions } from './iam-model';
import { type Statement } from './policy';
import { abbreviateReferences, arnResourceName, parseReference, shortenArn } from './references';
import { stackResources, type ResourceInstance, type StackJson } from './terraform-json';
import { truncate } from './text';

type Shape = 'principal' | 'role' | 'task' | 'resource';

interface Node {
  readonly id: string;
  readonly label: string;
  readonly shape: Shape;
}

const MAX_LABEL = 80;
const SHAPES: Record<Shape, [string, string]> = {
  principal: ['(["', '"])'],
  role: ['[["', '"]]'],
  task: ['[/"', '"/]'],
  resource: ['["', '"]'],
};

/**
 * The permission diagram of a synthesized stack as a Mermaid flowchart: who uses which role
 * (the ECS agent the execution roles, each task's application its task role, Lambda functions
 * theirs), which task definition names which roles, who may pass which role to which service,
 * and what each role may act on (by statement Sid). Node ids derive from Terraform addresses
 * and resource names, so they stay the same from one synth to the next.
 */
export function permissionDiagram(stack: StackJson): string {
  const resources = stackResources(stack);
  const roles = buildIamModel(resources);
  const graph = new Graph();
  const roleNode = (key: string) => {
    const role = roles.get(key);
    return graph.node(
      `role_${key.replace(/^aws_iam_role\./, '')}`,
      `role ${role?.name ?? key}`,
      'role',
    );
  };
  const taskDefinitions = resources.filter((r) => r.type === 'aws_ecs_task_definition');

  for (const r of resources) {
    if (r.type.startsWith('aws_iam_')) continue;
    for (const { path, key } of roleReferences(r.values)) {
      if (!roles.has(key)) continue;
      linkRoleUser(graph, r, path, roleNode(key));
    }
  }
  for (const role of roles.values()) {
    const from = roleNode(role.key);
    if (!graph.hasEdgesTo(from)) linkTrustedPrincipals(graph, role, from);
    for (const statement of statementsOf(role)) {
      for (const target of statement.resources) {
        const { to, label } = statementTarget(
          graph,
          statement,
          target,
          roles,
          taskDefinitions,
          roleNode,
        );
        graph.edge(from, to, label, statement.effect === 'Deny');
      }
    }
    for (const arn of role.managedPolicyArns) {
      const name = arn.slice(arn.lastIndexOf('/') + 1);
      graph.edge(
        from,
        graph.node(`policy_${name}`, `managed policy ${name}`, 'resource'),
        'attached',
      );
    }
  }
  return graph.render();
}

/** Every place a resource's values reference a role's ARN or name: `${aws_iam_role.x.arn}`. */
function roleReferences(values: unknown, path = ''): Array<{ path: string; key: string }> {
  if (typeof values === 'string') {
    return [...values.matchAll(/\$\{aws_iam_role\.([A-Za-z0-9_-]+)\.(?:arn|name|id)\}/g)].map(
      (m) => ({ path, key: `aws_iam_role.${m[1]}` }),
    );
  }
  if (typeof values !== 'object' || values === null) return [];
  return Object.entries(values).flatMap(([k, v]) =>
    roleReferences(v, Array.isArray(values) ? path : path ? `${path}.${k}` : k),
  );
}

function linkRoleUser(graph: Graph, user: ResourceInstance, path: string, role: Node): void {
  const name = String(user.values.family ?? user.values.function_name ?? user.values.name ?? '');
  const label = abbreviateReferences(name || user.address);
  const idName = user.address.slice(user.address.indexOf('.') + 1);
  if (user.type === 'aws_ecs_task_definition') {
    const task = graph.node(`task_${idName}`, `task definition ${label}`, 'task');
    if (path === 'execution_role_arn') {
      graph.edge(task, role, 'execution role');
      graph.edge(graph.node('ecs_agent', 'ECS agent', 'principal'), role, 'uses');
    } else if (path === 'task_role_arn') {
      graph.edge(task, role, 'task role');
      graph.edge(graph.node(`app_${idName}`, `${label} application`, 'principal'), role, 'uses');
    } else {
      graph.edge(task, role, path);
    }
  } else if (user.type === 'aws_lambda_function') {
    graph.edge(graph.node(`lambda_${idName}`, `Lambda ${label}`, 'principal'), role, 'runs as');
  } else {
    const node = graph.node(
      `${user.type.replace(/^aws_/, '')}_${idName}`,
      `${user.type.replace(/^aws_/, '')} ${label}`,
      'principal',
    );
    graph.edge(node, role, `uses (${path})`);
  }
}

/** For a role that nothing in the stack uses: who its trust policy lets assume it. */
function linkTrustedPrincipals(graph: Graph, role: RolePermissions, node: Node): void {
  const trust = role.trust?.kind === 'document' ? role.trust.statements : [];
  for (const statement of trust.filter((s) => s.effect === 'Allow')) {
    for (const principal of statement.principals) {
      const label = principal.replace(/^Service:/, '');
      graph.edge(graph.node(`trusted_${principal}`, label, 'principal'), node, 'may assume');
    }
  }
}

function statementsOf(role: RolePermissions): Statement[] {
  return [...role.policies.values()].flatMap((source) =>
    source.policy.kind === 'document' ? source.policy.statements : [],
  );
}

/** Where an edge for one resource of a statement goes, and its label. */
function statementTarget(
  graph: Graph,
  statement: Statement,
  resource: string,
  roles: ReadonlyMap<string, RolePermissions>,
  taskDefinitions: readonly ResourceInstance[],
  roleNode: (key: string) => Node,
): { to: Node; label: string } {
  const label = statement.effect === 'Deny' ? `deny ${statement.sid}` : statement.sid;
  if (statement.actions.some((a) => /^(iam:PassRole|iam:\*|\*)$/i.test(a))) {
    const services = statement.conditions
      .filter((c) => c.includes(' iam:PassedToService = '))
      .map((c) => c.split(' = ')[1].replace(/\.amazonaws\.com/g, ''));
    const passLabel = `PassRole to ${services.length > 0 ? services.join(', ') : 'any service'}`;
    const target = findRole(resource, roles);
    if (target) return { to: roleNode(target), label: passLabel };
    if (resource === '*')
      return { to: graph.node('any_role', 'any role', 'role'), label: passLabel };
  }
  const family = /:task-definition\/([A-Za-z0-9_-]+)(?::\*)?$/.exec(resource)?.[1];
  const task = taskDefinitions.find((t) => family !== undefined && t.values.family === family);
  if (task) {
    const idName = task.address.slice(task.address.indexOf('.') + 1);
    return { to: graph.node(`task_${idName}`, `task definition ${family}`, 'task'), label };
  }
  const short = shortenArn(resource);
  return { to: graph.node(`res_${short}`, short, 'resource'), label };
}

function findRole(
  resource: string,
  roles: ReadonlyMap<string, RolePermissions>,
): string | undefined {
  const reference = parseReference(resource);
  if (reference && roles.has(reference.address)) return reference.address;
  const name = arnResourceName(resource, 'role');
  return [...roles.values()].find((r) => name !== undefined && r.name === name)?.key;
}

/** Nodes and labelled edges, rendered in the order they were first added. */
class Graph {
  private readonly nodes = new Map<string, Node>();
  private readonly ids = new Set<string>();
  private readonly edges = new Map<
    string,
    { from: Node; to: Node; labels: Set<string>; dashed: boolean }
  >();

  /** The node for `key`, created on first use with an id derived from the key. */
  node(key: string, label: string, shape: Shape): Node {
    const existing = this.nodes.get(key);
    if (existing) return existing;
    const base = key.replace(/[^A-Za-z0-9_]+/g, '_').replace(/_+$/, '');
    let id = base;
    // Keys that differ only in punctuation would share an id: number the later ones.
    for (let n = 2; this.ids.has(id); n++) id = `${base}_${n}`;
    this.ids.add(id);
    const node = { id, label: truncate(label, MAX_LABEL), shape };
    this.nodes.set(key, node);
    return node;
  }

  hasEdgesTo(node: Node): boolean {
    return [...this.edges.values()].some((edge) => edge.to === node);
  }

  edge(from: Node, to: Node, label: string, dashed = false): void {
    const key = `${from.id} ${to.id} ${dashed}`;
    const edge = this.edges.get(key) ?? { from, to, labels: new Set<string>(), dashed };
    edge.labels.add(label);
    this.edges.set(key, edge);
  }

  render(): string {
    const lines = ['flowchart LR'];
    for (const node of this.nodes.values()) {
      const [open, close] = SHAPES[node.shape];
      lines.push(`  ${node.id}${open}${escapeLabel(node.label)}${close}`);
    }
    for (const edge of this.edges.values()) {
      const label = escapeLabel([...edge.labels].sort().join(', '));
      lines.push(`  ${edge.from.id} ${edge.dashed ? '-.->' : '-->'}|"${label}"| ${edge.to.id}`);
    }
    return lines.join('\n');
  }
}

/** Mermaid entity codes for characters that would end a label or read as HTML. */
function escapeLabel(text: string): string {
  return text
    .replace(/#/g, '#35;')
    .replace(/"/g, '#quot;')
    .replace(/</g, '#lt;')
    .replace(/>/g, '#gt;')
    .replace(/\|/g, '#124;');
}
