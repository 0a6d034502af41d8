// ESLint: Next's rules (core web vitals, React, hooks, jsx-a11y, import) with
// typescript-eslint's recommended set, and Prettier owning the formatting.
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";
import prettier from "eslint-config-prettier/flat";

const config = [
  ...nextVitals,
  ...nextTs,
  prettier,
  {
    ignores: [
      ".next/**",
      "node_modules/**",
      "lib/db/generated/**",
      "test-data/**",
      "data/**",
      "test-results/**",
      "playwright-report/**",
      "next-env.d.ts",
      "tmp/**",
    ],
  },
  {
    rules: {
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrors: "none" },
      ],
      "@typescript-eslint/no-unused-expressions": "error",
      "@typescript-eslint/consistent-type-imports": [
        "error",
        { fixStyle: "inline-type-imports", disallowTypeAnnotations: false },
      ],
    },
  },
  {
    // Playwright fixtures call their \`use\` callback; it is not React's hook.
    files: ["e2e/**/*.ts"],
    rules: { "react-hooks/rules-of-hooks": "off" },
  },
  {
    // The matcher is a pure module: no Next.js, React or database imports.
    files: ["lib/matching/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        { patterns: ["next", "next/*", "react", "@/lib/db", "@/lib/db/*", "@prisma/*", "server-only", "@/app/*"] },
      ],
    },
  },
  {
    // Components never reach into route folders: actions live in lib/<domain>/actions.ts.
    files: ["components/**/*.{ts,tsx}", "lib/**/*.{ts,tsx}"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { group: ["@/app/*", "**/app/*"], message: "Import actions from lib/<domain>/actions.ts, not from app/." },
          ],
        },
      ],
    },
  },
];

export default config;
