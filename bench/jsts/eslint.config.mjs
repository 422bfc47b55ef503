// ESLint 10 + @typescript-eslint/parser running one no-restricted-syntax
// rule for `new PrismaClient`: the pattern-matcher baseline connlint's
// TS/JS engine is compared with (bench/jsts/run.sh).
import tsParser from '@typescript-eslint/parser'

export default [
  {
    files: ['**/*.{ts,tsx,mts,cts,js,jsx,mjs,cjs}'],
    languageOptions: {
      parser: tsParser,
      parserOptions: { ecmaFeatures: { jsx: true }, sourceType: 'module' },
    },
    linterOptions: { reportUnusedDisableDirectives: 'off' },
    rules: {
      'no-restricted-syntax': ['error', "NewExpression[callee.name='PrismaClient']"],
    },
  },
]
