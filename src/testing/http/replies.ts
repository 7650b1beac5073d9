/**
 * Answers of the HTTP face: a reply value, the ways to build one (a JSON success, an error
 * answer, an error the request handling throws), and writing it to the response.
 */
import type { ServerResponse } from "node:http";
import { errorReply, type ErrorReply } from "./http-errors";
import { restJson } from "./json-codec";

/** What one request is answered with. */
export interface Reply {
  status: number;
  body?: string | Buffer;
  contentType?: string;
  headers?: Record<string, string>;
}

/** An error thrown by the HTTP layer itself, carrying its ready-made answer. */
export class ReplyError extends Error {
  constructor(readonly reply: ErrorReply) {
    super(String(reply.body.message ?? reply.body.Message));
    this.name = reply.name;
  }
}

/** An `InvalidRequestContentException` to throw (a body or payload that is not JSON). */
export function invalidContent(message: string): ReplyError {
  return new ReplyError(errorReply("InvalidRequestContentException", message));
}

/** An `InvalidParameterValueException` to throw (a malformed query value or header). */
export function invalidParameter(message: string): ReplyError {
  return new ReplyError(errorReply("InvalidParameterValueException", message));
}

/** A 200 answer with `value` as REST JSON (dates as epoch seconds). */
export function ok(value: unknown): Reply {
  return { status: 200, body: restJson(value), contentType: "application/json" };
}

/** The reply of an error answer. */
export function errorAnswer(reply: ErrorReply): Reply {
  return {
    status: reply.status,
    body: JSON.stringify(reply.body),
    contentType: "application/json",
    headers: reply.headers,
  };
}

/** Writes `reply` with the request id header (no body and no content headers for a 204). */
export function send(response: ServerResponse, requestId: string, reply: Reply): void {
  if (response.destroyed) return;
  const headers: Record<string, string | number> = {
    "X-Amzn-RequestId": requestId,
    ...reply.headers,
  };
  const body = reply.body ?? "";
  if (reply.status !== 204) {
    headers["Content-Type"] = reply.contentType ?? "application/json";
    headers["Content-Length"] = Buffer.byteLength(body);
  }
  response.writeHead(reply.status, headers);
  response.end(reply.status === 204 ? undefined : body);
}
