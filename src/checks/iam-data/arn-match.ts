import { parseTemplate, referencedResource } from '../model/template';
import { type IamCatalog } from './catalog';

/**
 * One position of an ARN pattern: a literal character, `?` (any one character), or a run of
 * any characters (`*`, a format variable, an unknown value); `colon` says whether the run may
 * cross `:` (ARN segment) boundaries.
 */
export type ArnToken =
  | { readonly t: 'char'; readonly c: string }
  | { readonly t: 'one' }
  | { readonly t: 'run'; readonly colon: boolean };

const SEGMENT: ArnToken = { t: 'run', colon: false };
const ANYTHING: ArnToken = { t: 'run', colon: true };

/**
 * Tokens of an ARN format from the Service Authorization Reference. Variables match within
 * their segment, except a final one (object keys and the like may contain `:`).
 */
export function formatTokens(format: string): ArnToken[] {
  const tokens: ArnToken[] = [];
  const pattern = /\$\{[^}]+\}/g;
  let last = 0;
  for (let match = pattern.exec(format); match; match = pattern.exec(format)) {
    tokens.push(...chars(format.slice(last, match.index)));
    tokens.push(match.index + match[0].length === format.length ? ANYTHING : SEGMENT);
    last = match.index + match[0].length;
  }
  tokens.push(...chars(format.slice(last)));
  return tokens;
}

function chars(text: string): ArnToken[] {
  return text.split('').map((c) => ({ t: 'char', c }));
}

/**
 * Terraform resource types whose `arn` attribute is an ARN of a known IAM resource type, so
 * that `${aws_iam_role.x.arn}` can be matched by its shape.
 */
const ARN_ATTRIBUTE_TYPES: Readonly<Record<string, readonly [string, string]>> = {
  aws_iam_role: ['iam', 'role'],
  aws_iam_policy: ['iam', 'policy'],
  aws_ecs_cluster: ['ecs', 'cluster'],
  aws_ecs_task_definition: ['ecs', 'task-definition'],
  aws_ecs_service: ['ecs', 'service'],
  aws_cloudwatch_log_group: ['logs', 'log-group'],
  aws_secretsmanager_secret: ['secretsmanager', 'secret'],
  aws_ecr_repository: ['ecr', 'repository'],
  aws_s3_bucket: ['s3', 'bucket'],
  aws_sns_topic: ['sns', 'topic'],
  aws_sqs_queue: ['sqs', 'queue'],
  aws_dynamodb_table: ['dynamodb', 'table'],
  aws_lambda_function: ['lambda', 'function'],
  aws_ssm_parameter: ['ssm', 'parameter'],
  aws_kms_key: ['kms', 'key'],
  aws_scheduler_schedule: ['scheduler', 'schedule'],
};

/** The services whose ARN formats typed references need. */
export const REFERENCE_SERVICES = [...new Set(Object.values(ARN_ATTRIBUTE_TYPES).map(([s]) => s))];

/**
 * Tokens of a policy's Resource string, or undefined when its shape is unknown (it starts with a
 * reference that cannot be typed). References to data sources and other values match any value
 * within their ARN segment; `${aws_iam_role.x.arn}` and the like take the shape of their type.
 */
export function resourceTokens(resource: string, iam: IamCatalog): ArnToken[] | undefined {
  const tokens: ArnToken[] = [];
  for (const [index, part] of parseTemplate(resource).entries()) {
    if (part.kind === 'literal') {
      for (const c of part.text) {
        tokens.push(c === '*' ? ANYTHING : c === '?' ? { t: 'one' } : { t: 'char', c });
      }
    } else if (part.kind === 'variable') {
      tokens.push(SEGMENT);
    } else {
      const target = referencedResource(part.expression);
      const typed = target?.attribute === 'arn' ? ARN_ATTRIBUTE_TYPES[target.type] : undefined;
      const format = typed && iam.arnFormat(typed[0], typed[1]);
      if (format) tokens.push(...formatTokens(format));
      else if (index === 0) return undefined;
      else tokens.push(SEGMENT);
    }
  }
  return tokens;
}

/** Whether some string matches both patterns. */
export function patternsIntersect(a: readonly ArnToken[], b: readonly ArnToken[]): boolean {
  // The positions (i, j) already visited, each a byte: a Set of numbers cost more to fill.
  const width = b.length + 1;
  const seen = new Uint8Array((a.length + 1) * width);
  const visit = (i: number, j: number): boolean => {
    if (i === a.length && j === b.length) return true;
    const key = i * width + j;
    if (seen[key] === 1) return false;
    seen[key] = 1;
    const x = a[i];
    const y = b[j];
    if (x?.t === 'run') {
      if (visit(i + 1, j)) return true;
      if (y && y.t !== 'run' && fits(x, y) && visit(i, j + 1)) return true;
    }
    if (y?.t === 'run') {
      if (visit(i, j + 1)) return true;
      if (x && x.t !== 'run' && fits(y, x) && visit(i + 1, j)) return true;
    }
    if (x && y && x.t !== 'run' && y.t !== 'run') {
      const same = x.t === 'one' || y.t === 'one' || x.c === y.c;
      if (same && visit(i + 1, j + 1)) return true;
    }
    return false;
  };
  return visit(0, 0);
}

/** Whether a run can absorb a single-character token. */
function fits(run: { colon: boolean }, token: ArnToken): boolean {
  return run.colon || token.t === 'one' || (token.t === 'char' && token.c !== ':');
}
