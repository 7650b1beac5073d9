/**
 * What the published tarball holds and declares: metadata a registry page links to, runtime
 * dependencies that the shipped code really uses, only build outputs something loads, and
 * declaration files free of references to internal documents. Needs `npm run build`.
 */
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";

const root = join(__dirname, "..", "..");
const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));

beforeAll(() => {
  if (!existsSync(join(root, "dist-types", "index.d.ts"))) {
    throw new Error("dist-types/ is missing: run `npm run build` before these tests");
  }
});

function packedFiles(): string[] {
  const out = execFileSync("npm", ["pack", "--dry-run", "--json", "--ignore-scripts"], {
    cwd: root,
    encoding: "utf8",
  });
  return (JSON.parse(out)[0].files as { path: string }[]).map((f) => f.path);
}

function filesUnder(dir: string): string[] {
  return readdirSync(join(root, dir), { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name));
}

test("repository, homepage and bugs point at the same repository", () => {
  expect(pkg.repository.url).toMatch(/^git\+https:\/\/github\.com\/[\w-]+\/[\w-]+\.git$/);
  const base = pkg.repository.url.replace(/^git\+/, "").replace(/\.git$/, "");
  expect(pkg.homepage.startsWith(base)).toBe(true);
  expect(pkg.bugs.url).toBe(`${base}/issues`);
});

test("every runtime dependency is referenced by the shipped code or its types", () => {
  const shipped = ["dist", "dist-cjs", "dist-types"]
    .flatMap(filesUnder)
    .map((file) => readFileSync(file, "utf8"))
    .join("\n");
  for (const name of Object.keys(pkg.dependencies)) {
    // @types/x packages are referenced as "x" from declaration files.
    const specifier = name.startsWith("@types/") ? name.slice("@types/".length) : name;
    expect({ name, used: shipped.includes(`"${specifier}`) }).toEqual({ name, used: true });
  }
});

test("every entry file in the tarball is loaded by an export or the bin", () => {
  const files = packedFiles();
  // Loaded by an export, by the bin, or by the CLI at run time (the trace plugin of `-v`).
  const loaders =
    JSON.stringify(pkg.exports) +
    readFileSync(join(root, "bin", "run-durable"), "utf8") +
    readFileSync(join(root, "dist-cjs", "cli.js"), "utf8");
  const entries = files.filter((f) => /^dist(-cjs)?\/[^/]+\.m?js$/.test(f));
  expect(entries.length).toBeGreaterThan(0);
  for (const entry of entries) {
    const name = entry.split("/").pop()!;
    expect({ entry, loaded: loaders.includes(name) }).toEqual({ entry, loaded: true });
  }
  expect(files.filter((f) => f.startsWith("dist-types/cli/"))).toEqual([]);
});

test("shipped declaration files do not point at internal spec sections", () => {
  const offenders = filesUnder("dist-types").filter((file) =>
    /§|TESTING-API|PROTOCOL\.md/.test(readFileSync(file, "utf8")),
  );
  expect(offenders.map((file) => file.slice(root.length + 1))).toEqual([]);
});
