// Type-level assertions shared by the compile-only type tests.
export type IsAny<T> = 0 extends 1 & T ? true : false;
export type Assert<T extends true> = T;
export type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
