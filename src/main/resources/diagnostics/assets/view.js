// /d/{id}: the same static page for every id. Reads the key from the fragment and removes it from the address bar,
// proves possession of the key to learn the status, and reveals only when the button is pressed: opening the page
// (a link preview, a scanner, a prefetch) consumes nothing. Decrypts chunk by chunk; text under 64 KiB is shown as
// text (textContent, never HTML), anything else is saved as a file.
// With Sign in with Slack, only members of the share's audience may reveal: the page sends the person through the
// sign-in and back, keeping the key in this tab's sessionStorage for the round trip only (deleted on return).
import {
  HEADER_BYTES, TAG_BYTES, TEXT_LIMIT, unb64u, b64u, linkProofKey, passphraseKey, passphraseProofKey, contentKey,
  proof, parseHeader, openChunk, ByteQueue, postJson, nonceFor, errorMessage, formatBytes, show, setText,
} from './share.js';

const id = decodeURIComponent(location.pathname.split('/').filter(Boolean).pop() || '');
const KEY_SLOT = 'watchkeeper-share-key:' + id;
const fragment = location.hash.slice(1) || takeParkedKey();
const signInFailed = new URLSearchParams(location.search).get('sign-in') === 'failed';
// the key must not linger in the address bar, history or a screenshot
history.replaceState(null, '', location.pathname);

/** The key parked before a sign-in round trip; read once and deleted. */
function takeParkedKey() {
  try {
    const parked = sessionStorage.getItem(KEY_SLOT) || '';
    sessionStorage.removeItem(KEY_SLOT);
    return parked;
  } catch (e) {
    return '';
  }
}

let linkKey = null;
let proofKey = null;
let status = null;

function fail(text) {
  show('progress', false);
  setText('error', text);
  show('error', true);
}

function notAvailable() {
  show('ready', false);
  setText('message', 'This link is not available: it expired, was viewed as many times as allowed, was revoked, '
    + 'or never existed.');
}

async function start() {
  if (!/^[A-Za-z0-9_-]{43}$/.test(fragment)) {
    setText('message', 'This link is incomplete: the key after the # is missing or damaged. Ask for the link again.');
    return;
  }
  linkKey = unb64u(fragment);
  proofKey = await linkProofKey(linkKey);
  const nonce = await nonceFor(id);
  const response = await postJson('/api/d/' + encodeURIComponent(id) + '/status',
    { nonce: b64u(nonce), proof: b64u(await proof(proofKey, 'status', id, nonce)) });
  if (response.status === 404) { notAvailable(); return; }
  if (!response.ok) { fail(await errorMessage(response)); return; }
  status = await response.json();
  show('error', false);
  show('check-again', false);
  if (!mayReveal(status.access, status.signedInAs)) return;
  setText('message', 'Someone shared encrypted diagnostics with you. Nothing has been revealed yet.');
  setText('details', formatBytes(status.size) + ' of ciphertext · ' + status.viewsLeft + ' of ' + status.maxViews
    + (status.maxViews === 1 ? ' view' : ' views') + ' left · expires ' + new Date(status.expiresAt).toLocaleString());
  setText('reveal', 'Reveal (uses 1 of ' + status.viewsLeft + (status.viewsLeft === 1 ? ' view)' : ' views)'));
  show('passphrase-row', status.passphrase);
  if (status.signedInAs) {
    setText('who', 'Signed in with Slack as ' + status.signedInAs + '. Revealing is recorded under this name.');
    show('who', true);
  }
  show('ready', true);
}

/** Says why this person cannot reveal (yet), or returns true when they may. */
function mayReveal(access, signedInAs) {
  show('ready', false);
  show('sign-in-row', false);
  if (access === 'sign_in_required') {
    setText('message', 'This share is only for ' + audienceText() + '.');
    setText('sign-in-text', (signInFailed ? 'Signing in with Slack did not complete. ' : '')
      + 'Sign in with Slack to show who you are; nothing is revealed or used until you press Reveal.');
    show('sign-in-row', true);
    return false;
  }
  if (access === 'not_in_audience' || access === 'other_team') {
    setText('message', 'You are signed in with Slack as ' + (signedInAs || 'someone') + ', who is '
      + (access === 'other_team' ? 'not in the Slack workspace this share belongs to'
        : 'not in this share\'s audience (' + audienceText() + ')')
      + '. Nothing was revealed or used; ask whoever shared it.');
    return false;
  }
  if (access === 'unverifiable') {
    setText('message', 'Slack could not confirm who may open this share right now. Nothing was used.');
    show('check-again', true);
    return false;
  }
  return true;
}

function audienceText() {
  const audience = status.audience || {};
  if (audience.wholeTeam) return 'members of the Slack workspace it was shared in';
  const parts = [];
  if (audience.channel) parts.push('members of the channel it was shared in');
  if (audience.users) parts.push(audience.users === 1 ? 'one named person' : audience.users + ' named people');
  return parts.join(' and ');
}

/** Parks the key in this tab for the sign-in round trip and goes to Slack. */
function signIn() {
  try {
    sessionStorage.setItem(KEY_SLOT, b64u(linkKey));
  } catch (e) {
    fail('This browser does not allow the page to keep the key while you sign in; open the link again after '
      + 'signing in.');
  }
  location.assign(status.signIn);
}

async function reveal() {
  const button = document.getElementById('reveal');
  button.disabled = true;
  show('error', false);
  try {
    let passKey = null;
    let passProofKey = null;
    if (status.passphrase) {
      const passphrase = document.getElementById('passphrase').value;
      if (passphrase.length === 0) { fail('Enter the passphrase.'); button.disabled = false; return; }
      progress('Deriving the passphrase key…');
      passKey = await passphraseKey(passphrase, unb64u(status.passphraseSalt), status.passphraseIterations);
      passProofKey = await passphraseProofKey(passKey);
    }
    const nonce = await nonceFor(id);
    const body = { nonce: b64u(nonce), proof: b64u(await proof(proofKey, 'reveal', id, nonce)) };
    if (passProofKey) body.passphraseProof = b64u(await proof(passProofKey, 'reveal', id, nonce));
    progress('Revealing…');
    const response = await postJson('/d/' + encodeURIComponent(id) + '/reveal', body);
    if (response.status === 404) { show('progress', false); notAvailable(); return; }
    if (!response.ok) {
      const problem = await response.json().catch(() => ({}));
      const message = problem.message || ('HTTP ' + response.status);
      if (['sign_in_required', 'not_in_audience', 'audience_unavailable'].includes(problem.error)) {
        // the audience check refused before anything was used: ask the server again what this person may do
        show('progress', false);
        button.disabled = false;
        await start();
        fail(message);
        return;
      }
      if (response.status === 403 && message.startsWith('Too many')) { show('ready', false); }
      fail(message);
      button.disabled = false;
      return;
    }
    show('ready', false);
    const serverKey = unb64u(response.headers.get('Watchkeeper-Server-Key'));
    const lease = response.headers.get('Watchkeeper-Lease');
    const viewsLeft = Number(response.headers.get('Watchkeeper-Views-Left'));
    const total = Number(response.headers.get('Content-Length') || status.size);
    const result = await decrypt(response, lease, total, serverKey, passKey);
    serverKey.fill(0);
    await present(result, viewsLeft);
  } catch (e) {
    fail('Could not decrypt: ' + e.message);
  }
}

/** Reads the ciphertext stream, resuming with Range under the lease if the connection breaks. */
async function decrypt(response, lease, total, serverKey, passKey) {
  const queue = new ByteQueue();
  let received = 0;
  let reader = response.body.getReader();
  let done = false;
  let attempts = 0;
  async function pull() {
    while (true) {
      try {
        const { value, done: end } = await reader.read();
        if (end) { done = true; return; }
        queue.push(value);
        received += value.length;
        return;
      } catch (e) {
        if (++attempts > 3 || received >= total) throw e;
        const again = await fetch('/api/d/' + encodeURIComponent(id) + '/ciphertext', {
          headers: { 'Watchkeeper-Lease': lease, 'Range': 'bytes=' + received + '-' }, cache: 'no-store' });
        if (!again.ok) throw new Error('the download broke off and could not be resumed');
        reader = again.body.getReader();
      }
    }
  }
  while (queue.length < HEADER_BYTES && !done) await pull();
  const header = parseHeader(queue.take(Math.min(HEADER_BYTES, queue.length)));
  const key = await contentKey(linkKey, serverKey, passKey, header.hkdfSalt, id);
  const sealedSize = header.chunkSize + TAG_BYTES;
  const plain = new PlaintextBlob();
  let metadata = null;
  let pending = new Uint8Array(0);
  let plainBytes = 0;
  for (let index = 0; ; index++) {
    while (queue.length <= sealedSize && !done) await pull();
    const last = done && queue.length <= sealedSize;
    if (queue.length === 0) {
      throw new Error(index === 0 ? 'the ciphertext is truncated: it has no chunks'
        : 'the ciphertext is truncated: it ends after chunk ' + (index - 1) + ', which is not the last');
    }
    const sealed = queue.take(last ? queue.length : sealedSize);
    let opened = await openChunk(key, header, index, last, sealed);
    if (metadata === null) {
      const joined = new Uint8Array(pending.length + opened.length);
      joined.set(pending); joined.set(opened, pending.length);
      if (joined.length < 4) { pending = joined; if (last) throw new Error('the plaintext ends before its metadata'); continue; }
      const length = new DataView(joined.buffer).getUint32(0);
      if (length > 4096) throw new Error('content metadata too large');
      if (joined.length < 4 + length) { pending = joined; if (last) throw new Error('the plaintext ends inside its metadata'); continue; }
      metadata = JSON.parse(new TextDecoder().decode(joined.subarray(4, 4 + length)));
      opened = joined.subarray(4 + length);
    }
    plain.append(opened);
    plainBytes += opened.length;
    progress('Decrypting… ' + formatBytes(plainBytes));
    if (last) break;
  }
  if (metadata.size >= 0 && metadata.size !== plainBytes) {
    throw new Error('the content has ' + plainBytes + ' bytes but ' + metadata.size + ' were announced');
  }
  return { metadata, blob: plain.finish(), size: plainBytes };
}

/**
 * Collects decrypted chunks into a Blob a few MiB at a time, so the page never holds the whole plaintext in its own
 * memory: the browser keeps blob data out of the JavaScript heap and pages large blobs to disk.
 */
class PlaintextBlob {
  constructor() {
    this.blob = new Blob([]);
    this.parts = [];
    this.pending = 0;
  }

  append(bytes) {
    this.parts.push(bytes);
    this.pending += bytes.length;
    if (this.pending >= 8 * 1024 * 1024) this.flush();
  }

  flush() {
    this.blob = new Blob([this.blob, ...this.parts], { type: 'application/octet-stream' });
    this.parts = [];
    this.pending = 0;
  }

  finish() {
    this.flush();
    return this.blob;
  }
}

async function present(result, viewsLeft) {
  show('progress', false);
  setText('message', viewsLeft === 0
    ? 'Revealed. That was the last view: the link no longer works.'
    : 'Revealed. ' + viewsLeft + (viewsLeft === 1 ? ' view' : ' views') + ' left.');
  const blob = result.blob;
  let text = null;
  if (result.size < TEXT_LIMIT) {
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(new Uint8Array(await blob.arrayBuffer()));
    } catch (e) {
      text = null;
    }
  }
  const name = safeName(result.metadata.name) || (result.metadata.kind === 'text' ? 'diagnostics.txt' : 'diagnostics.bin');
  const link = document.getElementById('download');
  link.href = URL.createObjectURL(blob);
  link.download = name;
  setText('download', 'Save as ' + name);
  show('download', true);
  if (text !== null) {
    // textContent: the content is shown as text and never parsed as HTML
    document.getElementById('plaintext').textContent = text;
    setText('content-info', formatBytes(result.size) + ' of text');
  } else {
    show('plaintext', false);
    setText('content-info', formatBytes(result.size) + ' · saved as ' + name);
    link.click();
  }
  show('content', true);
}

function safeName(name) {
  return (name || '').replace(/[\\/:*?"<>|\u0000-\u001f]/g, '_').slice(0, 200);
}

function progress(text) {
  setText('progress', text);
  show('progress', true);
}

document.getElementById('reveal').addEventListener('click', reveal);
document.getElementById('sign-in').addEventListener('click', signIn);
document.getElementById('check-again').addEventListener('click', () => {
  start().catch((e) => fail('Could not check the link: ' + e.message));
});
start().catch((e) => fail('Could not check the link: ' + e.message));
