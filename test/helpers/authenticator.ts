import { createHash, generateKeyPairSync, randomBytes, sign, type KeyObject } from 'node:crypto';

// A software authenticator for the API tests: a real ES256 key pair (node crypto), real CBOR attestation
// "none", real authenticatorData and clientDataJSON, real signatures. Nothing of @simplewebauthn is replaced:
// the server verifies what this makes exactly as it verifies a browser's answer.

type Cbor = number | string | Uint8Array | Cbor[] | Map<Cbor, Cbor> | { [key: string]: Cbor };

function head(major: number, value: number): Buffer {
  if (value < 24) return Buffer.from([(major << 5) | value]);
  if (value < 0x100) return Buffer.from([(major << 5) | 24, value]);
  if (value < 0x10000) return Buffer.from([(major << 5) | 25, value >> 8, value & 0xff]);
  const four = Buffer.alloc(5);
  four[0] = (major << 5) | 26;
  four.writeUInt32BE(value, 1);
  return four;
}

/** RFC 8949, the subset WebAuthn uses: integers, byte and text strings, arrays and maps. */
export function cbor(value: Cbor): Buffer {
  if (typeof value === 'number') return value >= 0 ? head(0, value) : head(1, -1 - value);
  if (typeof value === 'string') return Buffer.concat([head(3, Buffer.byteLength(value)), Buffer.from(value)]);
  if (value instanceof Uint8Array) return Buffer.concat([head(2, value.length), value]);
  if (Array.isArray(value)) return Buffer.concat([head(4, value.length), ...value.map(cbor)]);
  const entries = value instanceof Map ? [...value.entries()] : Object.entries(value);
  return Buffer.concat([head(5, entries.length), ...entries.flatMap(([key, item]) => [cbor(key), cbor(item)])]);
}

const sha256 = (data: Buffer | string) => createHash('sha256').update(data).digest();
const UP = 0x01;
const UV = 0x04;
const AT = 0x40;

export type SoftAuthenticatorOptions = { origin?: string; rpId?: string; userVerified?: boolean };

export class SoftAuthenticator {
  readonly credentialId = randomBytes(16);
  readonly keys = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  counter = 0;
  userHandle?: string; // kept from the registration options, answered like a resident key does
  origin: string;
  rpId: string;
  userVerified: boolean;

  constructor({
    origin = 'http://localhost:3000',
    rpId = 'localhost',
    userVerified = true,
  }: SoftAuthenticatorOptions = {}) {
    this.origin = origin;
    this.rpId = rpId;
    this.userVerified = userVerified;
  }

  get id(): string {
    return this.credentialId.toString('base64url');
  }

  private authData(flags: number, attested?: Buffer): Buffer {
    const counter = Buffer.alloc(4);
    counter.writeUInt32BE(this.counter);
    const flagByte = Buffer.from([flags | UP | (this.userVerified ? UV : 0)]);
    return Buffer.concat([sha256(this.rpId), flagByte, counter, ...(attested ? [attested] : [])]);
  }

  private clientData(type: string, challenge: string): Buffer {
    return Buffer.from(JSON.stringify({ type, challenge, origin: this.origin, crossOrigin: false }));
  }

  /** navigator.credentials.create, as @simplewebauthn/browser encodes its answer. */
  register(options: { challenge: string; user?: { id: string } }) {
    this.userHandle = options.user?.id;
    const jwk = this.keys.publicKey.export({ format: 'jwk' });
    const cose = cbor(
      new Map<Cbor, Cbor>([
        [1, 2],
        [3, -7],
        [-1, 1],
        [-2, Buffer.from(jwk.x!, 'base64url')],
        [-3, Buffer.from(jwk.y!, 'base64url')],
      ]),
    );
    const length = Buffer.alloc(2);
    length.writeUInt16BE(this.credentialId.length);
    const attested = Buffer.concat([Buffer.alloc(16), length, this.credentialId, cose]); // aaguid 0: "none"
    const attestationObject = cbor({ fmt: 'none', attStmt: new Map(), authData: this.authData(AT, attested) });
    return {
      id: this.id,
      rawId: this.id,
      type: 'public-key',
      authenticatorAttachment: 'platform',
      clientExtensionResults: {},
      response: {
        clientDataJSON: this.clientData('webauthn.create', options.challenge).toString('base64url'),
        attestationObject: attestationObject.toString('base64url'),
        transports: ['internal'],
      },
    };
  }

  /** navigator.credentials.get: signs authenticatorData and the hash of clientDataJSON; the counter grows first. */
  authenticate(
    options: { challenge: string },
    { bumpCounter = true, key }: { bumpCounter?: boolean; key?: KeyObject } = {},
  ) {
    if (bumpCounter) this.counter += 1;
    const authenticatorData = this.authData(0);
    const clientDataJSON = this.clientData('webauthn.get', options.challenge);
    const signature = sign(
      'sha256',
      Buffer.concat([authenticatorData, sha256(clientDataJSON)]),
      key ?? this.keys.privateKey,
    );
    return {
      id: this.id,
      rawId: this.id,
      type: 'public-key',
      authenticatorAttachment: 'platform',
      clientExtensionResults: {},
      response: {
        clientDataJSON: clientDataJSON.toString('base64url'),
        authenticatorData: authenticatorData.toString('base64url'),
        signature: signature.toString('base64url'),
        ...(this.userHandle ? { userHandle: this.userHandle } : {}),
      },
    };
  }
}
