import { type IResolvable, Token } from 'cdktf';

/**
 * A Terraform expression written out, for what cdktf cannot build from tokens: `for`
 * expressions over an object-typed variable, `keys(…)`, conditionals. The text is copied into
 * the synthesized Terraform as it is.
 */
export function terraformExpression(text: string): IResolvable {
  // Inside a function call (`jsonencode(…)`) cdktf asks for the expression without `${…}`.
  return {
    creationStack: [],
    resolve: (context) => (context.suppressBraces ? text : `\${${text}}`),
  };
}

/** A string-valued Terraform expression, as a string token. */
export const stringExpression = (text: string): string => Token.asString(terraformExpression(text));

/** A list-valued Terraform expression, as a list token (its one element stands for the list). */
export const listExpression = (text: string): string[] => Token.asList(terraformExpression(text));
