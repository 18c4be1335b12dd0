/// <reference types="vite/client" />
import type { CandorBridge } from '../src-main/contract/app-api';

declare global {
  interface Window {
    /** Exposed by the preload (or, in tests, by the test transport's shim). */
    readonly candor?: CandorBridge;
  }
}

declare module '*.vue' {
  import type { DefineComponent } from 'vue';
  const component: DefineComponent<object, object, unknown>;
  export default component;
}

export {};
