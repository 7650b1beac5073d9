/**
 * "." and "./testing" export every name the reference packages export, both the runtime values
 * and the type names (read from the built declarations; needs `npm run build`).
 */
import * as path from "node:path";
import * as sdkSource from "../../src/index";
import * as testingSource from "../../src/testing/index";
import { assertTypesBuilt, ROOT } from "./consumer-project";
import { declaredExports } from "./declared-exports";
import {
  REFERENCE_SDK_RUNTIME,
  REFERENCE_SDK_TYPES,
  REFERENCE_TESTING_RUNTIME,
  REFERENCE_TESTING_TYPES,
} from "./reference-exports";

const SDK_TYPES = path.join(ROOT, "dist-types", "index.d.ts");
const TESTING_TYPES = path.join(ROOT, "dist-types", "testing", "index.d.ts");

/** Names of `expected` that `actual` lacks. */
function missing(expected: readonly string[], actual: readonly string[]): string[] {
  const have = new Set(actual);
  return expected.filter((name) => !have.has(name));
}

let declared: ReturnType<typeof declaredExports>;

beforeAll(() => {
  assertTypesBuilt();
  declared = declaredExports([SDK_TYPES, TESTING_TYPES]);
});

describe('"." (the SDK)', () => {
  test("exports every runtime value of the reference, from the sources and the CommonJS build", () => {
    expect(missing(REFERENCE_SDK_RUNTIME, Object.keys(sdkSource))).toEqual([]);
    const built = require(path.join(ROOT, "dist-cjs", "index.js")) as object;
    expect(missing(REFERENCE_SDK_RUNTIME, Object.keys(built))).toEqual([]);
  });

  test("declares those runtime values as values and exports every type name", () => {
    const names = declared.get(SDK_TYPES)!;
    expect(missing(REFERENCE_SDK_RUNTIME, names.values)).toEqual([]);
    expect(missing(REFERENCE_SDK_TYPES, names.types)).toEqual([]);
  });

  test("OperationSubType is an enum-like object with the reference's members", () => {
    expect({ ...sdkSource.OperationSubType }).toEqual({
      STEP: "Step",
      WAIT: "Wait",
      CALLBACK: "Callback",
      RUN_IN_CHILD_CONTEXT: "RunInChildContext",
      MAP: "Map",
      MAP_ITERATION: "MapIteration",
      PARALLEL: "Parallel",
      PARALLEL_BRANCH: "ParallelBranch",
      WAIT_FOR_CALLBACK: "WaitForCallback",
      WAIT_FOR_CONDITION: "WaitForCondition",
      CHAINED_INVOKE: "ChainedInvoke",
    });
  });
});

describe('"./testing"', () => {
  test("exports every runtime value of the reference testing package", () => {
    expect(missing(REFERENCE_TESTING_RUNTIME, Object.keys(testingSource))).toEqual([]);
    const built = require(path.join(ROOT, "dist-cjs", "testing.js")) as object;
    expect(missing(REFERENCE_TESTING_RUNTIME, Object.keys(built))).toEqual([]);
  });

  test("declares those runtime values as values and exports every type name", () => {
    const names = declared.get(TESTING_TYPES)!;
    expect(missing(REFERENCE_TESTING_RUNTIME, names.values)).toEqual([]);
    expect(missing(REFERENCE_TESTING_TYPES, names.types)).toEqual([]);
  });
});
