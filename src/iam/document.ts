import { Lazy } from 'cdktf';
import { escapeTemplateSyntax } from './escape';
import { hasListToken } from '../tokens';
import { policyExpression } from './expression';
import { SID } from './validate';
import {
  canonicalStatement,
  compareStrings,
  mergeKey,
  sortedUnique,
  type CanonicalStatement,
  type PolicyStatement,
} from './statement';

/** The JSON form of a policy statement, as IAM reads it. */
export interface PolicyStatementJson {
  readonly Sid: string;
  readonly Effect: 'Allow' | 'Deny';
  readonly Principal?: Record<string, readonly string[]>;
  readonly Action: readonly string[];
  readonly Resource?: readonly string[];
  readonly Condition?: Record<string, Record<string, string | readonly string[]>>;
}

/** The JSON form of a policy document. */
export interface PolicyDocumentJson {
  readonly Version: '2012-10-17';
  readonly Statement: readonly PolicyStatementJson[];
}

/**
 * A policy document built up by grants. Its statements are merged and ordered
 * deterministically whatever order the grants came in:
 * - statements with the same Sid, effect, actions, principals and conditions become one
 *   statement with the union of their resources;
 * - actions, resources, principals and condition values are sorted and de-duplicated;
 * - statements are sorted by Sid, then content; a Sid used by statements that cannot merge
 *   is numbered (`RunTask`, `RunTask2`, …) so that every Sid in the document is unique.
 */
export class PolicyDocument {
  private readonly added: PolicyStatement[] = [];
  private readonly producers: Array<() => readonly PolicyStatement[]> = [];
  private readonly computed: string[] = [];

  constructor(statements: readonly PolicyStatement[] = []) {
    this.addStatements(...statements);
  }

  /** Adds statements. Order does not matter: the rendered document is canonical. */
  addStatements(...statements: PolicyStatement[]): void {
    for (const statement of statements) {
      assertValidSid(statement.sid);
      this.added.push(statement);
    }
  }

  /**
   * Adds statements computed when the document is rendered, from state that is still being
   * built up (e.g. what the task definitions of a shared role use).
   */
  addProducer(producer: () => readonly PolicyStatement[]): void {
    this.producers.push(producer);
  }

  /**
   * Adds statements Terraform computes: a list token (e.g. a `for` expression over a
   * variable) whose items are statements in IAM JSON form. The document is then rendered by
   * Terraform's `jsonencode`, and such a statement whose `Resource` is empty is left out.
   */
  addStatementsExpression(statements: readonly string[]): void {
    this.computed.push(...statements);
  }

  /**
   * True when Terraform renders the document (`jsonencode`): it holds statements Terraform
   * computes or list tokens, so its size is known only at plan. Pass the statements when they
   * are at hand (computing them runs the producers).
   */
  computedByTerraform(statements: readonly CanonicalStatement[] = this.statements): boolean {
    return this.computed.length > 0 || hasListToken(statements.map(statementToJson));
  }

  /** True when the document has no statement (nor statements Terraform computes). */
  get isEmpty(): boolean {
    return this.statements.length === 0 && this.computed.length === 0;
  }

  /** The merged, sorted statements with unique Sids. */
  get statements(): CanonicalStatement[] {
    const produced = this.producers.flatMap((produce) => produce());
    produced.forEach((statement) => assertValidSid(statement.sid));
    return mergeStatements([...this.added, ...produced]);
  }

  /** The document as IAM JSON (an object). */
  toJson(): PolicyDocumentJson {
    return { Version: '2012-10-17', Statement: this.statements.map(statementToJson) };
  }

  /**
   * The document as a JSON string for a Terraform `policy` argument, computed at synth so
   * that grants added after this call are included. A document holding list tokens (e.g. ARNs
   * from a `list(string)` variable) is serialized by Terraform's `jsonencode` instead: a
   * string serialization would turn such a list into a wrong `"${…}"` string.
   */
  toJsonString(): string {
    return Lazy.stringValue({
      produce: () => {
        const json = this.toJson();
        if (this.computed.length > 0) {
          return policyExpression({ ...json, Statement: [...json.Statement, ...this.computed] });
        }
        return hasListToken(json)
          ? policyExpression(json)
          : escapeTemplateSyntax(JSON.stringify(json));
      },
    });
  }
}

export { escapeTemplateSyntax } from './escape';

function assertValidSid(sid: string): void {
  if (!SID.test(sid)) {
    throw new Error(
      `Policy statement Sid ${JSON.stringify(sid)} is invalid: use letters and digits only`,
    );
  }
}

/** Merges statements (see {@link PolicyDocument}) and returns them sorted with unique Sids. */
export function mergeStatements(statements: readonly PolicyStatement[]): CanonicalStatement[] {
  const groups = new Map<string, CanonicalStatement>();
  for (const statement of statements.map(canonicalStatement)) {
    const key = mergeKey(statement);
    const existing = groups.get(key);
    groups.set(
      key,
      existing
        ? { ...existing, resources: sortedUnique([...existing.resources, ...statement.resources]) }
        : statement,
    );
  }
  const sorted = [...groups.values()].sort(
    (a, b) => compareStrings(a.sid, b.sid) || compareStrings(JSON.stringify(a), JSON.stringify(b)),
  );
  const given = new Set(sorted.map((statement) => statement.sid));
  const used = new Set<string>();
  return sorted.map((statement) => {
    let sid = statement.sid;
    // Number a repeated Sid, never taking one that another statement was given.
    for (let n = 2; used.has(sid) || (sid !== statement.sid && given.has(sid)); n++) {
      sid = `${statement.sid}${n}`;
    }
    used.add(sid);
    return sid === statement.sid ? statement : { ...statement, sid };
  });
}

/** A canonical statement in IAM's JSON form. */
export function statementToJson(statement: CanonicalStatement): PolicyStatementJson {
  return {
    Sid: statement.sid,
    Effect: statement.effect,
    ...(statement.principals && { Principal: { ...statement.principals } }),
    Action: statement.actions,
    ...(statement.resources.length > 0 && { Resource: statement.resources }),
    ...(statement.conditions && {
      Condition: statement.conditions as PolicyStatementJson['Condition'],
    }),
  };
}
