/** Where the CLI writes: process streams in production, string buffers in tests. */
export interface CliIo {
  stdout: { write(chunk: string): unknown };
  stderr: { write(chunk: string): unknown };
}

/** A failure the user can fix: printed as one line on stderr, exit code 2. */
export class UsageError extends Error {}
