import type { Rule } from "eslint";
import type { AnyNode } from "../ast";
import { durableScopes } from "../durable-scopes";

/**
 * `durable/no-operation-in-step`: no durable operation inside a step function, condition check
 * or callback submitter — whether on a durable context or on the step's own argument.
 *
 * @example
 * ```ts
 * // eslint.config.mjs
 * export default [{ plugins: { durable }, rules: { "durable/no-operation-in-step": "error" } }];
 * ```
 */
export const noOperationInStep: Rule.RuleModule = {
  meta: {
    type: "problem",
    docs: {
      description:
        "Disallow durable operations inside step functions, condition checks and callback submitters",
      recommended: true,
    },
    schema: [],
    messages: {
      onContext:
        "`{{receiver}}.{{method}}()` is called inside a {{where}}. Code in a step runs once per attempt and is not replayed operation by operation, so it cannot start durable operations: move the call out, or wrap the steps in `runInChildContext`.",
      onStepArgument:
        "`{{receiver}}` is the argument of a {{where}}: it only carries a logger and the attempt, not `{{method}}()`. Durable operations belong to a durable context; use a child context to group them.",
    },
  },
  create(context) {
    return {
      CallExpression(node) {
        const scopes = durableScopes(context);
        const op = scopes.operationCall(node as AnyNode);
        if (!op) return;
        const where = scopes.enclosing(node as AnyNode);
        if (where?.role !== "step") return;
        context.report({
          node,
          messageId: op.binding.kind === "context" ? "onContext" : "onStepArgument",
          data: { receiver: op.receiver.name, method: op.method, where: where.label },
        });
      },
    };
  },
};
