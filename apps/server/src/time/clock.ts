/** The current time; injected wherever an expiry is computed, so tests can move it. */
export type Clock = () => Date;

export const systemClock: Clock = () => new Date();
