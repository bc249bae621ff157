/** A refusal of the CLI itself (a missing key, an unreadable cookie file): printed as `error: <message>`, exit 1. */
export class CliError extends Error {
  constructor(message: string, readonly code = 'CLI_USAGE') {
    super(message);
    this.name = 'CliError';
  }
}
