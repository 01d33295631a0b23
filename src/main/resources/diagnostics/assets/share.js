// Watchkeeper diagnostics: the share format and its key schedule in WebCrypto, identical to the Java side
// (ShareKeys, ShareHeader, ChunkCipher). docs/diagnostics.md describes every byte. Keys never leave this page:
// the link key comes from the URL fragment, which browsers never send to the server.

export const KEY_BYTES = 32;
export const HEADER_BYTES = 68;
export const TAG_BYTES = 16;
export const PBKDF2_ITERATIONS = 600000;
export const TEXT_LIMIT = 64 * 1024;

const LINK_PROOF_INFO = 'watchkeeper diagnostics v1 link proof';
const PASSPHRASE_PROOF_INFO = 'watchkeeper diagnostics v1 passphrase proof';
const CONTENT_INFO_PREFIX = 'watchkeeper diagnostics v1 content ';
const PROOF_PREFIX = 'watchkeeper diagnostics v1 ';
const MAGIC = [0x57, 0x4b, 0x44, 0x31]; // "WKD1"

const subtle = crypto.subtle;
const ascii = new TextEncoder();

export function randomBytes(n) {
  return crypto.getRandomValues(new Uint8Array(n));
}

export function b64u(bytes) {
  let binary = '';
  for (let i = 0; i < bytes.length; i++) binary += String.fromCharCode(bytes[i]);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export function unb64u(text) {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) throw new Error('not base64url');
  const padded = text.replace(/-/g, '+').replace(/_/g, '/') + '==='.slice((text.length + 3) % 4);
  const binary = atob(padded);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

export function concat(...parts) {
  const total = parts.reduce((n, p) => n + p.length, 0);
  const out = new Uint8Array(total);
  let offset = 0;
  for (const p of parts) { out.set(p, offset); offset += p.length; }
  return out;
}

export async function hkdf(ikm, salt, info) {
  const key = await subtle.importKey('raw', ikm, 'HKDF', false, ['deriveBits']);
  const bits = await subtle.deriveBits({ name: 'HKDF', hash: 'SHA-256', salt, info: ascii.encode(info) }, key, 256);
  return new Uint8Array(bits);
}

export function linkProofKey(linkKey) {
  return hkdf(linkKey, new Uint8Array(0), LINK_PROOF_INFO);
}

export async function passphraseKey(passphrase, salt, iterations) {
  const key = await subtle.importKey('raw', new TextEncoder().encode(passphrase.normalize('NFC')), 'PBKDF2',
    false, ['deriveBits']);
  const bits = await subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt, iterations }, key, 256);
  return new Uint8Array(bits);
}

export function passphraseProofKey(passKey) {
  return hkdf(passKey, new Uint8Array(0), PASSPHRASE_PROOF_INFO);
}

export async function contentKey(linkKey, serverKey, passKey, hkdfSalt, id) {
  const ikm = passKey ? concat(linkKey, serverKey, passKey) : concat(linkKey, serverKey);
  const raw = await hkdf(ikm, hkdfSalt, CONTENT_INFO_PREFIX + id);
  ikm.fill(0);
  return subtle.importKey('raw', raw, 'AES-GCM', false, ['encrypt', 'decrypt']);
}

export async function proof(proofKey, purpose, id, nonce) {
  const key = await subtle.importKey('raw', proofKey, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  const message = PROOF_PREFIX + purpose + ' ' + id + ' ' + b64u(nonce);
  return new Uint8Array(await subtle.sign('HMAC', key, ascii.encode(message)));
}

/** A fresh 68-byte header; passphraseSalt is null without a passphrase. */
export function newHeader(passphraseSalt, chunkExponent = 20) {
  const header = new Uint8Array(HEADER_BYTES);
  const view = new DataView(header.buffer);
  header.set(MAGIC, 0);
  header[4] = 1;
  header[5] = passphraseSalt ? 1 : 0;
  header[6] = chunkExponent;
  header.set(randomBytes(7), 7);
  header.set(randomBytes(32), 16);
  if (passphraseSalt) {
    header.set(passphraseSalt, 48);
    view.setUint32(64, PBKDF2_ITERATIONS);
  }
  return header;
}

export function parseHeader(header) {
  if (header.length < HEADER_BYTES) throw new Error('the ciphertext is shorter than its header');
  for (let i = 0; i < 4; i++) {
    if (header[i] !== MAGIC[i]) throw new Error('not a Watchkeeper diagnostics ciphertext (bad magic)');
  }
  if (header[4] !== 1) throw new Error('unsupported ciphertext version ' + header[4]);
  const exponent = header[6];
  if (exponent < 10 || exponent > 24) throw new Error('invalid chunk size in the header');
  const view = new DataView(header.buffer, header.byteOffset, HEADER_BYTES);
  return {
    bytes: header.slice(0, HEADER_BYTES),
    passphrase: (header[5] & 1) === 1,
    chunkSize: 1 << exponent,
    noncePrefix: header.slice(7, 14),
    hkdfSalt: header.slice(16, 48),
    passphraseSalt: header.slice(48, 64),
    iterations: view.getUint32(64),
  };
}

/** prefix(7) || chunk index (uint32, big-endian) || last-chunk flag. */
export function chunkNonce(noncePrefix, index, last) {
  const nonce = new Uint8Array(12);
  nonce.set(noncePrefix, 0);
  new DataView(nonce.buffer).setUint32(7, index);
  nonce[11] = last ? 1 : 0;
  return nonce;
}

export async function sealChunk(key, header, index, last, plaintext) {
  const sealed = await subtle.encrypt({ name: 'AES-GCM', iv: chunkNonce(header.noncePrefix, index, last),
    additionalData: header.bytes, tagLength: 128 }, key, plaintext);
  return new Uint8Array(sealed);
}

/** Opens one chunk; on failure says whether the ciphertext was cut short, extended, or modified. */
export async function openChunk(key, header, index, last, sealed) {
  try {
    return new Uint8Array(await subtle.decrypt({ name: 'AES-GCM', iv: chunkNonce(header.noncePrefix, index, last),
      additionalData: header.bytes, tagLength: 128 }, key, sealed));
  } catch (e) {
    let otherFlagWorks = false;
    try {
      await subtle.decrypt({ name: 'AES-GCM', iv: chunkNonce(header.noncePrefix, index, !last),
        additionalData: header.bytes, tagLength: 128 }, key, sealed);
      otherFlagWorks = true;
    } catch (ignored) { /* really modified */ }
    if (otherFlagWorks && last) throw new Error('the ciphertext is truncated: it ends after chunk ' + index + ', which is not the last');
    if (otherFlagWorks) throw new Error('the ciphertext continues after its last chunk ' + index);
    if (index === 0) throw new Error('the first chunk failed authentication: wrong key or passphrase, or the ciphertext was modified');
    throw new Error('chunk ' + index + ' failed authentication: the ciphertext was modified, reordered or truncated');
  }
}

/** The length-prefixed metadata JSON that starts every plaintext. */
export function metadataFrame(metadata) {
  const body = new TextEncoder().encode(JSON.stringify({ v: 1, ...metadata }));
  const frame = new Uint8Array(4 + body.length);
  new DataView(frame.buffer).setUint32(0, body.length);
  frame.set(body, 4);
  return frame;
}

export function ciphertextLength(plaintextLength, chunkSize) {
  const chunks = Math.max(1, Math.ceil(plaintextLength / chunkSize));
  return HEADER_BYTES + plaintextLength + chunks * TAG_BYTES;
}

/** A FIFO of byte arrays, so a stream can be cut into chunks without copying more than one chunk. */
export class ByteQueue {
  constructor() { this.parts = []; this.length = 0; }
  push(bytes) { if (bytes.length) { this.parts.push(bytes); this.length += bytes.length; } }
  take(n) {
    const out = new Uint8Array(n);
    let filled = 0;
    while (filled < n) {
      const head = this.parts[0];
      const k = Math.min(head.length, n - filled);
      out.set(head.subarray(0, k), filled);
      filled += k;
      if (k === head.length) this.parts.shift(); else this.parts[0] = head.subarray(k);
    }
    this.length -= n;
    return out;
  }
}

export async function postJson(url, body) {
  return fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body),
    credentials: 'same-origin', cache: 'no-store' });
}

export async function nonceFor(id) {
  const response = await fetch('/api/d/' + encodeURIComponent(id) + '/nonce', { method: 'POST', cache: 'no-store' });
  if (!response.ok) throw new Error('the server did not hand out a nonce (' + response.status + ')');
  return unb64u((await response.json()).nonce);
}

export async function errorMessage(response) {
  try {
    const body = await response.json();
    return body.message || ('HTTP ' + response.status);
  } catch (e) {
    return 'HTTP ' + response.status;
  }
}

export function formatBytes(n) {
  if (n < 1024) return n + ' bytes';
  if (n < 1024 * 1024) return (n / 1024).toFixed(1) + ' KiB';
  return (n / 1024 / 1024).toFixed(1) + ' MiB';
}

export function show(id, visible) {
  document.getElementById(id).hidden = !visible;
}

export function setText(id, text) {
  document.getElementById(id).textContent = text;
}
