/**
 * Error shapes of the durable execution service, and a factory that builds errors the way
 * a real AWS SDK v3 client surfaces them (`name`, `$fault`, `$metadata.httpStatusCode`,
 * `message`). The HTTP face of the emulator reuses {@link SERVICE_ERROR_SHAPES} to pick the
 * status code, the `Type` member and the casing of the message member.
 */

/**
 * How one error shape travels over HTTP.
 *
 * @example
 * ```ts
 * const shape: ServiceErrorShape = SERVICE_ERROR_SHAPES.ResourceNotFoundException;
 * console.log(shape.httpStatusCode, shape.fault);
 * ```
 */
export interface ServiceErrorShape {
  /** HTTP status code of the error response. */
  readonly httpStatusCode: number;
  /** `client` for 4xx shapes, `server` for 5xx shapes. */
  readonly fault: "client" | "server";
  /** Name of the message member in the JSON body (`message` or `Message`). */
  readonly messageMember: "message" | "Message";
}

/**
 * Every error shape the emulator produces, with its HTTP mapping.
 *
 * @example
 * ```ts
 * console.log(SERVICE_ERROR_SHAPES.TooManyRequestsException.httpStatusCode); // 429
 * ```
 */
export const SERVICE_ERROR_SHAPES = {
  InvalidParameterValueException: {
    httpStatusCode: 400,
    fault: "client",
    messageMember: "message",
  },
  InvalidRequestContentException: {
    httpStatusCode: 400,
    fault: "client",
    messageMember: "message",
  },
  CallbackTimeoutException: { httpStatusCode: 400, fault: "client", messageMember: "Message" },
  ResourceNotFoundException: { httpStatusCode: 404, fault: "client", messageMember: "Message" },
  ResourceConflictException: { httpStatusCode: 409, fault: "client", messageMember: "message" },
  DurableExecutionAlreadyStartedException: {
    httpStatusCode: 409,
    fault: "client",
    messageMember: "Message",
  },
  ValidationException: { httpStatusCode: 400, fault: "client", messageMember: "message" },
  RequestTooLargeException: { httpStatusCode: 413, fault: "client", messageMember: "message" },
  TooManyRequestsException: { httpStatusCode: 429, fault: "client", messageMember: "message" },
  ServiceException: { httpStatusCode: 500, fault: "server", messageMember: "Message" },
} as const satisfies Record<string, ServiceErrorShape>;

/**
 * Name of an error shape the emulator can produce.
 *
 * @example
 * ```ts
 * const name: ServiceErrorName = "InvalidParameterValueException";
 * ```
 */
export type ServiceErrorName = keyof typeof SERVICE_ERROR_SHAPES;

/**
 * An error thrown by the embedded service. It carries the same signals as an error thrown
 * by `@aws-sdk/client-lambda`, so the SDK classifies it identically.
 *
 * @example
 * ```ts
 * try {
 *   await service.sendDurableExecutionCallbackSuccess({ CallbackId: "unknown" });
 * } catch (error) {
 *   if (error instanceof DurableServiceError) console.log(error.name, error.$metadata.httpStatusCode);
 * }
 * ```
 */
export class DurableServiceError extends Error {
  /** The error shape name (e.g. `InvalidParameterValueException`). */
  override readonly name: ServiceErrorName;
  /** `client` or `server`, as in AWS SDK v3 service exceptions. */
  readonly $fault: "client" | "server";
  /** Response metadata, as in AWS SDK v3 service exceptions. */
  readonly $metadata: { httpStatusCode: number; requestId?: string };
  /** `User` for client faults, `Service` for server faults (the JSON body's `Type`). */
  readonly Type: "User" | "Service";

  constructor(name: ServiceErrorName, message: string) {
    super(message);
    const shape = SERVICE_ERROR_SHAPES[name];
    this.name = name;
    this.$fault = shape.fault;
    this.$metadata = { httpStatusCode: shape.httpStatusCode };
    this.Type = shape.fault === "client" ? "User" : "Service";
  }
}

/** Builds an `InvalidParameterValueException`. */
export function invalidParameter(message: string): DurableServiceError {
  return new DurableServiceError("InvalidParameterValueException", message);
}

/** Builds an `InvalidParameterValueException` whose message starts with `Invalid Checkpoint Token`. */
export function invalidToken(reason: string): DurableServiceError {
  return new DurableServiceError(
    "InvalidParameterValueException",
    `Invalid Checkpoint Token: ${reason}`,
  );
}

/** Builds a `ResourceNotFoundException`. */
export function resourceNotFound(message: string): DurableServiceError {
  return new DurableServiceError("ResourceNotFoundException", message);
}

/** Builds a `CallbackTimeoutException`. */
export function callbackTimeout(message: string): DurableServiceError {
  return new DurableServiceError("CallbackTimeoutException", message);
}
