import { type IResolvable, type IResolveContext, Lazy, ref, Token } from 'cdktf';
import { quotedTemplate, soleExpression } from '../hcl/template';
import { isListTokenElement } from '../tokens';
import { escapeTemplateSyntax } from './escape';

/** The Terraform expression of a list token: `var.repository_arns`. */
function listExpression(element: string, context: IResolveContext): string {
  const resolved = context.resolve([element]);
  const expression = typeof resolved === 'string' ? soleExpression(resolved) : undefined;
  if (expression === undefined)
    throw new Error(`Not a list expression: ${JSON.stringify(resolved)}`);
  return expression;
}

/**
 * Maps every item of a list that may hold list tokens: literal items here, a list token's
 * items in Terraform (`[for item in var.x : "…${item}…"]`).
 *
 * @example mapItems(logGroupNames, (name) => logStreamsArn(context, name))
 */
export function mapItems(items: Iterable<string>, fn: (item: string) => string): string[] {
  return [...items].map((item) => {
    if (!isListTokenElement(item)) return fn(item);
    const mapped = fn(Token.asString(ref('item')));
    const forExpression: IResolvable = {
      creationStack: [],
      resolve: (context) =>
        `\${[for item in ${listExpression(item, context)} : ${expressionText(mapped, context)}]}`,
    };
    return Token.asList(forExpression)[0];
  });
}

/**
 * A JSON-like value as the text of a Terraform expression. cdktf's own rendering of values
 * inside function calls mangles tokens in strings, so the expression is written here: strings
 * as templates (IAM policy variables escaped), a list holding list tokens as
 * `concat([literal items], var.x, …)`.
 */
function expressionText(value: unknown, context: IResolveContext): string {
  if (typeof value === 'string') {
    return quotedTemplate(context.resolve(escapeTemplateSyntax(value)) as string);
  }
  if (Array.isArray(value)) {
    const items = value.filter((item) => !isListTokenElement(item));
    const literal = `[${items.map((item) => expressionText(item, context)).join(', ')}]`;
    const lists = value.filter(isListTokenElement).map((item) => listExpression(item, context));
    return lists.length === 0 ? literal : `concat(${[literal, ...lists].join(', ')})`;
  }
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).map(
      ([key, item]) => `${JSON.stringify(key)} = ${expressionText(item, context)}`,
    );
    return `{${entries.join(', ')}}`;
  }
  return JSON.stringify(value);
}

/**
 * A policy document holding list tokens, as Terraform's `jsonencode` of the document: the
 * lists are spliced in by Terraform. A statement whose resources turn out empty is left out
 * (IAM rejects `"Resource": []`).
 */
export function policyExpression(document: {
  readonly Version: string;
  readonly Statement: readonly unknown[];
}): string {
  return Lazy.stringValue({
    produce: (context) => {
      const statements = expressionText(document.Statement, context);
      const kept = `[for s in ${statements} : s if length(lookup(s, "Resource", ["*"])) > 0]`;
      return `\${jsonencode({"Version" = ${JSON.stringify(document.Version)}, "Statement" = ${kept}})}`;
    },
  });
}
