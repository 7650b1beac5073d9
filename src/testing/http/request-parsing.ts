/**
 * Reading a request of the HTTP face: the body (bounded), the path split into decoded
 * segments, query parameters, JSON bodies and headers.
 */
import type { IncomingMessage } from "node:http";
import type { ErrorObject } from "../../types/wire";
import { parseQueryTimestamp } from "./json-codec";
import { invalidContent, invalidParameter } from "./replies";

/** Splits the raw path on `/` first, then percent-decodes each segment. */
export function splitPath(rawPath: string): string[] | undefined {
  const parts = rawPath.split("/").filter((part, i) => !(i === 0 && part === ""));
  if (parts.length > 0 && parts[parts.length - 1] === "") parts.pop();
  try {
    return parts.map((part) => decodeURIComponent(part));
  } catch {
    return undefined;
  }
}

/**
 * Query parameters, decoded per RFC 3986 (`+` stays a plus sign: the AWS SDK encodes spaces
 * as `%20` and base64 tokens contain `+`).
 */
export class QueryParams {
  private readonly values = new Map<string, string[]>();

  constructor(rawQuery: string) {
    for (const pair of rawQuery.split("&")) {
      if (pair === "") continue;
      const eq = pair.indexOf("=");
      const key = decodeQueryPart(eq < 0 ? pair : pair.slice(0, eq));
      const value = eq < 0 ? "" : decodeQueryPart(pair.slice(eq + 1));
      const list = this.values.get(key);
      if (list) list.push(value);
      else this.values.set(key, [value]);
    }
  }

  /** The first value of `key`. */
  string(key: string): string | undefined {
    return this.values.get(key)?.[0];
  }

  /** Every value of a repeated `key`. */
  list(key: string): string[] | undefined {
    return this.values.get(key);
  }

  /** An integer; a malformed number is an `InvalidParameterValueException`. */
  integer(key: string): number | undefined {
    const text = this.string(key);
    if (text === undefined) return undefined;
    if (!/^-?\d+$/.test(text)) throw invalidParameter(`Invalid value for ${key}: ${text}.`);
    return Number(text);
  }

  /** `true` or `false`; anything else is an `InvalidParameterValueException`. */
  boolean(key: string): boolean | undefined {
    const text = this.string(key);
    if (text === undefined) return undefined;
    if (text === "true") return true;
    if (text === "false") return false;
    throw invalidParameter(`Invalid value for ${key}: ${text} (expected true or false).`);
  }

  /** An ISO-8601 date-time. */
  timestamp(key: string): Date | undefined {
    const text = this.string(key);
    if (text === undefined) return undefined;
    const date = parseQueryTimestamp(text);
    if (!date) throw invalidParameter(`Invalid value for ${key}: ${text} (expected ISO-8601).`);
    return date;
  }
}

function decodeQueryPart(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    throw invalidParameter("The query string is not correctly encoded.");
  }
}

/** A JSON object body (`{}` when empty); anything else is an `InvalidRequestContentException`. */
export function jsonBody(body: Buffer): Record<string, unknown> {
  if (body.length === 0) return {};
  let value: unknown;
  try {
    value = JSON.parse(body.toString("utf8"));
  } catch {
    throw invalidContent("Could not parse request body into json.");
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw invalidContent("The request body must be a JSON object.");
  }
  return value as Record<string, unknown>;
}

/** An `Invoke` payload as JSON (`{}` when blank); invalid JSON is an `InvalidRequestContentException`. */
export function jsonPayload(payload: string): unknown {
  if (payload.trim() === "") return {};
  try {
    return JSON.parse(payload);
  } catch {
    throw invalidContent("Could not parse request body into json.");
  }
}

/** An ErrorObject payload (callback failure, stop): `undefined` for an empty body or `{}`. */
export function optionalErrorObject(body: Buffer): ErrorObject | undefined {
  const value = jsonBody(body);
  return Object.keys(value).length === 0 ? undefined : (value as ErrorObject);
}

/** The first value of a request header. */
export function header(headers: IncomingMessage["headers"], name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** The request body was larger than the listener accepts. */
export class BodyTooLargeError extends Error {}

/** Reads the whole body; rejects with {@link BodyTooLargeError} past `limit` bytes. */
export function readBody(request: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let failed = false;
    request.on("data", (chunk: Buffer) => {
      if (failed) return;
      size += chunk.length;
      if (size > limit) {
        failed = true;
        reject(new BodyTooLargeError(`Request must be smaller than ${limit} bytes.`));
        return;
      }
      chunks.push(chunk);
    });
    request.on("end", () => {
      if (!failed) resolve(Buffer.concat(chunks));
    });
    request.on("error", (error) => {
      if (!failed) reject(error);
    });
  });
}

/** A recognised request, ready for its route's handler. */
export interface ParsedRequest {
  /** Decoded path labels (`DurableExecutionArn`, `CallbackId`, `FunctionName`). */
  readonly labels: Record<string, string>;
  readonly query: QueryParams;
  readonly body: Buffer;
  readonly headers: IncomingMessage["headers"];
}
