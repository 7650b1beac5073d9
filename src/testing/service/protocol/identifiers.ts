/**
 * Identifiers minted by the embedded service: execution ARNs, checkpoint tokens, callback
 * ids and paging markers. Tokens, callback ids and markers are base64 of a small JSON
 * object, opaque to clients.
 */
import { randomUUID } from "node:crypto";
import { invalidParameter } from "./service-errors";

/** Region, account and version used in the ARNs the emulator mints. */
export interface ArnSettings {
  partition: string;
  region: string;
  accountId: string;
}

/** Default ARN settings (`arn:aws:lambda:us-east-1:123456789012:...`). */
export const DEFAULT_ARN_SETTINGS: ArnSettings = {
  partition: "aws",
  region: "us-east-1",
  accountId: "123456789012",
};

/** A fresh random UUID. */
export function newUuid(): string {
  return randomUUID();
}

/** Unqualified function ARN, e.g. `arn:aws:lambda:us-east-1:123456789012:function:orders`. */
export function functionArn(settings: ArnSettings, functionName: string): string {
  return `arn:${settings.partition}:lambda:${settings.region}:${settings.accountId}:function:${functionName}`;
}

/** Durable execution ARN: `<function arn>:<version>/durable-execution/<name>/<id>`. */
export function executionArn(
  settings: ArnSettings,
  functionName: string,
  version: string,
  executionName: string,
  executionId: string,
): string {
  return `${functionArn(settings, functionName)}:${version}/durable-execution/${executionName}/${executionId}`;
}

/**
 * Splits a function reference (name, `name:qualifier`, partial ARN `123456789012:function:name`,
 * or full ARN with optional qualifier) into its name and qualifier.
 */
export function parseFunctionReference(ref: string): { name: string; qualifier?: string } {
  let rest = ref;
  const fnIdx = rest.indexOf("function:");
  if (rest.startsWith("arn:") || fnIdx >= 0) {
    rest = fnIdx >= 0 ? rest.slice(fnIdx + "function:".length) : rest;
  }
  const colon = rest.indexOf(":");
  if (colon < 0) return { name: rest };
  return { name: rest.slice(0, colon), qualifier: rest.slice(colon + 1) };
}

/** Parses a request's required `FunctionName`; rejects a missing or empty one. */
export function requireFunctionReference(value: unknown): { name: string; qualifier?: string } {
  if (typeof value !== "string" || value.length === 0) {
    throw invalidParameter("Invalid value for FunctionName: a function name is required.");
  }
  return parseFunctionReference(value);
}

function encode(value: object): string {
  return Buffer.from(JSON.stringify(value), "utf8").toString("base64");
}

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

function decode(text: unknown, maxLength: number): Record<string, unknown> | undefined {
  if (
    typeof text !== "string" ||
    text.length === 0 ||
    text.length > maxLength ||
    !BASE64.test(text)
  ) {
    return undefined;
  }
  try {
    const parsed: unknown = JSON.parse(Buffer.from(text, "base64").toString("utf8"));
    return typeof parsed === "object" && parsed !== null && !Array.isArray(parsed)
      ? (parsed as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

/** Contents of a checkpoint token: execution id, invocation number, sequence number. */
export interface CheckpointTokenData {
  executionId: string;
  invocation: number;
  sequence: number;
}

/** Encodes a checkpoint token. */
export function encodeCheckpointToken(data: CheckpointTokenData): string {
  return encode({ e: data.executionId, i: data.invocation, s: data.sequence });
}

/** Decodes a checkpoint token, or `undefined` when it is not one of ours. */
export function decodeCheckpointToken(token: unknown): CheckpointTokenData | undefined {
  const o = decode(token, 2048);
  if (!o || typeof o.e !== "string" || typeof o.i !== "number" || typeof o.s !== "number")
    return undefined;
  return { executionId: o.e, invocation: o.i, sequence: o.s };
}

/** Contents of a callback id: execution id, operation id and a random nonce. */
export interface CallbackIdData {
  executionId: string;
  operationId: string;
  nonce: string;
}

/** Encodes a callback id. */
export function encodeCallbackId(data: CallbackIdData): string {
  return encode({ e: data.executionId, o: data.operationId, n: data.nonce });
}

/** Decodes a callback id, or `undefined` when it is malformed. */
export function decodeCallbackId(id: unknown): CallbackIdData | undefined {
  const o = decode(id, 1024);
  if (!o || typeof o.e !== "string" || typeof o.o !== "string" || typeof o.n !== "string")
    return undefined;
  return { executionId: o.e, operationId: o.o, nonce: o.n };
}

/** Contents of a paging marker: what is paged (`k`), its owner and the position to resume at. */
export interface MarkerData {
  kind: string;
  owner: string;
  position: number;
}

/** Encodes a paging marker. */
export function encodeMarker(data: MarkerData): string {
  return encode({ k: data.kind, o: data.owner, p: data.position });
}

/** Decodes a paging marker of the given kind and owner, or `undefined`. */
export function decodeMarker(marker: unknown, kind: string, owner: string): number | undefined {
  const o = decode(marker, 4096);
  if (!o || o.k !== kind || o.o !== owner || typeof o.p !== "number" || o.p < 0) return undefined;
  return o.p;
}
