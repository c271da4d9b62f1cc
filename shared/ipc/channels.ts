/**
 * The channel names alone, without their schemas, for the preload script:
 * it must stay tiny and cannot carry zod. A unit test keeps this list equal
 * to the keys of the contract.
 */
export const CHANNEL_NAMES = ['app:info', 'auth:hashPassword', 'auth:verifyPassword'] as const;
export const BRIDGE_KEY = 'zwBridge';
