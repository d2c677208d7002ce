import { type Construct } from 'constructs';
import { type VariableSpec } from './variables';

/** A module output: a value of the construct and what it is. */
export interface OutputSpec {
  readonly value: string | number;
  readonly description: string;
}

type Inputs<V> = { readonly [K in keyof V]: V[K] extends VariableSpec<infer T> ? T : never };

/**
 * A construct published as a plain Terraform module: its inputs (variables), how they become
 * the construct's props, and its outputs. The TypeScript API and the Terraform API of a
 * module come from the same construct, so they cannot drift.
 */
export interface ModuleDefinition<
  V extends Record<string, VariableSpec<unknown>> = Record<string, VariableSpec<unknown>>,
> {
  /** The module directory: `task-execution-role`. */
  readonly name: string;
  /** What the module does, for its README (Markdown). */
  readonly description: string;
  readonly variables: V;
  /** Files the module ships besides its Terraform and README (e.g. code), by path. */
  readonly files?: () => Record<string, Uint8Array>;
  /** Builds the construct from the inputs (tokens) and returns the outputs. */
  readonly build: (scope: Construct, inputs: Inputs<V>) => Record<string, OutputSpec>;
}

/** Declares a module definition, typing `build`'s inputs from the variables. */
export function defineModule<V extends Record<string, VariableSpec<unknown>>>(
  definition: ModuleDefinition<V>,
): ModuleDefinition {
  return definition as unknown as ModuleDefinition;
}
