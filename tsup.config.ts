import { defineConfig } from 'tsup';

export const tsupConfig = defineConfig([
  {
    // The library: no Node built-ins, so one build serves Node and browsers.
    entry: { index: 'src/index.ts' },
    format: ['esm', 'cjs'],
    dts: true,
    target: 'es2022',
    platform: 'neutral',
    sourcemap: true,
    clean: true,
    splitting: false,
    treeshake: true,
  },
]);

// tsup reads the default export of its config file.
export default tsupConfig;
