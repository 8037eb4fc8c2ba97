// ESLint for the SPA and the JavaScript tests (run by the test suite as
// `web_lint`, with Prettier's check). Formatting is Prettier's alone
// (eslint-config-prettier turns the formatting rules off).
import js from '@eslint/js'
import globals from 'globals'
import tseslint from 'typescript-eslint'
import pluginVue from 'eslint-plugin-vue'
import prettier from 'eslint-config-prettier'

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'src/api/schema.ts'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...pluginVue.configs['flat/recommended'],
  {
    files: ['**/*.vue'],
    languageOptions: { parserOptions: { parser: tseslint.parser } },
  },
  {
    languageOptions: { globals: { ...globals.browser }, ecmaVersion: 2022, sourceType: 'module' },
    rules: {
      // Russian-first UI: texts live in src/i18n, one word per component name is fine for pages.
      'vue/multi-word-component-names': 'off',
      // PrimeVue's slots and v-model modifiers are used as documented.
      'vue/valid-v-slot': ['error', { allowModifiers: true }],
      // Attributes as PrimeVue's documentation writes them (optionLabel, @update:modelValue), in the order that reads best.
      'vue/attribute-hyphenation': 'off',
      'vue/v-on-event-hyphenation': 'off',
      'vue/attributes-order': 'off',
      // Line breaks are Prettier's.
      'vue/first-attribute-linebreak': 'off',
      'vue/html-self-closing': 'off',
      'vue/max-attributes-per-line': 'off',
      'vue/singleline-html-element-content-newline': 'off',
      'vue/multiline-html-element-content-newline': 'off',
      'vue/html-indent': 'off',
      'vue/html-closing-bracket-newline': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['scripts/**/*.mjs', '*.config.*'],
    languageOptions: { globals: { ...globals.node } },
  },
  prettier,
)
