/**
 * Errors that cross the contract. Every failure reaches the renderer as `{ code, message, details }`
 * whichever transport carried it, so the UI can translate the code and show the message.
 */
export type ContractErrorCode =
  | 'unknown-method'
  | 'invalid-arguments'
  | 'invalid-result'
  | 'forbidden'
  | 'not-allowed'
  | 'io-error'
  | 'internal';

export interface ContractErrorShape {
  code: ContractErrorCode;
  message: string;
  /** For invalid arguments: one entry per wrong field, `path` like `contentBase64` or `notification.title`. */
  issues?: { path: string; message: string }[];
}

export class ContractError extends Error {
  readonly code: ContractErrorCode;
  readonly issues?: { path: string; message: string }[];

  constructor(code: ContractErrorCode, message: string, issues?: { path: string; message: string }[]) {
    super(message);
    this.name = 'ContractError';
    this.code = code;
    if (issues) this.issues = issues;
  }

  toJSON(): ContractErrorShape {
    return { code: this.code, message: this.message, ...(this.issues ? { issues: this.issues } : {}) };
  }

  static fromShape(shape: ContractErrorShape): ContractError {
    return new ContractError(shape.code, shape.message, shape.issues);
  }
}

export function isContractErrorShape(value: unknown): value is ContractErrorShape {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { code?: unknown }).code === 'string' &&
    typeof (value as { message?: unknown }).message === 'string'
  );
}
