// The middle value: every figure of the benchmark is the median of its rounds.
export const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
