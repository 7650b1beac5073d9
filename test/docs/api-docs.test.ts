/**
 * The committed API reference (docs/api/) is what TypeDoc builds from the sources now: no
 * TypeDoc warning, an @example on every public export and DurableContext method, and no
 * difference with the committed files. After changing a doc comment or an export, run
 * `npm run docs:api` and commit docs/api/.
 */
import { spawnSync } from "node:child_process";
import { join } from "node:path";

const root = join(__dirname, "..", "..");

test("docs/api is built without warnings, every export has an example, and it is up to date", () => {
  const result = spawnSync(process.execPath, [join(root, "scripts", "api-docs.mjs"), "--check"], {
    cwd: root,
    encoding: "utf8",
    timeout: 120_000,
  });
  const escape = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, "g");
  const output = `${result.stdout}\n${result.stderr}`.replace(escape, "");
  expect({
    status: result.status,
    problems: output.split("\n").filter((l) => !l.startsWith("[info]")),
  }).toEqual({ status: 0, problems: expect.arrayContaining(["docs/api is up to date"]) });
}, 120_000);
