// Bundles examples/hello-world.mjs for Lambda into examples/sam/.build/hello-world/index.mjs:
// one minified ESM file; @aws-sdk/* stays external because the Lambda Node.js runtime ships
// it. The package is resolved to this repository's build (run `npm run build` first).
//
//   node examples/sam/build.mjs
import { existsSync, mkdirSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, "..", "..");
const sdk = join(root, "dist", "index.mjs");
if (!existsSync(sdk)) {
  console.error("dist/index.mjs is missing: run `npm run build` first.");
  process.exit(1);
}
const outdir = join(here, ".build", "hello-world");
mkdirSync(outdir, { recursive: true });
const outfile = join(outdir, "index.mjs");
await build({
  entryPoints: [join(root, "examples", "hello-world.mjs")],
  outfile,
  bundle: true,
  minify: true,
  platform: "node",
  target: "node22",
  format: "esm",
  external: ["@aws-sdk/*"],
  alias: { "@aws/durable-execution-sdk-js": sdk },
});
console.log(`${outfile} (${(statSync(outfile).size / 1024).toFixed(1)} KB)`);
