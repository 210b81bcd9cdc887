// Types for eslint-rules.js (the plugin eslint.config.js loads), for the test that runs it.
import type { ESLint } from "eslint";

declare const plugin: ESLint.Plugin;
export default plugin;
