// Removes the build outputs, so that a build never ships files left over from an older one.
import { rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
for (const dir of ["dist", "dist-cjs", "dist-types"]) {
  rmSync(join(root, dir), { recursive: true, force: true });
}
