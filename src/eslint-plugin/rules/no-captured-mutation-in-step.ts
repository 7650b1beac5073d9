import type { Rule } from "eslint";
import type * as ESTree from "estree";
import { contains, resolveVariable, unwrap, type AnyNode } from "../ast";
import { durableScopes } from "../durable-scopes";

const MUTATING_METHODS: ReadonlySet<string> = new Set([
  "push",
  "pop",
  "shift",
  "unshift",
  "splice",
  "sort",
  "reverse",
  "fill",
  "copyWithin",
  "set",
  "add",
  "delete",
  "clear",
]);

/** The identifier at the root of `a`, `a.b.c`, `a[0]`, `(a as T).b`. */
function rootIdentifier(node: AnyNode): ESTree.Identifier | undefined {
  let current = unwrap(node);
  while (current.type === "MemberExpression") current = unwrap(current.object as AnyNode);
  return current.type === "Identifier" ? current : undefined;
}

/**
 * `durable/no-captured-mutation-in-step`: a step function must not change variables declared
 * outside it. On replay the step returns its checkpointed result without running, so the
 * change never happens again; return the value from the step instead.
 *
 * @example
 * ```ts
 * // eslint.config.mjs
 * export default [
 *   { plugins: { durable }, rules: { "durable/no-captured-mutation-in-step": "error" } },
 * ];
 * ```
 */
export const noCapturedMutationInStep: Rule.RuleModule = {
  meta: {
    type: "problem",
    docs: {
      description: "Disallow changing variables from outside a step inside the step",
      recommended: true,
    },
    schema: [],
    messages: {
      mutated:
        "`{{name}}` is declared outside this {{where}}, and changing it here is lost on replay: a replayed step returns its checkpointed result without running. Return the value from the step and use the result instead.",
    },
  },
  create(context) {
    const check = (target: AnyNode, report: AnyNode) => {
      const identifier = rootIdentifier(target);
      if (!identifier) return;
      const where = durableScopes(context).enclosing(report);
      if (where?.role !== "step") return;
      const declared = resolveVariable(context, identifier)?.identifiers[0] as AnyNode | undefined;
      if (!declared || contains(where.fn, declared)) return;
      context.report({
        node: report,
        messageId: "mutated",
        data: { name: identifier.name, where: where.label },
      });
    };
    return {
      AssignmentExpression(node) {
        check(node.left as AnyNode, node as AnyNode);
      },
      UpdateExpression(node) {
        check(node.argument as AnyNode, node as AnyNode);
      },
      UnaryExpression(node) {
        if (node.operator === "delete") check(node.argument as AnyNode, node as AnyNode);
      },
      CallExpression(node) {
        const callee = unwrap(node.callee as AnyNode);
        if (callee.type !== "MemberExpression" || callee.computed) return;
        if (callee.property.type !== "Identifier") return;
        if (!MUTATING_METHODS.has(callee.property.name)) return;
        check(callee.object as AnyNode, node as AnyNode);
      },
    };
  },
};
