/** Item and package codes: lower-case letters, digits and underscores. */
export const CODE_RE = /^[a-z0-9_]{1,32}$/;
