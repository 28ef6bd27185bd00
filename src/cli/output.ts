/**
 * The CLI's output layer: the only place that writes to stdout/stderr directly.
 * Everything else logs through pino (to stderr) or returns data for a command to print.
 */
export interface Output {
  /** A line of the command's result, to stdout. */
  line(text: string): void;
  /** One JSON document, to stdout. */
  json(value: unknown): void;
  /** A message for the person at the terminal (errors, hints), to stderr. */
  error(text: string): void;
  readonly isTTY: boolean;
}

export const consoleOutput: Output = {
  line: (text) => console.log(text),
  json: (value) => console.log(JSON.stringify(value, null, 2)),
  error: (text) => console.error(text),
  isTTY: Boolean(process.stdout.isTTY),
};

/** Collects output in memory (tests). */
export function memoryOutput(): Output & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return {
    stdout,
    stderr,
    line: (t) => void stdout.push(t),
    json: (v) => void stdout.push(JSON.stringify(v, null, 2)),
    error: (t) => void stderr.push(t),
    isTTY: false,
  };
}
