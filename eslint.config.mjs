// ESLint: Next's rules (core web vitals, React, hooks, jsx-a11y, import) with
// typescript-eslint's recommended set, and Prettier owning the formatting.
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";
import prettier from "eslint-config-prettier/flat";

// lib/cases has one public entry ("@/lib/cases"), its server actions
// ("@/lib/cases/actions"), a client-safe entry ("@/lib/cases/shared") and the
// way back to the case page for other modules' form actions ("@/lib/cases/forms",
// apart because it pulls in next/navigation, which scripts and tests cannot load);
// nothing outside the module reaches into its files (ADR 0009).
const casesBoundary = {
  group: [
    "@/lib/cases/*",
    "!@/lib/cases/actions",
    "!@/lib/cases/shared",
    "!@/lib/cases/test-support",
    "!@/lib/cases/forms",
    "**/lib/cases/*",
    "!**/lib/cases/actions",
    "!**/lib/cases/shared",
    "!**/lib/cases/test-support",
    "!**/lib/cases/forms",
  ],
  message: 'Import from "@/lib/cases" (or its actions / shared / test-support entries), not from inside the module.',
};
const noAppImports = {
  group: ["@/app/*", "**/app/*"],
  message: "Import actions from lib/<domain>/actions.ts, not from app/.",
};
// Raw SQL only as Prisma.sql tagged templates ($queryRaw / $executeRaw), never glued strings.
const noUnsafeRawSql = {
  selector: "MemberExpression[property.name=/^\\$(queryRawUnsafe|executeRawUnsafe)$/]",
  message: "Write raw SQL as Prisma.sql`…` with $queryRaw / $executeRaw (table names from lib/db/sql.ts).",
};

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
    // (lib/matching has its own, stricter list above; a later block would replace it.)
    files: ["components/**/*.{ts,tsx}", "lib/**/*.{ts,tsx}"],
    ignores: ["lib/matching/**"],
    rules: {
      "no-restricted-imports": ["error", { patterns: [noAppImports] }],
    },
  },
  {
    // Everything outside lib/cases uses its entries only.
    files: ["**/*.{ts,tsx,mjs}"],
    ignores: ["lib/cases/**", "lib/matching/**"],
    rules: {
      "no-restricted-imports": ["error", { patterns: [casesBoundary] }],
    },
  },
  {
    files: ["components/**/*.{ts,tsx}", "lib/**/*.{ts,tsx}"],
    ignores: ["lib/cases/**", "lib/matching/**"],
    rules: {
      "no-restricted-imports": ["error", { patterns: [noAppImports, casesBoundary] }],
    },
  },
  {
    files: ["**/*.{ts,tsx}"],
    rules: { "no-restricted-syntax": ["error", noUnsafeRawSql] },
  },
];

export default config;
