/**
 * Terraform JSON strings and HCL quoted strings are the same template language: literal text
 * with `${…}` interpolations and `%{…}` directives (`$${` and `%%{` are literal). Rendering a
 * JSON string as HCL escapes the literal parts only; interpolations are HCL expressions and
 * are copied as they are.
 */
export type TemplatePart =
  { readonly literal: string } | { readonly interpolation: string; readonly directive: boolean };

/** Where a `$` or `%` may start an interpolation, an escape or a directive. */
const MARKER = /[$%]/g;

/** Splits a template into literal parts and interpolations/directives (with their delimiters). */
export function templateParts(text: string): TemplatePart[] {
  const parts: TemplatePart[] = [];
  let literal = '';
  let i = 0;
  while (i < text.length) {
    // Literal text up to the next `$` or `%`, in one slice.
    MARKER.lastIndex = i;
    const marker = MARKER.exec(text)?.index ?? text.length;
    literal += text.slice(i, marker);
    i = marker;
    if (i >= text.length) break;
    if (text.startsWith('$${', i) || text.startsWith('%%{', i)) {
      literal += text.slice(i, i + 3);
      i += 3;
    } else if (text.startsWith('${', i) || text.startsWith('%{', i)) {
      if (literal) parts.push({ literal });
      literal = '';
      const end = endOfExpression(text, i + 2);
      parts.push({ interpolation: text.slice(i, end), directive: text[i] === '%' });
      i = end;
    } else {
      literal += text[i];
      i += 1;
    }
  }
  if (literal) parts.push({ literal });
  return parts;
}

/** The index just after the `}` closing the expression that starts at `start`. */
function endOfExpression(text: string, start: number): number {
  const expecting: Array<'}' | '"'> = ['}'];
  let i = start;
  while (i < text.length) {
    const inString = expecting[expecting.length - 1] === '"';
    if (inString) {
      if (text[i] === '\\') i += 2;
      else if (text.startsWith('$${', i) || text.startsWith('%%{', i)) i += 3;
      else if (text.startsWith('${', i) || text.startsWith('%{', i)) {
        expecting.push('}');
        i += 2;
      } else {
        if (text[i] === '"') expecting.pop();
        i += 1;
      }
      continue;
    }
    if (text[i] === '"' || text[i] === '{') expecting.push(text[i] === '"' ? '"' : '}');
    else if (text[i] === '}') {
      expecting.pop();
      if (expecting.length === 0) return i + 1;
    }
    i += 1;
  }
  throw new Error(`Unterminated template expression in ${JSON.stringify(text)}`);
}

/** The expression of a template that is exactly one interpolation (`${var.x}` → `var.x`). */
export function soleExpression(text: string): string | undefined {
  const parts = templateParts(text);
  if (parts.length !== 1 || !('interpolation' in parts[0]) || parts[0].directive) return undefined;
  return parts[0].interpolation.slice(2, -1).trim();
}

const ESCAPES: Record<string, string> = {
  '\\': '\\\\',
  '"': '\\"',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
};

/** A template as an HCL quoted string. */
export function quotedTemplate(text: string): string {
  const body = templateParts(text)
    .map((part) =>
      'literal' in part
        ? part.literal.replace(
            // eslint-disable-next-line no-control-regex -- control characters must be escaped
            /[\\"\u0000-\u001f]/g,
            (c) => ESCAPES[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
          )
        : part.interpolation,
    )
    .join('');
  return `"${body}"`;
}

/** A string value as HCL: a sole interpolation as its bare expression, anything else quoted. */
export function hclString(text: string): string {
  const expression = soleExpression(text);
  return expression !== undefined && !expression.includes('\n') ? expression : quotedTemplate(text);
}
