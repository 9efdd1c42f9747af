import { mkdtempSync, readFileSync, rmSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError } from '../config/config.error';
import { ensureDevKeys } from './dev-keys.generator';
import { JwtVerifier } from './jwt.verifier';
import { mintTokenCli } from './mint-token.cli';
import { resolvePublicKey } from './public-key.resolver';

describe('development keys and tokens', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'civil-keys-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('creates a keypair once, private key readable by the owner only', () => {
    const paths = ensureDevKeys(join(dir, 'keys'));
    expect(paths.privateKeyPath).toBe(join(dir, 'keys', 'jwt-private.pem'));
    expect(statSync(paths.privateKeyPath).mode & 0o777).toBe(0o600);
    const privatePem = readFileSync(paths.privateKeyPath, 'utf8');
    expect(privatePem).toContain('BEGIN PRIVATE KEY');
    expect(readFileSync(paths.publicKeyPath, 'utf8')).toContain('BEGIN PUBLIC KEY');

    ensureDevKeys(join(dir, 'keys'));
    expect(readFileSync(paths.privateKeyPath, 'utf8')).toBe(privatePem);
  });

  it('re-derives a lost or stale public key from the private key', () => {
    const paths = ensureDevKeys(dir);
    const publicPem = readFileSync(paths.publicKeyPath, 'utf8');
    unlinkSync(paths.publicKeyPath);
    ensureDevKeys(dir);
    expect(readFileSync(paths.publicKeyPath, 'utf8')).toBe(publicPem);
    writeFileSync(paths.publicKeyPath, 'stale');
    ensureDevKeys(dir);
    expect(readFileSync(paths.publicKeyPath, 'utf8')).toBe(publicPem);
  });

  it('mints from the command line a token the services accept', () => {
    const out: string[] = [];
    const code = mintTokenCli(
      [
        '--sub',
        'carol',
        '--roles',
        'unit-staff,inspector',
        '--jurisdiction',
        '330521101',
        '--unit',
        'U-3',
        '--ttl',
        '1h',
        '--keys-dir',
        dir,
      ],
      { JWT_ISSUER: 'iss-x' },
      (l) => out.push(l),
      () => undefined,
    );
    expect(code).toBe(0);
    const publicKeyPem = resolvePublicKey({ JWT_PUBLIC_KEY_FILE: join(dir, 'jwt-public.pem') });
    const principal = new JwtVerifier({ publicKeyPem, issuer: 'iss-x', audience: 'civil-affairs' }).verify(out[0]);
    expect(principal).toEqual({ sub: 'carol', roles: ['unit-staff', 'inspector'], jurisdiction: '330521101', unitId: 'U-3' });
  });

  it('explains bad command lines', () => {
    const errors: string[] = [];
    const err = (l: string) => errors.push(l);
    expect(mintTokenCli(['--sub', 'x'], {}, () => undefined, err)).toBe(2);
    expect(errors[0]).toMatch(/--roles and --jurisdiction are required\nusage:/);
    expect(mintTokenCli(['--sub', 'x', '--roles', 'chief', '--jurisdiction', '33', '--keys-dir', dir], {}, () => undefined, err)).toBe(1);
    expect(errors[1]).toBe('cannot mint token: Token has unknown roles: chief');
  });
});

describe('resolvePublicKey', () => {
  it('prefers JWT_PUBLIC_KEY and restores flattened newlines', () => {
    expect(resolvePublicKey({ JWT_PUBLIC_KEY: 'a\\nb', JWT_PUBLIC_KEY_FILE: '/nonexistent' })).toBe('a\nb');
  });

  it('says what to set when no key can be found', () => {
    expect(() => resolvePublicKey({ JWT_PUBLIC_KEY_FILE: '/nonexistent/jwt-public.pem' })).toThrow(ConfigError);
    expect(() => resolvePublicKey({})).toThrow(/JWT_PUBLIC_KEY is not set and JWT_PUBLIC_KEY_FILE is not set/);
    expect(() => resolvePublicKey({ JWT_PUBLIC_KEY_FILE: '/nonexistent/jwt-public.pem' })).toThrow(
      /JWT_PUBLIC_KEY_FILE points to \/nonexistent\/jwt-public.pem, which does not exist/,
    );
  });
});
