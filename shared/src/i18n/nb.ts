/** Norsk bokmål: the product's first language. Every other catalogue has this shape. */
import { nbCore } from './nb-core.js';
import { nbFacilitator } from './nb-facilitator.js';

export const nb = { ...nbCore, ...nbFacilitator };

/** The shape every catalogue must have: same keys, strings (or string lists) for values. */
type Shape<T> = { [K in keyof T]: T[K] extends string ? string : T[K] extends readonly string[] ? readonly string[] : Shape<T[K]> };
export type Messages = Shape<typeof nb>;
