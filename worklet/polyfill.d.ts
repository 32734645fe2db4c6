/** audioworklet-polyfill ships no types; importing it installs AudioWorklet on the main thread as a side effect. */
declare module 'audioworklet-polyfill';
