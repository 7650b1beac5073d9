import type { Rule } from "eslint";
import type * as ESTree from "estree";
import { memberName, type AnyNode } from "../ast";
import { durableScopes } from "../durable-scopes";

/**
 * `durable/no-outer-context`: inside a child context, map item, parallel branch, step,
 * condition check or callback submitter, do not use a durable context that belongs to an
 * enclosing function — the SDK rejects operations on it at run time. Reading `.logger` is
 * allowed; durable operations called inside steps are reported by `no-operation-in-step`.
 *
 * @example
 * ```ts
 * // eslint.config.mjs
 * export default [{ plugins: { durable }, rules: { "durable/no-outer-context": "error" } }];
 * ```
 */
export const noOuterContext: Rule.RuleModule = {
  meta: {
    type: "problem",
    docs: {
      description:
        "Disallow using an enclosing durable context inside child contexts, steps and condition checks",
      recommended: true,
    },
    schema: [],
    messages: {
      inChild:
        "`{{name}}` is the context of an enclosing function; inside this {{where}} use its own context{{own}}. Operations on an outer context fail at run time while the child runs.",
      inStep:
        "`{{name}}` is a durable context from outside this {{where}}. Durable contexts cannot be used while a step runs; use the step's result in the enclosing code instead.",
    },
  },
  create(context) {
    return {
      Identifier(node) {
        const scopes = durableScopes(context);
        const identifier = node as ESTree.Identifier & AnyNode;
        const binding = scopes.bindingOf(identifier);
        if (binding?.kind !== "context") return;
        const where = scopes.enclosing(identifier);
        if (!where || where.fn === binding.owner) return;
        const parent = identifier.parent;
        // Declarations and property keys are not uses.
        if (binding.owner.params.includes(identifier as ESTree.Pattern)) return;
        if (
          parent?.type === "MemberExpression" &&
          parent.property === identifier &&
          !parent.computed
        )
          return;
        if (parent?.type === "Property" && parent.key === identifier && !parent.shorthand) return;
        if (parent?.type === "MemberExpression" && parent.object === identifier) {
          if (memberName(parent) === "logger") return;
          const call = parent.parent;
          if (where.role === "step" && call && scopes.operationCall(call as AnyNode)) return;
        }
        if (where.role === "step") {
          context.report({
            node,
            messageId: "inStep",
            data: { name: identifier.name, where: where.label },
          });
          return;
        }
        const ownParam = where.fn.params[0] as AnyNode | undefined;
        const own = ownParam?.type === "Identifier" ? ` (\`${ownParam.name}\`)` : "";
        context.report({
          node,
          messageId: "inChild",
          data: { name: identifier.name, where: where.label, own },
        });
      },
    };
  },
};
