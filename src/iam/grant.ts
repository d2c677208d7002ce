import { type IConstruct } from 'constructs';
import { type PolicyStatement } from './statement';

/** Something whose own policy permissions can be added to: a role. */
export interface IPrincipal extends IConstruct {
  /** Adds a statement to the principal's own policy. */
  addToPrincipalPolicy(statement: PolicyStatement): void;
}

/** Something that can be granted permissions: a role, or a construct that has one. */
export interface IGrantable {
  /** The principal the permissions go to. */
  readonly grantPrincipal: IPrincipal;
}

/** What to grant: a statement's actions on resources, optionally under conditions. */
export type GrantOptions = PolicyStatement;

/** The record of a grant: who received which statements. */
export class Grant {
  /**
   * Adds the statement to the grantee's policy and returns what was granted.
   *
   * @example Grant.addToPrincipal(runner, { sid: 'DescribeTasks', actions: ['ecs:DescribeTasks'], resources: [taskArns] })
   */
  static addToPrincipal(grantee: IGrantable, statement: GrantOptions): Grant {
    grantee.grantPrincipal.addToPrincipalPolicy(statement);
    return new Grant(grantee.grantPrincipal, [statement]);
  }

  /** Combines grants to the same principal. */
  static combine(principal: IPrincipal, grants: readonly Grant[]): Grant {
    return new Grant(
      principal,
      grants.flatMap((g) => g.statements),
    );
  }

  constructor(
    /** The principal that received the permissions. */
    readonly principal: IPrincipal,
    /** The statements added; empty when the principal already had the permissions. */
    readonly statements: readonly PolicyStatement[],
  ) {}
}
