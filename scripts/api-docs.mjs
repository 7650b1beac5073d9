// Builds the API reference (Markdown, in docs/api/) from the "." and "./testing" entry points
// with TypeDoc, configured by typedoc.json. Any TypeDoc warning is an error, and so is a public
// export (or a DurableContext method) whose documentation has no @example.
//
//   node scripts/api-docs.mjs           writes docs/api/ (npm run docs:api)
//   node scripts/api-docs.mjs --check   builds into a temporary folder and fails when
//                                       docs/api/ differs (test/docs/api-docs.test.ts)
import { mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import * as td from "typedoc";

const root = join(import.meta.dirname ?? new URL(".", import.meta.url).pathname, "..");
const committed = join(root, "docs", "api");
const check = process.argv.includes("--check");
const out = check ? mkdtempSync(join(tmpdir(), "api-docs-")) : committed;

process.chdir(root);
const app = await td.Application.bootstrapWithPlugins({}, [
  new td.TypeDocReader(),
  new td.TSConfigReader(),
]);
await app.options.setValue("out", out);

const problems = [];
const project = await app.convert();
if (!project) fail("TypeDoc could not convert the project");
app.validate(project);
if (app.logger.hasErrors() || app.logger.hasWarnings()) fail("TypeDoc reported warnings");
problems.push(...missingExamples(project));
if (problems.length > 0) fail(`exports without an @example:\n  ${problems.join("\n  ")}`);

if (!check) rmSync(committed, { recursive: true, force: true });
await app.generateOutputs(project);
if (check) {
  const stale = differences(out, committed);
  rmSync(out, { recursive: true, force: true });
  if (stale.length > 0) {
    fail(`docs/api is out of date (run \`npm run docs:api\`):\n  ${stale.join("\n  ")}`);
  }
  console.log("docs/api is up to date");
}

function hasExample(comment) {
  return comment?.blockTags?.some((tag) => tag.tag === "@example") ?? false;
}

/** Public exports, and the methods of DurableContext, whose documentation has no @example. */
function missingExamples(project) {
  const missing = [];
  for (const module of project.children ?? []) {
    for (const child of module.children ?? []) {
      if (child.kindOf(td.ReflectionKind.Reference)) continue;
      if (!documented(child)) missing.push(`${module.name}: ${child.name}`);
      if (child.name === "DurableContext") {
        for (const member of child.children ?? []) {
          if (member.kindOf(td.ReflectionKind.Method) && !documented(member)) {
            missing.push(`${module.name}: DurableContext.${member.name}`);
          }
        }
      }
    }
  }
  return missing;
}

function documented(reflection) {
  if (hasExample(reflection.comment)) return true;
  return (reflection.signatures ?? []).some((signature) => hasExample(signature.comment));
}

function files(dir) {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)))
    .sort();
}

function differences(fresh, current) {
  let currentFiles = [];
  try {
    currentFiles = files(current);
  } catch {
    return ["docs/api/ is missing"];
  }
  const freshFiles = files(fresh);
  const all = [...new Set([...freshFiles, ...currentFiles])].sort();
  return all.filter((file) => {
    if (!freshFiles.includes(file)) return `${file} (should not exist)`;
    if (!currentFiles.includes(file)) return true;
    return readFileSync(join(fresh, file), "utf8") !== readFileSync(join(current, file), "utf8");
  });
}

function fail(message) {
  console.error(`api-docs: ${message}`);
  process.exit(1);
}
