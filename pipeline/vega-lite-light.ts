// A module hook that `briefpress validate` registers before it loads vega-lite. vega-lite imports four helpers
// (stringValue, hasOwnProperty, isObject, isString) from `vega`, and loading `vega` loads all of it: the
// dataflow, scenegraph, scales and geo code, about half of validate's start-up time. Vega re-exports those
// helpers from vega-util, so vega-lite's import of `vega` is served by vega-util. Rendering (build) never
// registers this hook and uses the real Vega.
import type { ResolveHook } from 'node:module';

export const resolve: ResolveHook = (specifier, context, next) =>
  specifier === 'vega' && context.parentURL?.includes('/node_modules/vega-lite/') ? next('vega-util', context) : next(specifier, context);
