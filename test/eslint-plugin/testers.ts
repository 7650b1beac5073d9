/** RuleTesters for plain JavaScript (espree) and TypeScript (typescript-eslint's parser). */
import { RuleTester } from "eslint";
import tseslint from "typescript-eslint";

/** Modern JavaScript modules. */
export const jsTester = new RuleTester({
  languageOptions: { ecmaVersion: 2022, sourceType: "module" },
});

/** TypeScript modules. */
export const tsTester = new RuleTester({
  languageOptions: { parser: tseslint.parser as never, sourceType: "module" },
});

/** Source text with the import every example starts with. */
export const HEADER = `import { withDurableExecution } from "@aws/durable-execution-sdk-js";\n`;
