// Lint, including the layer boundaries of DESIGN.md: renderer → shared,
// main → shared, preload → shared; shared imports neither DOM nor Node; only
// main/ (not main/services) imports electron. A boundary only a reviewer
// remembers is not a boundary.
import { builtinModules } from 'node:module';
import tseslint from 'typescript-eslint';

// Exact names, not patterns: a gitignore-style pattern `domain` would also
// match our own shared/domain folder.
const nodeNames = builtinModules.filter((m) => !m.startsWith('_'));

const layer = (name) => ({ group: [`**/${name}/**`, `**/${name}`], message: `layer boundary: this folder must not import ${name}/` });
const node = { group: ['node:*'], message: 'layer boundary: no Node built-ins here' };
const electron = { group: ['electron', 'electron/*'], message: 'layer boundary: only main/ (not main/services) imports electron' };
const dom = { group: ['react', 'react-dom', 'react-dom/*', 'antd', 'antd/*', 'dexie', '@ant-design/*', 'zustand'], message: 'layer boundary: shared/ is pure TypeScript' };

const renderer = [layer('main'), layer('preload'), node, electron];
// The command line runs the same plain Node services as main (the PostgreSQL store), never main's Electron wiring.
const mainButServices = { regex: '(^|/)main(/(?!services/).*)?$', message: 'layer boundary: cli/ imports main/services/ only, never the rest of main/' };

/** The renderer's floors, top first (README, Layout). */
const RENDERER_FLOORS = ['shell', 'features', 'ui', 'state', 'i18n', 'db'];
const floorAbove = (above, floor) => ({ group: [`**/${above}/**`, `**/${above}`], message: `layer boundary: renderer/${floor}/ sits below renderer/${above}/ and must not import it` });

const restrict = (...patterns) => [
  'error',
  {
    patterns,
    paths: patterns.includes(node) ? nodeNames.map((name) => ({ name, message: 'layer boundary: no Node built-ins here' })) : [],
  },
];

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-results/**', '.bench/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      eqeqeq: ['error', 'always'],
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict(layer('renderer'), layer('main'), layer('preload'), node, electron, dom),
      'no-restricted-globals': ['error', 'window', 'document', 'localStorage', 'sessionStorage', 'indexedDB', 'navigator', 'process', 'Buffer', 'require', '__dirname'],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': restrict(...renderer),
      'no-restricted-globals': ['error', 'process', 'Buffer', 'require', '__dirname', '__filename'],
      // antd's maxLength cuts a paste without a word; LimitedInput keeps it and says what is too long.
      'no-restricted-syntax': ['error', { selector: "JSXAttribute[name.name='maxLength']", message: 'Use TextField / TextBox / PasswordField from ui/LimitedInput: maxLength cuts a paste silently.' }],
    },
  },
  // The renderer's own floors, top to bottom: shell → features → ui → state → i18n → db.
  // Each may import only the floors below it; ESLint's later block for a file wins, so
  // each floor repeats the renderer-wide bans.
  ...RENDERER_FLOORS.map((floor, i) => ({
    files: [`renderer/${floor}/**/*.{ts,tsx}`],
    rules: { 'no-restricted-imports': restrict(...renderer, ...RENDERER_FLOORS.slice(0, i).map((above) => floorAbove(above, floor))) },
  })),
  {
    files: ['preload/**/*.ts'],
    rules: { 'no-restricted-imports': restrict(layer('renderer'), layer('main'), node) },
  },
  {
    files: ['main/**/*.ts'],
    ignores: ['main/services/**'],
    rules: { 'no-restricted-imports': restrict(layer('renderer'), layer('preload')) },
  },
  {
    files: ['cli/**/*.ts'],
    rules: { 'no-restricted-imports': restrict(layer('renderer'), mainButServices, layer('preload'), electron) },
  },
  {
    files: ['main/services/**/*.ts', 'main/browser-host.ts'],
    rules: { 'no-restricted-imports': restrict(layer('renderer'), layer('preload'), electron) },
  },
);
