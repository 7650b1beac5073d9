/**
 * Jest transform of the "cli-src" project: compiles the ESM handler fixtures (.mjs) to
 * CommonJS with esbuild, so the CLI running in process can load them through Jest.
 */
const { transformSync } = require("esbuild");

module.exports = {
  process(source, filename) {
    const { code } = transformSync(source, {
      loader: "js",
      format: "cjs",
      target: "node20",
      sourcefile: filename,
      sourcemap: "inline",
    });
    return { code };
  },
};
