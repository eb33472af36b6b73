/** The shape every language must have: the zh-CN object's keys, with strings for leaves. */
export type Messages<T> = { [K in keyof T]: T[K] extends string ? string : Messages<T[K]> }
