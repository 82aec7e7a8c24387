/** The query service's database of read models. */
export const READ_STORE = Symbol('READ_STORE');
