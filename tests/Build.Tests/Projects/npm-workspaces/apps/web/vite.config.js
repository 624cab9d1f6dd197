import { defineConfig } from 'vite';

// The site is published from the repository's dist/.
export default defineConfig({ build: { outDir: '../../dist', emptyOutDir: true } });
