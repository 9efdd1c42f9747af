/** Thrown at start-up when the environment cannot run the service; the message says what to fix. */
export class ConfigError extends Error {
  constructor(
    message: string,
    readonly variables: string[] = [],
  ) {
    super(message);
    this.name = 'ConfigError';
  }
}
