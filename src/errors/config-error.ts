/** A setting that cannot work: one line naming the variable, thrown before anything listens. */
export class ConfigError extends Error {}
