// `npm install` / `npm ci` in a clone of this repository (and `npm pack`) run this: it builds
// dist/, dist-cjs/ and dist-types/ so that `npm run demo` and the CLI work right away.
//
// npm also runs it when another project installs this folder as a dependency (as
// compat/reference-testing does with `file:../..`, before every `npm test`); then an
// existing build is kept, so that `npm test` does not rebuild each time. An install without
// dev dependencies has no build tools: it skips the build and says so.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const installingProject = process.env.npm_config_local_prefix;
const asDependency = installingProject !== undefined && resolve(installingProject) !== root;
const built = ["dist/index.mjs", "dist-cjs/index.js", "dist-types/index.d.ts"].every((file) =>
  existsSync(join(root, file)),
);
if (asDependency && built) process.exit(0);

const require = createRequire(import.meta.url);
try {
  require.resolve("rollup/package.json");
  require.resolve("typescript/package.json");
} catch {
  console.log("prepare: build tools are not installed (production install); skipping the build.");
  process.exit(0);
}
const npm = process.platform === "win32" ? "npm.cmd" : "npm";
const result = spawnSync(npm, ["run", "build", "--silent"], { cwd: root, stdio: "inherit" });
process.exit(result.status ?? 1);
