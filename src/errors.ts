/**
 * Put in place of a received value that may be secret (a password where an ARN belongs, an
 * environment value, a command, an unknown field's content): messages show `[hidden]`.
 */
export const HIDDEN: unique symbol = Symbol.for('fargate-runner.hidden');

/**
 * One thing wrong with one property: which property, what was received and what is allowed.
 */
export interface Problem {
  /** The property (or argument) at fault, with its index for list items: `repositoryArns[1]`. */
  readonly property: string;
  /** The value received, exactly as given, or {@link HIDDEN} when it may be secret. */
  readonly received: unknown;
  /** What is allowed instead, in words a user can act on. */
  readonly allowed: string;
  /** What is wrong, when "not allowed" is not enough: `is 70 characters long`. */
  readonly reason?: string;
}

/**
 * Thrown for bad input. The message names the subject (a construct path or an environment),
 * then every problem with its property, the value received and what is allowed, so that one
 * run shows everything to fix.
 */
export class ValidationError extends Error {
  constructor(
    /** Where the problems are: a construct path such as `fargate-runner-dev/exec-role`. */
    readonly subject: string,
    readonly problems: readonly Problem[],
  ) {
    super(formatProblems(subject, problems));
    this.name = 'ValidationError';
  }
}

/** Renders problems as one line each, prefixed by the subject. */
export function formatProblems(subject: string, problems: readonly Problem[]): string {
  const lines = problems.map((p) => formatProblem(p));
  if (lines.length === 1) return `${subject}: ${lines[0]}`;
  return `${subject}: ${lines.length} problems:\n${lines.map((l) => `  - ${l}`).join('\n')}`;
}

function formatProblem(problem: Problem): string {
  const reason = problem.reason ? ` ${problem.reason}` : ' is not allowed';
  return `${problem.property}${reason}: received ${describeValue(problem.received)}; allowed: ${problem.allowed}`;
}

/** A short, unambiguous rendering of a received value for an error message. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === HIDDEN) return '[hidden]';
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = String(value);
  }
  return text.length > 200 ? `${text.slice(0, 196)}..."` : text;
}

/**
 * Collects problems so that validation reports all of them at once, then throws one
 * {@link ValidationError}.
 */
export class Problems {
  /**
   * Runs a validation and throws a {@link ValidationError} for `subject` if it recorded any
   * problem; otherwise returns what the validation returned.
   */
  static validate<T>(subject: string, run: (problems: Problems) => T): T {
    const problems = new Problems();
    const result = run(problems);
    problems.throwIfAny(subject);
    return result;
  }

  private readonly list: Problem[] = [];

  /** Records a problem. */
  add(problem: Problem): void {
    this.list.push(problem);
  }

  /** Records a problem when `condition` is false. Returns the condition. */
  check(condition: boolean, problem: Problem): boolean {
    if (!condition) this.add(problem);
    return condition;
  }

  /** Every problem recorded so far. */
  get all(): readonly Problem[] {
    return this.list;
  }

  /** Throws a {@link ValidationError} for `subject` when any problem was recorded. */
  throwIfAny(subject: string): void {
    if (this.list.length > 0) throw new ValidationError(subject, [...this.list]);
  }

  /** The problems as messages, for `node.addValidation` (which prefixes the construct path). */
  toMessages(): string[] {
    return this.list.map((p) => formatProblems('', [p]).replace(/^: /, ''));
  }
}
