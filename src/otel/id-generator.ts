import { randomBytes } from "node:crypto";

/** Ids the next span started by the plugin must carry. */
export interface PendingIds {
  traceId?: string;
  spanId: string;
}

/**
 * The id generator shape OpenTelemetry SDK tracer providers accept (`idGenerator`).
 *
 * @example
 * ```ts
 * import { AWSXRayIdGenerator } from "@opentelemetry/id-generator-aws-xray";
 * const fallback: IdGeneratorLike = new AWSXRayIdGenerator();
 * const generator = new DurableIdGenerator(fallback);
 * ```
 */
export interface IdGeneratorLike {
  generateTraceId(): string;
  generateSpanId(): string;
}

// Kept on globalThis so the ESM and CJS copies of this entry (or two bundled copies) share it.
const SLOT = Symbol.for("@aws/durable-execution-sdk-js/otel:pending-ids");
type Slot = { [SLOT]?: PendingIds };

/** Runs `start` (which starts exactly one span synchronously) with `ids` offered to the generator. */
export function withPendingIds<T>(ids: PendingIds, start: () => T): T {
  const slot = globalThis as Slot;
  const previous = slot[SLOT];
  slot[SLOT] = { ...ids };
  try {
    return start();
  } finally {
    slot[SLOT] = previous;
  }
}

function randomHex(bytes: number): string {
  const hex = randomBytes(bytes).toString("hex");
  return /^0+$/.test(hex) ? `${hex.slice(0, -1)}1` : hex;
}

/**
 * An OpenTelemetry id generator that gives the durable plugin's spans their deterministic ids
 * and delegates every other span to `fallback` (random ids when none is given). OpenTelemetry's
 * API has no way to choose a span's own id, so install this generator in the tracer provider
 * for span ids that are the same on every invocation; without it trace ids stay deterministic
 * (inherited from a deterministic parent) but span ids come from the provider.
 *
 * @example
 * ```ts
 * import { BasicTracerProvider } from "@opentelemetry/sdk-trace-base";
 * import { DurableIdGenerator } from "@aws/durable-execution-sdk-js/otel";
 *
 * const provider = new BasicTracerProvider({ idGenerator: new DurableIdGenerator() });
 * ```
 */
export class DurableIdGenerator implements IdGeneratorLike {
  /** @param fallback generator for spans the durable plugin did not start (e.g. an X-Ray one). */
  constructor(private readonly fallback?: IdGeneratorLike) {}

  /** The pending deterministic trace id (once), else the fallback's. */
  generateTraceId(): string {
    const pending = (globalThis as Slot)[SLOT];
    if (pending?.traceId) {
      const id = pending.traceId;
      delete pending.traceId;
      return id;
    }
    return this.fallback?.generateTraceId() ?? randomHex(16);
  }

  /** The pending deterministic span id (once), else the fallback's. */
  generateSpanId(): string {
    const slot = globalThis as Slot;
    const pending = slot[SLOT];
    if (pending?.spanId) {
      const id = pending.spanId;
      pending.spanId = "";
      return id;
    }
    return this.fallback?.generateSpanId() ?? randomHex(8);
  }
}
