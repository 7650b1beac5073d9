import { createHash } from "node:crypto";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { AnySerdes, SerdesContext } from "../types/serdes";

/**
 * When {@link createFileSystemSerdes} writes a value to a file.
 *
 * @example
 * ```ts
 * const serdes = createFileSystemSerdes("/mnt/efs/payloads", {
 *   storageMode: FileSystemSerdesMode.OVERFLOW, // only values too large for a checkpoint
 * });
 * ```
 */
export enum FileSystemSerdesMode {
  /** Every value goes to a file. */
  ALWAYS = "ALWAYS",
  /** Values stay inline unless the inline payload would be too large for a checkpoint. */
  OVERFLOW = "OVERFLOW",
}

/**
 * How execution ARNs and operation ids become directory and file names.
 *
 * @example
 * ```ts
 * const serdes = createFileSystemSerdes("/mnt/efs/payloads", {
 *   pathEncoding: FileSystemPathEncoding.HASH, // fixed-length names, nothing readable on disk
 * });
 * ```
 */
export enum FileSystemPathEncoding {
  /** Readable names: function/execution/invocation directories, URI-encoded ids. */
  URI = "URI",
  /** SHA-256 hex digests of the ARN and the id. */
  HASH = "HASH",
}

/**
 * Options of {@link createFileSystemSerdes}.
 *
 * @example
 * ```ts
 * const serdes = createFileSystemSerdes("/mnt/efs", {
 *   storageMode: FileSystemSerdesMode.ALWAYS,
 *   pathEncoding: FileSystemPathEncoding.URI,
 *   generatePreview: (value) => ({ kind: typeof value }),
 * });
 * ```
 */
export interface FileSystemSerdesConfig {
  /** When to write files; {@link FileSystemSerdesMode.ALWAYS} by default. */
  storageMode?: FileSystemSerdesMode;
  /** File naming scheme; {@link FileSystemPathEncoding.URI} by default. */
  pathEncoding?: FileSystemPathEncoding;
  /** Builds a small summary stored next to the file pointer (see `buildPreview`). */
  generatePreview?: (value: unknown) => Record<string, unknown> | undefined;
}

/** Largest inline envelope kept in OVERFLOW mode: 256 KiB minus 1 KiB of headroom. */
const MAX_INLINE_BYTES = 256 * 1024 - 1024;

const EXECUTION_ARN =
  /^arn:[^:]+:lambda:[^:]+:[^:]+:function:([^:]+):[^/]+\/durable-execution\/([^/]+)\/([^/]+)$/;

/** The payload checkpointed by the file-system serdes. */
interface Envelope {
  file?: string;
  preview?: Record<string, unknown>;
  data?: string;
}

/**
 * Serdes that keeps values as JSON files under `basePath` and checkpoints only a
 * small envelope pointing at them. `basePath` must be storage every invocation can
 * reach (an EFS or S3 Files mount), since replays may run on another instance.
 * Values without a JSON form (e.g. `undefined`) are not stored.
 *
 * @example
 * ```ts
 * const large = createFileSystemSerdes("/mnt/efs/durable", { storageMode: FileSystemSerdesMode.OVERFLOW });
 * const rows = await context.step("export", async () => queryAllRows(), { serdes: large });
 * ```
 */
export function createFileSystemSerdes(
  basePath: string,
  config: FileSystemSerdesConfig = {},
): AnySerdes {
  const mode = config.storageMode ?? FileSystemSerdesMode.ALWAYS;
  const encoding = config.pathEncoding ?? FileSystemPathEncoding.URI;

  const writeToFile = async (
    json: string,
    value: unknown,
    context: SerdesContext,
  ): Promise<string> => {
    const { directory, fileName } = locate(basePath, encoding, context);
    await mkdir(directory, { recursive: true });
    const file = join(directory, fileName);
    await writeFile(file, json, "utf8");
    const envelope: Envelope = { file };
    const preview = config.generatePreview?.(value);
    if (preview !== undefined) envelope.preview = preview;
    return JSON.stringify(envelope);
  };

  return {
    serialize: async (value, context) => {
      const json = value === undefined ? undefined : JSON.stringify(value);
      if (json === undefined) return undefined;
      if (mode === FileSystemSerdesMode.OVERFLOW) {
        const inline = JSON.stringify({ data: json } satisfies Envelope);
        if (Buffer.byteLength(inline, "utf8") <= MAX_INLINE_BYTES) return inline;
      }
      return writeToFile(json, value, context);
    },
    deserialize: async (data) => {
      if (data === undefined) return undefined;
      const envelope = JSON.parse(data) as Envelope;
      const json =
        typeof envelope.file === "string" ? await readFile(envelope.file, "utf8") : envelope.data;
      return json === undefined ? undefined : JSON.parse(json);
    },
  };
}

/** Directory and file name of the value of one operation. */
function locate(
  basePath: string,
  encoding: FileSystemPathEncoding,
  { durableExecutionArn, entityId }: SerdesContext,
): { directory: string; fileName: string } {
  if (encoding === FileSystemPathEncoding.HASH) {
    return {
      directory: join(basePath, sha256Hex(durableExecutionArn)),
      fileName: `${sha256Hex(entityId)}.json`,
    };
  }
  const match = EXECUTION_ARN.exec(durableExecutionArn);
  return {
    directory: match
      ? join(basePath, match[1], match[2], match[3])
      : join(basePath, encodeURIComponent(durableExecutionArn)),
    fileName: `${encodeURIComponent(entityId)}.json`,
  };
}

/** Lower-case hex SHA-256 of a string. */
function sha256Hex(text: string): string {
  return createHash("sha256").update(text, "utf8").digest("hex");
}
