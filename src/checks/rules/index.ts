import { type Rule } from '../types';
import { clusterWithoutInsights, execWithoutLogging } from './ecs-cluster';
import { registerRunAndPass, runTaskWildcard, runTaskWithoutCluster } from './ecs-runtask';
import {
  containerPrivileged,
  containersUnreadable,
  containerWithoutLogging,
  containerWritableRoot,
  plaintextSecret,
  sharedExecutionAndTaskRole,
} from './ecs-task-definition';
import { conditionWithoutEffect } from './iam-conditions';
import { resourceTypeMismatch, unknownAction } from './iam-data';
import { inlinePolicyBlock, unreadablePolicy } from './iam-documents';
import { awsManagedPolicy } from './iam-managed';
import { passRoleWildcard, passRoleWithoutService } from './iam-passrole';
import { trustAnyPrincipal, trustConfusedDeputy } from './iam-trust';
import { wildcardAction, wildcardResource } from './iam-wildcards';
import {
  lambdaDeprecatedRuntime,
  lambdaWithoutConcurrencyLimit,
  lambdaWithoutDlq,
  lambdaWithoutTimeout,
  lambdaWithoutTracing,
} from './lambda';
import {
  containerDefinitionsSize,
  lambdaEnvironmentSize,
  lambdaPlaintextSecret,
  managedPolicySize,
  roleInlinePolicySize,
  roleManagedPolicyCount,
  runTaskOverridesSize,
  trustPolicySize,
} from './limits';
import { logGroupWithoutRetention } from './logs';

/** Every rule, in report order. */
export const RULES: readonly Rule[] = [
  passRoleWildcard,
  passRoleWithoutService,
  runTaskWildcard,
  runTaskWithoutCluster,
  registerRunAndPass,
  wildcardAction,
  wildcardResource,
  unknownAction,
  resourceTypeMismatch,
  awsManagedPolicy,
  trustConfusedDeputy,
  trustAnyPrincipal,
  conditionWithoutEffect,
  inlinePolicyBlock,
  unreadablePolicy,
  sharedExecutionAndTaskRole,
  containerWithoutLogging,
  containerWritableRoot,
  containerPrivileged,
  plaintextSecret,
  containersUnreadable,
  clusterWithoutInsights,
  execWithoutLogging,
  logGroupWithoutRetention,
  lambdaWithoutDlq,
  lambdaWithoutTimeout,
  lambdaDeprecatedRuntime,
  lambdaWithoutConcurrencyLimit,
  lambdaWithoutTracing,
  lambdaPlaintextSecret,
  roleInlinePolicySize,
  managedPolicySize,
  trustPolicySize,
  roleManagedPolicyCount,
  lambdaEnvironmentSize,
  containerDefinitionsSize,
  runTaskOverridesSize,
];
