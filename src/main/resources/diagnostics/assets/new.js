// /d/new: encrypts pasted text or a file in the browser and uploads only ciphertext, one part of a few chunks at a
// time, so a large file is never held whole in memory.
import {
  KEY_BYTES, PBKDF2_ITERATIONS, b64u, unb64u, randomBytes, linkProofKey, passphraseKey, passphraseProofKey, contentKey,
  newHeader, parseHeader, sealChunk, metadataFrame, ciphertextLength, postJson, errorMessage, formatBytes, show,
  setText,
} from './share.js';

const CHUNKS_PER_PART = 8;

let limits = { defaultTtlSeconds: 86400, defaultViews: 1, maxViews: 10, maxSize: 256 * 1024 * 1024 };

async function loadLimits() {
  const response = await fetch('/api/d/limits', { cache: 'no-store' });
  if (response.ok) limits = await response.json();
  const views = document.getElementById('views');
  for (let i = 1; i <= limits.maxViews; i++) {
    const option = document.createElement('option');
    option.value = String(i);
    option.textContent = i === 1 ? '1 (burn after reading)' : String(i);
    views.appendChild(option);
  }
  views.value = String(limits.defaultViews);
  const ttl = document.getElementById('ttl');
  if ([...ttl.options].some((o) => o.value === String(limits.defaultTtlSeconds))) {
    ttl.value = String(limits.defaultTtlSeconds);
  }
  setText('audience-enforcement', limits.signInRequired
    ? 'Enforced: recipients sign in with Slack.'
    : 'Not enforced on this server: anyone with the link can open it.');
}

/**
 * The audience as typed, or null for the whole team. The ids are checked by the server, which answers with a message
 * saying what is wrong, so the page and the CLI refuse the same things in the same words.
 */
function audience() {
  const channel = document.getElementById('audience-channel').value.trim();
  const users = document.getElementById('audience-users').value.split(/[\s,]+/).filter((u) => u.length > 0);
  if (channel.length === 0 && users.length === 0) return null;
  return channel.length > 0 ? { channel, users } : { users };
}

/** Who the result says may open the link: only what this server actually enforces. */
function whoMayOpen(requested) {
  if (!limits.signInRequired) return 'Anyone with this link';
  if (!requested) return 'Anyone in your Slack workspace who has this link and signs in';
  const parts = [];
  if (requested.channel) parts.push('members of ' + requested.channel);
  if (requested.users.length > 0) {
    parts.push(requested.users.length === 1 ? requested.users[0] : requested.users.length + ' named people');
  }
  return 'Only ' + parts.join(' and ') + ', signed in with Slack and holding this link,';
}

/** Reads [start, end) of the framed plaintext: metadata frame followed by the content. */
function framedReader(frame, content) {
  return async (start, end) => {
    const out = new Uint8Array(end - start);
    let filled = 0;
    if (start < frame.length) {
      const part = frame.subarray(start, Math.min(end, frame.length));
      out.set(part, 0);
      filled = part.length;
    }
    const contentStart = Math.max(0, start - frame.length);
    const contentEnd = end - frame.length;
    if (contentEnd > contentStart) {
      out.set(await content(contentStart, contentEnd), filled);
    }
    return out;
  };
}

async function create(event) {
  event.preventDefault();
  show('error', false);
  const button = document.getElementById('create');
  button.disabled = true;
  try {
    const file = document.getElementById('file').files[0];
    const text = document.getElementById('text').value;
    if (!file && text.length === 0) throw new Error('Paste some text or choose a file.');

    let metadata, size, content;
    if (file) {
      metadata = { kind: 'file', name: file.name, type: file.type || 'application/octet-stream', size: file.size };
      size = file.size;
      content = async (start, end) => new Uint8Array(await file.slice(start, end).arrayBuffer());
    } else {
      const bytes = new TextEncoder().encode(text);
      metadata = { kind: 'text', name: '', type: 'text/plain; charset=utf-8', size: bytes.length };
      size = bytes.length;
      content = async (start, end) => bytes.subarray(start, end);
    }
    const frame = metadataFrame(metadata);
    const plaintextLength = frame.length + size;
    const chunkSize = limits.chunkSize || (1 << 20);
    const total = ciphertextLength(plaintextLength, chunkSize);
    if (size > limits.maxSize) {
      throw new Error('Too large: the limit is ' + formatBytes(limits.maxSize) + '.');
    }

    progress('Deriving keys…');
    const linkKey = randomBytes(KEY_BYTES);
    const request = {
      ttlSeconds: Number(document.getElementById('ttl').value),
      views: Number(document.getElementById('views').value),
      size: total,
      linkVerifier: b64u(await linkProofKey(linkKey)),
    };
    const requested = audience();
    if (requested) request.audience = requested;
    const passphrase = document.getElementById('passphrase').value;
    let passKey = null;
    let passSalt = null;
    if (passphrase.length > 0) {
      passSalt = randomBytes(16);
      passKey = await passphraseKey(passphrase, passSalt, PBKDF2_ITERATIONS);
      request.passphraseVerifier = b64u(await passphraseProofKey(passKey));
      request.passphraseSalt = b64u(passSalt);
    }

    const created = await postJson('/api/d', request);
    if (!created.ok) throw new Error(await errorMessage(created));
    const share = await created.json();

    const header = parseHeader(newHeader(passSalt, Math.log2(chunkSize)));
    const key = await contentKey(linkKey, unb64u(share.serverKey), passKey, header.hkdfSalt, share.id);
    const read = framedReader(frame, content);
    const chunks = Math.max(1, Math.ceil(plaintextLength / chunkSize));
    let offset = 0;
    for (let first = 0; first < chunks; first += CHUNKS_PER_PART) {
      const parts = first === 0 ? [header.bytes] : [];
      const last = Math.min(chunks, first + CHUNKS_PER_PART);
      for (let i = first; i < last; i++) {
        const plain = await read(i * chunkSize, Math.min(plaintextLength, (i + 1) * chunkSize));
        parts.push(await sealChunk(key, header, i, i === chunks - 1, plain));
        plain.fill(0);
      }
      const body = new Blob(parts);
      progress('Uploading ciphertext… ' + formatBytes(offset + body.size) + ' of ' + formatBytes(total));
      const uploaded = await fetch('/api/d/' + share.id + '/ciphertext', {
        method: 'PUT',
        headers: {
          'Authorization': 'Bearer ' + share.uploadToken,
          'Content-Type': 'application/octet-stream',
          'Watchkeeper-Upload-Offset': String(offset),
          'Watchkeeper-Upload-Complete': String(last === chunks),
        },
        body,
      });
      if (!uploaded.ok) throw new Error(await errorMessage(uploaded));
      offset += body.size;
    }

    const link = location.origin + '/d/' + share.id + '#' + b64u(linkKey);
    linkKey.fill(0);
    document.getElementById('link').value = link;
    setText('result-who', whoMayOpen(requested));
    setText('result-views', share.views === 1 ? ' once' : ' ' + share.views + ' times');
    setText('result-expiry', new Date(share.expiresAt).toLocaleString());
    show('progress', false);
    show('form', false);
    show('result', true);
    document.getElementById('link').select();
  } catch (e) {
    show('progress', false);
    setText('error', e.message);
    show('error', true);
  } finally {
    button.disabled = false;
  }
}

function progress(text) {
  setText('progress', text);
  show('progress', true);
}

async function copy() {
  const link = document.getElementById('link');
  link.select();
  try {
    await navigator.clipboard.writeText(link.value);
    setText('copy', 'Copied');
  } catch (e) {
    setText('copy', 'Press Ctrl+C to copy');
  }
}

document.getElementById('form').addEventListener('submit', create);
document.getElementById('copy').addEventListener('click', copy);
loadLimits();
