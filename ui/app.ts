/**
 * Entry of the stage app (rollup: ui/app.ts → dist/app.js). Importing the
 * shell registers <gigscope-app> and, through it, every component it uses.
 */
import './app-shell';

export { GigscopeApp } from './app-shell';
export { AudioSession } from './audio/session';
