// Generates the local RS256 signing keypair for docker compose, once, into KEYS_DIR (a named
// volume). Idempotent: an existing pair is kept, so tokens minted earlier stay valid.
// The private key signs tokens (mint-token CLI, demo seeding); services only read the public key.
const fs = require('node:fs');
const path = require('node:path');
const { generateKeyPairSync } = require('node:crypto');

const dir = process.env.KEYS_DIR || '/keys';
const owner = Number(process.env.KEYS_OWNER_UID || 1000); // `node` user of the service images
const privateFile = path.join(dir, 'jwt-private.pem');
const publicFile = path.join(dir, 'jwt-public.pem');

fs.mkdirSync(dir, { recursive: true });
if (fs.existsSync(privateFile) && fs.existsSync(publicFile)) {
  console.log(`jwt-keys: keeping the existing keypair in ${dir}`);
} else {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
  // Write to temporary names and rename, so a crash never leaves half a pair behind.
  fs.writeFileSync(`${privateFile}.tmp`, privateKey, { mode: 0o600 });
  fs.writeFileSync(`${publicFile}.tmp`, publicKey, { mode: 0o644 });
  fs.renameSync(`${privateFile}.tmp`, privateFile);
  fs.renameSync(`${publicFile}.tmp`, publicFile);
  console.log(`jwt-keys: generated an RSA-2048 keypair in ${dir}`);
}
if (process.getuid && process.getuid() === 0) {
  for (const file of [dir, privateFile, publicFile]) fs.chownSync(file, owner, owner);
}
