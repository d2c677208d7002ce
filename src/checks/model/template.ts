/**
 * A piece of a Terraform string: literal text, a `${…}` Terraform expression, or an IAM policy
 * variable that Terraform passes through literally (`$${aws:username}` in the source).
 */
export type TemplatePart =
  | { readonly kind: 'literal'; readonly text: string }
  | { readonly kind: 'reference'; readonly expression: string }
  | { readonly kind: 'variable'; readonly name: string };

/** Where a `$` or `%` may start an expression or an escape. */
const MARKER = /[$%]/g;

/**
 * Splits a Terraform string into literal text, `${…}` expressions and escaped policy variables.
 * `$${…}` and `%%{…}` are Terraform's escapes for literal `${…}` and `%{…}`.
 */
export function parseTemplate(text: string): TemplatePart[] {
  const parts: TemplatePart[] = [];
  let literal = '';
  const flush = () => {
    if (literal) parts.push({ kind: 'literal', text: literal });
    literal = '';
  };
  let i = 0;
  while (i < text.length) {
    if (text.startsWith('$${', i) || text.startsWith('%%{', i)) {
      const end = text.indexOf('}', i + 3);
      if (text[i] === '$' && end >= 0) {
        flush();
        parts.push({ kind: 'variable', name: text.slice(i + 3, end) });
        i = end + 1;
      } else {
        literal += text.slice(i + 1, i + 3);
        i += 3;
      }
    } else if (text.startsWith('${', i)) {
      const end = closingBrace(text, i + 2);
      if (end < 0) {
        literal += text.slice(i);
        break;
      }
      flush();
      parts.push({ kind: 'reference', expression: text.slice(i + 2, end).trim() });
      i = end + 1;
    } else {
      // Literal text up to the next `$` or `%`, in one slice.
      MARKER.lastIndex = i + 1;
      const next = MARKER.exec(text)?.index ?? text.length;
      literal += text.slice(i, next);
      i = next;
    }
  }
  flush();
  return parts;
}

/** The index of the `}` closing an expression that starts at `start`, skipping nested braces and strings. */
function closingBrace(text: string, start: number): number {
  let depth = 0;
  let quoted = false;
  for (let i = start; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '\\') i += 1;
      else if (c === '"') quoted = false;
    } else if (c === '"') quoted = true;
    else if (c === '{') depth += 1;
    else if (c === '}') {
      if (depth === 0) return i;
      depth -= 1;
    }
  }
  return -1;
}

/** The expression when the whole string is one `${…}` reference, e.g. `aws_iam_role.x.arn`. */
export function wholeReference(text: string): string | undefined {
  // Most strings asked about are whole policy documents: no need to parse them.
  if (!text.startsWith('${') || !text.endsWith('}')) return undefined;
  const parts = parseTemplate(text);
  return parts.length === 1 && parts[0].kind === 'reference' ? parts[0].expression : undefined;
}

/**
 * The string with every expression replaced by `{ref}` and every policy variable by `{var}`:
 * wildcards left in it (`*`, `?`) are the policy's own, never part of a reference.
 */
export function maskTemplate(text: string): string {
  return parseTemplate(text)
    .map((part) =>
      part.kind === 'literal' ? part.text : part.kind === 'reference' ? '{ref}' : '{var}',
    )
    .join('');
}

/** A reference to an attribute of a resource: `aws_iam_role.x.name` → `aws_iam_role.x`, `name`. */
export function referencedResource(
  expression: string,
): { address: string; type: string; attribute: string } | undefined {
  // Plans add module paths: `module.a.module.b.aws_iam_policy.x.arn`.
  const match =
    /^((?:module\.[A-Za-z0-9_-]+\.)*(?:data\.)?([a-z0-9_]+)\.([A-Za-z0-9_-]+))\.([a-z0-9_]+)$/.exec(
      expression,
    );
  return match ? { address: match[1], type: match[2], attribute: match[4] } : undefined;
}
