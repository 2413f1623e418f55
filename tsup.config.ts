import { defineConfig } from 'tsup';

export const tsupConfig = defineConfig([
  {
    // The library: no Node built-ins, so one build serves Node and browsers.
    entry: { index: 'src/index.ts' },
    format: ['esm', 'cjs'],
    // Members marked @internal (DigestIndex's structures) stay out of the declarations: users see what they may touch.
    dts: { compilerOptions: { stripInternal: true } },
    target: 'es2022',
    platform: 'neutral',
    sourcemap: true,
    // tsup runs both configs at once, so neither cleans: `npm run build` empties dist first.
    clean: false,
    splitting: false,
    treeshake: true,
  },
  {
    // The `ja-digest-search` bin: Node only, ESM, no types. It imports the
    // library through src/index.ts, which is bundled in; the dependencies stay
    // external.
    entry: { cli: 'src/cli/main.ts' },
    format: ['esm'],
    dts: false,
    target: 'node20',
    platform: 'node',
    banner: { js: '#!/usr/bin/env node' },
    clean: false,
    splitting: false,
  },
]);

// tsup reads the default export of its config file.
export default tsupConfig;
