/** A sandbox failure that names what went wrong, the component at fault and where its log is. */
export class SandboxError extends Error {
  readonly code: string;
  readonly component: string | undefined;
  readonly logPath: string | undefined;

  constructor(code: string, message: string, details: { component?: string; logPath?: string } = {}) {
    super(message);
    this.name = 'SandboxError';
    this.code = code;
    this.component = details.component;
    this.logPath = details.logPath;
  }
}
