// @simplewebauthn/server and its ASN.1 and X.509 libraries are 400 KB of code that only the passkey routes
// need: loaded on first use, so that neither a start nor a Lambda cold start of any other route pays for it
// (the Lambda build ships it as a bundle of its own beside the API's, scripts/build-lambda.mjs).
type WebAuthnLibrary = typeof import('@simplewebauthn/server');

let library: Promise<WebAuthnLibrary> | undefined;

export const webauthn = (): Promise<WebAuthnLibrary> => (library ??= import('@simplewebauthn/server'));
