import { createHash } from "node:crypto";
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  buildPreview,
  createFileSystemSerdes,
  FileSystemPathEncoding,
  FileSystemSerdesMode,
  PreviewMode,
} from "../../src/serdes";

const ARN =
  "arn:aws:lambda:us-east-1:123456789012:function:orders:$LATEST/durable-execution/order-42/inv-1";
const context = { entityId: "3-1", durableExecutionArn: ARN };
const sha256 = (text: string): string => createHash("sha256").update(text).digest("hex");

let base: string;
beforeEach(async () => {
  base = await mkdtemp(join(tmpdir(), "fs-serdes-"));
});
afterEach(async () => {
  await rm(base, { recursive: true, force: true });
});

describe("createFileSystemSerdes", () => {
  it("writes every value to a file by default, laid out by function, execution and invocation", async () => {
    const serdes = createFileSystemSerdes(base);
    const data = await serdes.serialize({ total: 99 }, context);
    const file = join(base, "orders", "order-42", "inv-1", "3-1.json");
    expect(data).toBe(JSON.stringify({ file }));
    expect(await readFile(file, "utf8")).toBe('{"total":99}');
    expect(await serdes.deserialize(data, context)).toEqual({ total: 99 });
  });

  it("URI-encodes ids and ARNs that do not follow the execution ARN shape", async () => {
    const serdes = createFileSystemSerdes(base, { pathEncoding: FileSystemPathEncoding.URI });
    const arn = "custom:arn/with spaces";
    const data = await serdes.serialize("v", { entityId: "a/b", durableExecutionArn: arn });
    const file = join(base, encodeURIComponent(arn), `${encodeURIComponent("a/b")}.json`);
    expect(JSON.parse(data ?? "")).toEqual({ file });
    expect(await readFile(file, "utf8")).toBe('"v"');
  });

  it("uses SHA-256 names in HASH mode", async () => {
    const serdes = createFileSystemSerdes(base, { pathEncoding: FileSystemPathEncoding.HASH });
    const data = await serdes.serialize([1, 2], context);
    const file = join(base, sha256(ARN), `${sha256("3-1")}.json`);
    expect(JSON.parse(data ?? "")).toEqual({ file });
    expect(await readdir(join(base, sha256(ARN)))).toEqual([`${sha256("3-1")}.json`]);
    expect(await serdes.deserialize(data, context)).toEqual([1, 2]);
  });

  it("adds the generated preview to the file envelope", async () => {
    const serdes = createFileSystemSerdes(base, {
      generatePreview: (value) =>
        buildPreview(value, { mode: PreviewMode.EXCLUDE_ALL, include: [{ name: "id" }] }),
    });
    const data = await serdes.serialize({ id: "o1", secret: "s" }, context);
    expect(JSON.parse(data ?? "")).toEqual({
      file: join(base, "orders", "order-42", "inv-1", "3-1.json"),
      preview: { id: "o1" },
    });
    const none = await serdes.serialize({ secret: "s" }, context);
    expect(Object.keys(JSON.parse(none ?? ""))).toEqual(["file"]);
  });

  it("keeps undefined as no payload and writes nothing", async () => {
    const serdes = createFileSystemSerdes(base);
    expect(await serdes.serialize(undefined, context)).toBeUndefined();
    expect(await serdes.deserialize(undefined, context)).toBeUndefined();
    expect(await readdir(base)).toEqual([]);
  });

  describe("OVERFLOW mode", () => {
    const serdes = () =>
      createFileSystemSerdes(base, { storageMode: FileSystemSerdesMode.OVERFLOW });
    // The inline envelope `{"data":"\"xxx…\""}` adds 15 bytes around the string.
    const limit = 256 * 1024 - 1024;

    it("keeps values whose envelope fits inline", async () => {
      const value = "x".repeat(limit - 15);
      const data = await serdes().serialize(value, context);
      expect(Buffer.byteLength(data ?? "")).toBe(limit);
      expect(JSON.parse(data ?? "")).toEqual({ data: JSON.stringify(value) });
      expect(await readdir(base)).toEqual([]);
      expect(await serdes().deserialize(data, context)).toBe(value);
    });

    it("writes values whose envelope exceeds 261120 bytes to a file", async () => {
      const value = "x".repeat(limit - 14);
      const data = await serdes().serialize(value, context);
      const file = join(base, "orders", "order-42", "inv-1", "3-1.json");
      expect(JSON.parse(data ?? "")).toEqual({ file });
      expect(await readFile(file, "utf8")).toBe(JSON.stringify(value));
      expect(await serdes().deserialize(data, context)).toBe(value);
    });
  });
});
