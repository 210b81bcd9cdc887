// ESLint (flat config) with typescript-eslint, run by `npm test` (npm run lint). The rules are the
// ones that catch real faults here: unused names and imports, type imports written as such, and
// catch blocks that swallow errors — a bare `catch {}` hides the statement's time limit and the
// user's interrupt (MathFailure "limit"/"interrupt"), so an empty catch must say why it may.
import js from "@eslint/js";
import tseslint from "typescript-eslint";
import prettier from "eslint-config-prettier";
import nabla from "./eslint-rules.js";

export default tseslint.config(
  {
    ignores: [
      "dist/**",
      "node_modules/**",
      "grammar/*.ohm-bundle.*",
      "bench/**/node_modules/**",
      // Generated and git-ignored: fetched packages a bench measures, the built site.
      "bench/results/**",
      "out/**",
      "site/**",
      "**/*.d.ts",
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  // Layout is Prettier's (npm run format:check); no ESLint rule may disagree with it. Prettier leaves
  // comments and strings as written: comments are kept within 120 columns here, strings may run on.
  prettier,
  {
    rules: {
      "max-len": [
        "error",
        { code: 120, ignoreStrings: true, ignoreTemplateLiterals: true, ignoreRegExpLiterals: true, ignoreUrls: true },
      ],
    },
  },
  {
    files: ["**/*.ts"],
    languageOptions: { parserOptions: { ecmaVersion: 2022, sourceType: "module" } },
    rules: {
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrors: "none", ignoreRestSiblings: true },
      ],
      "@typescript-eslint/consistent-type-imports": [
        "error",
        { prefer: "type-imports", fixStyle: "inline-type-imports", disallowTypeAnnotations: false },
      ],
      // An empty catch needs a comment saying why nothing can be lost there.
      "no-empty": ["error", { allowEmptyCatch: false }],
      "@typescript-eslint/no-explicit-any": "off",
      "@typescript-eslint/no-non-null-assertion": "off",
      // `let base: Poly = this` before a loop that reassigns it is fine.
      "@typescript-eslint/no-this-alias": "off",
      "@typescript-eslint/no-unused-expressions": ["error", { allowShortCircuit: true, allowTernary: true }],
      "no-constant-condition": ["error", { checkLoops: false }],
    },
  },
  {
    // Where a statement's work runs under its budget: a catch there must let limits and interrupts
    // through. session.ts is where they land: the catches that turn a failure into the statement's
    // result say so in an eslint-disable comment; any other catch there passes stops on.
    files: [
      "src/session.ts",
      "src/engine/**/*.ts",
      "src/graph/**/*.ts",
      "src/numeric/**/*.ts",
      "src/nn/**/*.ts",
      "src/syntax/**/*.ts",
      "src/environment.ts",
    ],
    plugins: { nabla },
    rules: { "nabla/no-swallowed-stop": "error" },
  },
  {
    files: ["**/*.js", "**/*.mjs", "**/*.cjs"],
    languageOptions: {
      globals: {
        process: "readonly",
        console: "readonly",
        require: "readonly",
        module: "writable",
        __dirname: "readonly",
        URL: "readonly",
        Buffer: "readonly",
        setTimeout: "readonly",
        performance: "readonly",
      },
    },
  },
);
