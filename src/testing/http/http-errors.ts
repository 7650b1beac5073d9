/**
 * Error responses of the HTTP face: status per error shape,
 * `X-Amzn-ErrorType: <ShapeName>`, and a JSON body with `Type` and the message member in the
 * casing of the shape (`message` or `Message`).
 */
import { SERVICE_ERROR_SHAPES, type ServiceErrorShape } from "../service/protocol/service-errors";

/** Shapes the HTTP layer produces itself, on top of the service's own. */
const HTTP_ONLY_SHAPES: Record<string, ServiceErrorShape> = {
  UnknownOperationException: { httpStatusCode: 404, fault: "client", messageMember: "message" },
  MethodNotAllowedException: { httpStatusCode: 405, fault: "client", messageMember: "message" },
  KMSAccessDeniedException: { httpStatusCode: 502, fault: "server", messageMember: "Message" },
  KMSDisabledException: { httpStatusCode: 502, fault: "server", messageMember: "Message" },
  KMSInvalidStateException: { httpStatusCode: 502, fault: "server", messageMember: "Message" },
  KMSNotFoundException: { httpStatusCode: 502, fault: "server", messageMember: "Message" },
};

/** An error answer: shape name, status and JSON body. */
export interface ErrorReply {
  readonly name: string;
  readonly status: number;
  readonly body: Record<string, unknown>;
  readonly headers: Record<string, string>;
}

/** The HTTP mapping of an error shape; unknown names map like a `ServiceException`-style fault. */
export function shapeOf(name: string): ServiceErrorShape | undefined {
  return (
    (SERVICE_ERROR_SHAPES as Record<string, ServiceErrorShape>)[name] ?? HTTP_ONLY_SHAPES[name]
  );
}

/**
 * Builds the error answer for shape `name`. `status` overrides the shape's status (or gives
 * one for an unknown shape, which then uses `message` and the fault implied by the status).
 */
export function errorReply(
  name: string,
  message: string,
  extra: { status?: number; retryAfterSeconds?: number; reason?: string } = {},
): ErrorReply {
  const shape = shapeOf(name);
  const status = extra.status ?? shape?.httpStatusCode ?? 500;
  const fault = shape?.fault ?? (status >= 500 ? "server" : "client");
  const member = shape?.messageMember ?? "message";
  const body: Record<string, unknown> = { Type: fault === "client" ? "User" : "Service" };
  body[member] = message;
  if (extra.reason !== undefined) body.Reason = extra.reason;
  const headers: Record<string, string> = { "X-Amzn-ErrorType": name };
  if (extra.retryAfterSeconds !== undefined)
    headers["Retry-After"] = String(extra.retryAfterSeconds);
  return { name, status, body, headers };
}

/**
 * Maps whatever the service threw to an error answer: errors that carry a known shape name
 * keep it (and their message); anything else is an internal `ServiceException`.
 */
export function replyForThrown(error: unknown): ErrorReply {
  const e = error as {
    name?: unknown;
    message?: unknown;
    $metadata?: { httpStatusCode?: unknown };
  };
  const name = typeof e?.name === "string" ? e.name : undefined;
  const message = typeof e?.message === "string" ? e.message : String(error);
  if (name !== undefined && shapeOf(name)) {
    const status = e.$metadata?.httpStatusCode;
    return errorReply(name, message, { status: typeof status === "number" ? status : undefined });
  }
  return errorReply("ServiceException", `Internal error of the embedded service: ${message}`);
}
