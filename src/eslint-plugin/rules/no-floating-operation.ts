import type { Rule } from "eslint";
import { memberName, unwrap, type AnyNode } from "../ast";
import { durableScopes } from "../durable-scopes";

const CHAINING: ReadonlySet<string> = new Set(["then", "catch", "finally"]);

/**
 * `durable/no-floating-operation`: the promise of a durable operation must be awaited, kept
 * (assigned, returned, passed on) or deliberately discarded with `void`. A promise dropped on
 * the floor is almost always a forgotten `await`.
 *
 * @example
 * ```ts
 * // eslint.config.mjs
 * export default [{ plugins: { durable }, rules: { "durable/no-floating-operation": "error" } }];
 * ```
 */
export const noFloatingOperation: Rule.RuleModule = {
  meta: {
    type: "problem",
    docs: {
      description: "Require durable operation promises to be awaited, kept or explicitly voided",
      recommended: true,
    },
    schema: [],
    messages: {
      floating:
        "The promise of `{{receiver}}.{{method}}()` is dropped: nothing waits for the operation or sees its error. `await` it, keep the promise, or write `void` in front if dropping it is intended.",
    },
  },
  create(context) {
    return {
      ExpressionStatement(node) {
        let expression = unwrap(node.expression as AnyNode);
        // ctx.step(...).then(...).catch(...) is still dropped.
        while (expression.type === "CallExpression") {
          const callee = unwrap(expression.callee as AnyNode);
          if (callee.type !== "MemberExpression") break;
          const name = memberName(callee);
          if (!name || !CHAINING.has(name)) break;
          expression = unwrap(callee.object as AnyNode);
        }
        const op = durableScopes(context).operationCall(expression);
        if (!op || op.binding.kind !== "context") return;
        context.report({
          node,
          messageId: "floating",
          data: { receiver: op.receiver.name, method: op.method },
        });
      },
    };
  },
};
