/**
 * Drop-in check: this SDK under the reference testing package 1.1.4, installed in this folder
 * only (`npm ci --prefix compat/reference-testing`, run by `npm test`'s pretest step) with
 * `@aws/durable-execution-sdk-js` linked to this repository. Every example workflow must
 * reach the reference's status, result, error and history.
 */
import { execFileSync } from "node:child_process";
import { realpathSync } from "node:fs";
import path from "node:path";
import * as sdk from "@aws/durable-execution-sdk-js";
import * as testing from "@aws/durable-execution-sdk-js-testing";
import { expectedLogLines, expectedOutcomes } from "./expected-outcomes";
import { runWorkflow } from "./run-workflows";
import { createWorkflows } from "./workflows";

const REPO = path.resolve(__dirname, "../..");

beforeAll(() => testing.LocalDurableTestRunner.setupTestEnvironment({ skipTime: true }));
afterAll(() => testing.LocalDurableTestRunner.teardownTestEnvironment());

describe("our SDK under @aws/durable-execution-sdk-js-testing@1.1.4", () => {
  test("the testing package loads this repository's build, not another copy of the SDK", () => {
    const testingDir = path.dirname(require.resolve("@aws/durable-execution-sdk-js-testing"));
    const seenByTesting = require.resolve("@aws/durable-execution-sdk-js", { paths: [testingDir] });
    expect(realpathSync(seenByTesting)).toBe(path.join(REPO, "dist-cjs", "index.js"));
    expect(sdk.OperationSubType.WAIT_FOR_CALLBACK).toBe("WaitForCallback");
  });

  const set = createWorkflows(sdk);
  test.each(Object.keys(expectedOutcomes))(
    "%s: same status, result, error and history",
    async (name) => {
      expect(await runWorkflow(testing, set, name)).toEqual(expectedOutcomes[name]);
    },
  );

  test("the logger workflow's lines, replay-suppressed", () => {
    expect(set.logged).toEqual(expectedLogLines);
  });

  test("the workflows and the runner type-check against the reference testing package's types", () => {
    const tsc = path.join(REPO, "node_modules", "typescript", "bin", "tsc");
    expect(() =>
      execFileSync(process.execPath, [tsc, "-p", path.join(__dirname, "tsconfig.json")], {
        encoding: "utf8",
        stdio: "pipe",
      }),
    ).not.toThrow();
  });
});
