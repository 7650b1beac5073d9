import type { Rule } from "eslint";
import type * as ESTree from "estree";
import { isUnshadowedGlobal, memberName, resolveVariable, unwrap, type AnyNode } from "../ast";
import { durableScopes } from "../durable-scopes";

/** `object.method()` calls whose value changes from run to run. */
const VARYING_CALLS: Record<string, ReadonlySet<string>> = {
  Date: new Set(["now"]),
  Math: new Set(["random"]),
  crypto: new Set(["randomUUID", "getRandomValues", "randomBytes", "randomInt"]),
  performance: new Set(["now"]),
  process: new Set(["hrtime", "uptime", "cpuUsage", "memoryUsage"]),
};

/** Functions imported from `crypto` that return fresh random values. */
const RANDOM_IMPORTS: ReadonlySet<string> = new Set(["randomUUID", "randomBytes", "randomInt"]);

interface Options {
  allowEnv?: string[];
  checkEnv?: boolean;
}

function importedFromCrypto(context: Rule.RuleContext, identifier: ESTree.Identifier): boolean {
  const def = resolveVariable(context, identifier)?.defs[0];
  if (def?.type !== "ImportBinding") return false;
  const source = (def.parent as ESTree.ImportDeclaration | null)?.source.value;
  const imported =
    def.node.type === "ImportSpecifier" && def.node.imported.type === "Identifier"
      ? def.node.imported.name
      : identifier.name;
  return (source === "crypto" || source === "node:crypto") && RANDOM_IMPORTS.has(imported);
}

/**
 * `durable/no-nondeterminism-outside-step`: durable code (a handler, child context, map item or
 * parallel branch) runs again on every replay, so values that differ between runs — the clock,
 * random numbers, fresh UUIDs, timers, environment variables — must come from a step, whose
 * result is checkpointed. Option `allowEnv` lists environment variables that cannot change
 * during an execution; `checkEnv: false` turns the environment check off.
 *
 * @example
 * ```ts
 * // eslint.config.mjs
 * export default [{
 *   plugins: { durable },
 *   rules: { "durable/no-nondeterminism-outside-step": ["error", { allowEnv: ["TABLE_NAME"] }] },
 * }];
 * ```
 */
export const noNondeterminismOutsideStep: Rule.RuleModule = {
  meta: {
    type: "problem",
    docs: {
      description:
        "Disallow values that differ between replays (time, randomness, environment) outside steps in durable code",
      recommended: true,
    },
    schema: [
      {
        type: "object",
        properties: {
          allowEnv: { type: "array", items: { type: "string" }, uniqueItems: true },
          checkEnv: { type: "boolean" },
        },
        additionalProperties: false,
      },
    ],
    messages: {
      varying:
        "`{{what}}` gives a different value each time this {{where}} replays, which changes what the replayed code does. Produce it inside a step (`context.step(...)`) so the value is checkpointed.",
      environment:
        "Reading `process.env{{what}}` in a {{where}} depends on the environment of each invocation, which can change between replays. Read it in a step or at module load, or list it in `allowEnv` if it cannot change.",
    },
  },
  create(context) {
    const options = (context.options[0] ?? {}) as Options;
    const allowEnv = new Set(options.allowEnv ?? []);
    const scopes = durableScopes(context);
    const inDurableCode = (node: AnyNode) => scopes.enclosing(node)?.role === "durable";
    const report = (node: AnyNode, what: string) => {
      const where = scopes.enclosing(node);
      if (where?.role !== "durable") return;
      context.report({ node, messageId: "varying", data: { what, where: where.label } });
    };
    return {
      CallExpression(node) {
        const callee = unwrap(node.callee as AnyNode);
        if (callee.type === "Identifier") {
          if (callee.name === "Date" && isUnshadowedGlobal(context, callee)) {
            report(node as AnyNode, "Date()");
          } else if (importedFromCrypto(context, callee)) {
            report(node as AnyNode, `${callee.name}()`);
          }
          return;
        }
        if (callee.type !== "MemberExpression") return;
        const method = memberName(callee);
        let object = unwrap(callee.object as AnyNode);
        // process.hrtime.bigint()
        if (object.type === "MemberExpression" && method === "bigint") {
          const inner = memberName(object);
          object = unwrap(object.object as AnyNode);
          if (object.type === "Identifier" && object.name === "process" && inner === "hrtime") {
            if (isUnshadowedGlobal(context, object))
              report(node as AnyNode, "process.hrtime.bigint()");
          }
          return;
        }
        if (object.type !== "Identifier" || !method) return;
        if (!VARYING_CALLS[object.name]?.has(method)) return;
        if (!isUnshadowedGlobal(context, object) && !isCryptoModule(context, object)) return;
        report(node as AnyNode, `${object.name}.${method}()`);
      },
      NewExpression(node) {
        const callee = unwrap(node.callee as AnyNode);
        if (callee.type !== "Identifier" || callee.name !== "Date") return;
        if (node.arguments.length > 0 || !isUnshadowedGlobal(context, callee)) return;
        report(node as AnyNode, "new Date()");
      },
      MemberExpression(node) {
        if (options.checkEnv === false) return;
        const object = unwrap(node.object as AnyNode);
        if (object.type !== "Identifier" || object.name !== "process") return;
        if (memberName(node) !== "env" || !isUnshadowedGlobal(context, object)) return;
        const parent = (node as AnyNode).parent;
        let what = "";
        if (parent?.type === "MemberExpression" && parent.object === node) {
          const name = memberName(parent);
          if (name !== undefined && allowEnv.has(name)) return;
          what = name !== undefined ? `.${name}` : "[…]";
        }
        if (!inDurableCode(node as AnyNode)) return;
        const where = scopes.enclosing(node as AnyNode)!;
        context.report({ node, messageId: "environment", data: { what, where: where.label } });
      },
    };
  },
};

/** `crypto` imported as a module (`import * as crypto from "node:crypto"`) also counts. */
function isCryptoModule(context: Rule.RuleContext, identifier: ESTree.Identifier): boolean {
  if (identifier.name !== "crypto") return false;
  const def = resolveVariable(context, identifier)?.defs[0];
  if (def?.type !== "ImportBinding") return false;
  const source = (def.parent as ESTree.ImportDeclaration | null)?.source.value;
  return source === "crypto" || source === "node:crypto";
}
