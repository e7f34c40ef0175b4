/**
 * An error the emulated service answers with. `code` is the AWS error code the SDK maps to an
 * exception name; `status` is the HTTP status AWS uses for it.
 */
export class SandboxError extends Error {
  readonly code: string;
  readonly status: number;

  constructor(code: string, message: string, status = 400) {
    super(message);
    this.name = "SandboxError";
    this.code = code;
    this.status = status;
  }
}

export function missingParameter(name: string): SandboxError {
  return new SandboxError(
    "MissingParameter",
    `The request must contain the parameter ${name}`,
  );
}

export function invalidParameterValue(message: string): SandboxError {
  return new SandboxError("InvalidParameterValue", message);
}
