/** Structured logging: an event name and its fields, one JSON object per line. */
export interface Logger {
  info(event: string, fields: Record<string, unknown>): void;
  error(event: string, fields: Record<string, unknown>): void;
}

/**
 * A logger that writes each record as one JSON line to standard output, which Lambda sends to
 * CloudWatch Logs unchanged (`console.log` adds a prefix in Lambda's text log format). Callers
 * pass names and flags only, never environment or command values.
 */
export function jsonLogger(
  write: (line: string) => void = (line) => process.stdout.write(line),
): Logger {
  const log = (level: string) => (event: string, fields: Record<string, unknown>) =>
    write(`${JSON.stringify({ level, event, ...fields })}\n`);
  return { info: log('INFO'), error: log('ERROR') };
}
