/**
 * Whether fields are shown unless excluded, or hidden unless included.
 *
 * @example
 * ```ts
 * const preview = buildPreview(user, {
 *   mode: PreviewMode.INCLUDE_ALL,
 *   exclude: [{ name: "password" }],
 *   mask: [{ name: "email" }],
 * });
 * ```
 */
export enum PreviewMode {
  INCLUDE_ALL = "INCLUDE_ALL",
  EXCLUDE_ALL = "EXCLUDE_ALL",
}

/**
 * How a {@link PreviewField} name is compared with a field's dot path.
 *
 * @example
 * ```ts
 * const preview = buildPreview(order, {
 *   mode: PreviewMode.EXCLUDE_ALL,
 *   include: [{ name: "customer.id", match: FieldMatchMode.PATH }, { name: "total" }],
 * });
 * ```
 */
export enum FieldMatchMode {
  /** The name equals any one segment of the path (so a parent covers its descendants). */
  ANYWHERE = "ANYWHERE",
  /** The name equals the whole dot path. */
  PATH = "PATH",
}

/**
 * Selects fields of a value for a preview.
 *
 * @example
 * ```ts
 * const field: PreviewField = { name: "customer.address.city", match: FieldMatchMode.PATH };
 * ```
 */
export interface PreviewField {
  /** Field name, or a dot path when matched by {@link FieldMatchMode.PATH}. */
  name: string;
  /** Comparison rule; {@link FieldMatchMode.ANYWHERE} by default. */
  match?: FieldMatchMode;
}

/**
 * Which fields of a value a preview shows, hides or masks, and how large it may get.
 *
 * @example
 * ```ts
 * const config: PreviewConfig = {
 *   mode: PreviewMode.INCLUDE_ALL,
 *   mask: [{ name: "cardNumber" }],
 *   maxPreviewBytes: 1024,
 * };
 * ```
 */
export interface PreviewConfig {
  /** Base visibility of fields. */
  mode: PreviewMode;
  /** Fields shown in {@link PreviewMode.EXCLUDE_ALL} mode. */
  include?: PreviewField[];
  /** Fields hidden together with everything below them; wins over `mask` and `include`. */
  exclude?: PreviewField[];
  /** Fields shown with their value replaced by `maskString`. */
  mask?: PreviewField[];
  /** Replacement text of masked fields; `"***"` by default. */
  maskString?: string;
  /** Size budget of the preview in UTF-8 bytes; 4096 by default. */
  maxPreviewBytes?: number;
}

const DEFAULT_MASK = "***";
const DEFAULT_MAX_PREVIEW_BYTES = 4096;
const SKIPPED_KEYS = new Set(["__proto__", "constructor", "prototype"]);

/**
 * Builds a small, flattened-then-nested summary of an object for display next to a
 * stored pointer. Arrays are walked element by element at the array's own path, so
 * their elements merge. Entries are kept in discovery order until the size budget
 * (an estimate of the JSON size) would be exceeded. Values that have no JSON form
 * (`undefined`, functions, symbols, bigints) are left out. Returns `undefined` for
 * non-objects and when nothing is shown.
 *
 * @example
 * ```ts
 * const serdes = createFileSystemSerdes("/mnt/efs", {
 *   generatePreview: (value) =>
 *     buildPreview(value, { mode: PreviewMode.EXCLUDE_ALL, include: [{ name: "orderId" }] }),
 * });
 * ```
 */
export function buildPreview(
  value: any,
  config: PreviewConfig,
): Record<string, unknown> | undefined {
  if (typeof value !== "object" || value === null) return undefined;
  const entries: Array<[string, unknown]> = [];
  collect(value, [], config, entries, new Set());
  return assemble(entries, config.maxPreviewBytes ?? DEFAULT_MAX_PREVIEW_BYTES);
}

/**
 * Walks `node` (found at `path`) and appends the visible `[path, value]` pairs.
 * `ancestors` holds the objects on the current branch so cycles are not followed.
 */
function collect(
  node: unknown,
  path: string[],
  config: PreviewConfig,
  out: Array<[string, unknown]>,
  ancestors: Set<object>,
): void {
  if (typeof node === "object" && node !== null) {
    if (ancestors.has(node)) return;
    ancestors.add(node);
    if (Array.isArray(node)) {
      for (const element of node) collect(element, path, config, out, ancestors);
    } else {
      collectFields(node, path, config, out, ancestors);
    }
    ancestors.delete(node);
    return;
  }
  if (path.length > 0 && isVisible(path, config) && hasJsonForm(node)) {
    out.push([path.join("."), node]);
  }
}

/** Applies exclude and mask rules to each own field of `node` and walks the rest. */
function collectFields(
  node: object,
  path: string[],
  config: PreviewConfig,
  out: Array<[string, unknown]>,
  ancestors: Set<object>,
): void {
  for (const [key, child] of Object.entries(node)) {
    if (SKIPPED_KEYS.has(key) || key.includes(".")) continue;
    const childPath = [...path, key];
    if (matchesAny(childPath, config.exclude)) continue;
    if (matchesAny(childPath, config.mask)) {
      out.push([childPath.join("."), config.maskString ?? DEFAULT_MASK]);
      continue;
    }
    collect(child, childPath, config, out, ancestors);
  }
}

/** Whether a field that is neither excluded nor masked is shown. */
function isVisible(path: string[], config: PreviewConfig): boolean {
  return config.mode === PreviewMode.INCLUDE_ALL || matchesAny(path, config.include);
}

/** Whether the field at `path` matches one of `fields`. */
function matchesAny(path: string[], fields: PreviewField[] | undefined): boolean {
  if (!fields) return false;
  const joined = path.join(".");
  return fields.some((field) =>
    field.match === FieldMatchMode.PATH ? joined === field.name : path.includes(field.name),
  );
}

/** Whether `JSON.stringify` gives the value a representation. */
function hasJsonForm(value: unknown): boolean {
  const type = typeof value;
  return type !== "undefined" && type !== "function" && type !== "symbol" && type !== "bigint";
}

/** Keeps entries while they fit the byte budget and nests them by their dot paths. */
function assemble(
  entries: Array<[string, unknown]>,
  maxBytes: number,
): Record<string, unknown> | undefined {
  const result: Record<string, unknown> = {};
  let size = 2;
  let kept = 0;
  for (const [path, value] of entries) {
    size += Buffer.byteLength(`"${path}":${JSON.stringify(value)},`, "utf8");
    if (size > maxBytes) break;
    place(result, path.split("."), value);
    kept++;
  }
  return kept === 0 ? undefined : result;
}

/** Sets `value` at the nested position `segments`, replacing non-object intermediates. */
function place(target: Record<string, unknown>, segments: string[], value: unknown): void {
  let holder = target;
  for (const segment of segments.slice(0, -1)) {
    const next = holder[segment];
    if (typeof next !== "object" || next === null) holder[segment] = {};
    holder = holder[segment] as Record<string, unknown>;
  }
  holder[segments[segments.length - 1]] = value;
}
