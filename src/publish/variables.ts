import { Token, type TerraformVariable } from 'cdktf';
import { type ArnKind } from '../aws/arn';

/** A `validation` block: a condition over `var.<name>` and the message when it fails. */
export interface Validation {
  readonly condition: string;
  readonly errorMessage: string;
}

/** A module input: its Terraform type and how the construct reads it. */
export interface VariableSpec<T> {
  /** Terraform type expression, e.g. `list(string)`. */
  readonly type: string;
  readonly description: string;
  /** The default; an input without one is required. `null` makes the input optional and unset. */
  readonly default?: unknown;
  /** Conditions over `var.<name>`; `{name}` in them stands for `var.<name>`. */
  readonly validation?: readonly Validation[];
  /** A value for the README's usage example (required inputs only). */
  readonly example?: unknown;
  /** The variable's value as the construct property takes it (a token). */
  readonly read: (variable: TerraformVariable) => T;
}

type Spec = Omit<VariableSpec<unknown>, 'type' | 'read'>;

/** Builders of typed inputs. */
export const Inputs = {
  string: (spec: Spec): VariableSpec<string> => ({
    ...spec,
    type: 'string',
    read: (v) => v.stringValue,
  }),
  number: (spec: Spec): VariableSpec<number> => ({
    ...spec,
    type: 'number',
    read: (v) => v.numberValue,
  }),
  bool: (spec: Spec): VariableSpec<boolean> => ({
    ...spec,
    type: 'bool',
    // A boolean token: the construct passes it on, never branches on it.
    read: (v) => v.booleanValue as unknown as boolean,
  }),
  stringList: (spec: Spec): VariableSpec<string[]> => ({
    ...spec,
    type: 'list(string)',
    read: (v) => v.listValue,
  }),
  stringMap: (spec: Spec): VariableSpec<Record<string, string>> => ({
    ...spec,
    type: 'map(string)',
    read: (v) => Token.asStringMap(v.value),
  }),
  /**
   * An input of a structural type (`map(object({…}))`, `list(object({…}))`) that the module
   * reads with Terraform expressions over `var.<name>` (see `terraformExpression`); the
   * construct gets the variable itself.
   */
  structured: (type: string, spec: Spec): VariableSpec<TerraformVariable> => ({
    ...spec,
    type,
    read: (v) => v,
  }),
};

/** A string literal in a Terraform expression (template syntax escaped). */
export const hclLiteral = (value: unknown): string =>
  JSON.stringify(value).replace(/\$\{/g, '$$${').replace(/%\{/g, '%%{');

/**
 * `condition` when `value` is set, else true. Written as a conditional: before Terraform 1.12,
 * `||` and `&&` evaluate both sides, so `x == null || floor(x) == x` fails on a null `x`.
 */
export const whenSet = (value: string, condition: string): string =>
  `${value} == null ? true : ${condition}`;

/** Validations, written with `{name}` for the variable's reference. */
export const Check = {
  /** The (non-null) value matches an RE2 pattern. */
  pattern: (pattern: string, message: string): Validation => ({
    condition: whenSet('{name}', `can(regex(${hclLiteral(pattern)}, {name}))`),
    errorMessage: message,
  }),
  /** Every item of a list matches an RE2 pattern. */
  eachPattern: (pattern: string, message: string): Validation => ({
    condition: `alltrue([for item in {name} : can(regex(${hclLiteral(pattern)}, item))])`,
    errorMessage: message,
  }),
  /** A whole number from `min` to `max`. */
  range: (min: number, max: number, message: string): Validation => ({
    condition: whenSet(
      '{name}',
      `({name} >= ${min} && {name} <= ${max} && floor({name}) == {name})`,
    ),
    errorMessage: message,
  }),
  oneOf: (values: readonly unknown[], message: string): Validation => ({
    condition: whenSet('{name}', `contains(${hclLiteral(values)}, {name})`),
    errorMessage: message,
  }),
};

const PARTITION = 'aws(?:-cn|-us-gov|-iso(?:-[a-z])?|-eusc)?';
const REGION = '[a-z]{2}(?:-[a-z]+)+-\\d{1,2}';

/** The RE2 pattern of one ARN kind, from the same definition the constructs validate with. */
export function arnPattern(kind: ArnKind): string {
  const region = kind.regional ? REGION : '';
  const account = kind.hasAccount ? (kind.awsManaged ? '(?:\\d{12}|aws)' : '\\d{12}') : '';
  const resource = kind.resource.source.replace(/^\^/, '').replace(/\$$/, '');
  return `^arn:${PARTITION}:${kind.service}:${region}:${account}:(?:${resource})$`;
}

/** What an ARN input accepts, in the constructs' words. */
export const arnMessage = (kind: ArnKind, what = 'Each item') =>
  `${what} must be ${kind.name} ARN naming one exact resource, such as ${kind.example}.`;
