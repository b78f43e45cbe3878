/** The google.rpc.Code names this server answers with, and the HTTP status Google maps each to. */
const HTTP_STATUS = {
  INVALID_ARGUMENT: 400,
  FAILED_PRECONDITION: 400,
  NOT_FOUND: 404,
  ALREADY_EXISTS: 409,
  UNIMPLEMENTED: 501,
  INTERNAL: 500,
} as const;

export type RpcStatus = keyof typeof HTTP_STATUS;

/** Numeric google.rpc.Code values, for Attempt.responseStatus. */
export const RPC_CODE = {
  OK: 0,
  CANCELLED: 1,
  UNKNOWN: 2,
  INVALID_ARGUMENT: 3,
  DEADLINE_EXCEEDED: 4,
  NOT_FOUND: 5,
  PERMISSION_DENIED: 7,
  RESOURCE_EXHAUSTED: 8,
  FAILED_PRECONDITION: 9,
  UNIMPLEMENTED: 12,
  INTERNAL: 13,
  UNAVAILABLE: 14,
  UNAUTHENTICATED: 16,
} as const;

/**
 * An API error as Google's REST front end reports it. The client's decoder reads `error.status`
 * to recover the gRPC code, so `err.code === 6` (ALREADY_EXISTS) works exactly as in production.
 */
export class RpcError extends Error {
  constructor(
    readonly status: RpcStatus,
    message: string,
  ) {
    super(message);
    this.name = 'RpcError';
  }

  get httpStatus(): number {
    return HTTP_STATUS[this.status];
  }

  toJson() {
    return { error: { code: this.httpStatus, message: this.message, status: this.status } };
  }
}

/** The google.rpc.Code a target's HTTP answer maps to, as Cloud Tasks records in lastAttempt. */
export function rpcCodeForHttpStatus(status: number): number {
  if (status >= 200 && status < 300) return RPC_CODE.OK;
  if (status === 400) return RPC_CODE.INVALID_ARGUMENT;
  if (status === 401) return RPC_CODE.UNAUTHENTICATED;
  if (status === 403) return RPC_CODE.PERMISSION_DENIED;
  if (status === 404) return RPC_CODE.NOT_FOUND;
  if (status === 429) return RPC_CODE.RESOURCE_EXHAUSTED;
  if (status === 501) return RPC_CODE.UNIMPLEMENTED;
  if (status === 503) return RPC_CODE.UNAVAILABLE;
  if (status === 504) return RPC_CODE.DEADLINE_EXCEEDED;
  if (status >= 400 && status < 500) return RPC_CODE.FAILED_PRECONDITION;
  if (status >= 500) return RPC_CODE.INTERNAL;
  return RPC_CODE.UNKNOWN;
}
