/**
 * Prints the minified size of every example bundled with esbuild in the four variants CI
 * checks (ESM/CJS × @aws-sdk external/bundled), plus gzip sizes. Run: `npm run bench -- bundle`.
 */
import { readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import {
  bundleExample,
  exampleEntries,
  formatBytes,
  VARIANTS,
  variantName,
} from "../test/bundle/bundle-examples";

async function main(): Promise<void> {
  console.log(
    `${"example".padEnd(16)}${"variant".padEnd(16)}${"minified".padStart(12)}${"gzip".padStart(12)}`,
  );
  for (const entry of exampleEntries()) {
    for (const variant of VARIANTS) {
      const bundle = await bundleExample(entry, variant, { tag: "bench" });
      const gzip = gzipSync(readFileSync(bundle.file)).length;
      console.log(
        `${bundle.example.padEnd(16)}${variantName(variant).padEnd(16)}${formatBytes(bundle.bytes).padStart(12)}${formatBytes(gzip).padStart(12)}`,
      );
    }
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
