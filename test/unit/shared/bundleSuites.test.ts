import { describe, expect, it } from 'vitest';
import { createPrivateKey, createPublicKey, sign as nodeSign, verify as nodeVerify } from 'node:crypto';
import smCrypto from 'sm-crypto';
import { CRYPTO_SUITES, digest, fingerprint, fromHex, generateKeyPair, isPublicKey, keyIdOf, publicKeyOf, sign, SM2_USER_ID, verify } from '../../../shared/bundle/suites';
import { toHex, utf8 } from '../../../shared/crypto/sm3';

// Golden vectors made with a second implementation: sm-crypto (not the
// sm-crypto-v2 we sign with) for SM2, RFC 8032 and Node's OpenSSL for Ed25519.
const SM2 = {
  privateKey: '3945208f7b2144b13f36e38ac6d39f95889393692860b51a42fb81ef4df7c5b8',
  publicKey: '0409f9df311e5421a150dd7d161e4bc5c672179fad1833fc076bb08ff356f35020ccea490ce26775a52dc6ea718cc1aa600aed05fbf35e084a6632f6072da9ad13',
  message: '{"format":"zwledger-bundle/1","unitName":"庄浪县政府办"}',
  signature: '304502202efcb9ee34bdb791bc94038292f52e36cb30c3dd2df5fb876f067b86e90efd71022100dc35b8a84171d0e768d83b171deed2b528cc2b54ed288973e7ec13f2d707bda8',
};
const ED25519 = {
  privateKey: '9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60',
  publicKey: 'd75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a',
  signature: 'e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b',
};
const sm2Options = { der: true, hash: true, userId: SM2_USER_ID };

describe('sm2-sm3 with the fixed profile', () => {
  it('derives the public key and verifies a signature made by sm-crypto', () => {
    expect(publicKeyOf('sm2-sm3', SM2.privateKey)).toBe(SM2.publicKey);
    expect(verify('sm2-sm3', SM2.publicKey, utf8(SM2.message), SM2.signature)).toBe(true);
    expect(verify('sm2-sm3', SM2.publicKey, utf8(SM2.message + ' '), SM2.signature)).toBe(false);
  });

  it('signs what sm-crypto verifies, with the same user id and DER encoding', () => {
    for (let i = 0; i < 5; i++) {
      const key = generateKeyPair('sm2-sm3');
      expect(smCrypto.sm2.getPublicKeyFromPrivateKey(key.privateKey)).toBe(key.publicKey);
      const message = utf8(`第 ${i} 份清单 ${'x'.repeat(i * 37)}`);
      const signature = sign('sm2-sm3', key.privateKey, message);
      expect(signature.startsWith('30')).toBe(true);
      expect(smCrypto.sm2.doVerifySignature(Array.from(message), signature, key.publicKey, sm2Options)).toBe(true);
      // Another user id is another profile: it must not verify.
      expect(smCrypto.sm2.doVerifySignature(Array.from(message), signature, key.publicKey, { ...sm2Options, userId: 'ALICE123@YAHOO.COM' })).toBe(false);
    }
  });
});

describe('ed25519-sha256', () => {
  it('matches RFC 8032 test 1', () => {
    expect(publicKeyOf('ed25519-sha256', ED25519.privateKey)).toBe(ED25519.publicKey);
    expect(sign('ed25519-sha256', ED25519.privateKey, new Uint8Array())).toBe(ED25519.signature);
    expect(verify('ed25519-sha256', ED25519.publicKey, new Uint8Array(), ED25519.signature)).toBe(true);
  });

  it('agrees with Node in both directions', () => {
    const key = generateKeyPair('ed25519-sha256');
    const message = utf8('专网台账 · 导出');
    const pkcs8 = Buffer.concat([Buffer.from('302e020100300506032b657004220420', 'hex'), Buffer.from(key.privateKey, 'hex')]);
    const spki = Buffer.concat([Buffer.from('302a300506032b6570032100', 'hex'), Buffer.from(key.publicKey, 'hex')]);
    const nodePrivate = createPrivateKey({ key: pkcs8, format: 'der', type: 'pkcs8' });
    const nodePublic = createPublicKey({ key: spki, format: 'der', type: 'spki' });
    expect(toHex(nodeSign(null, message, nodePrivate))).toBe(sign('ed25519-sha256', key.privateKey, message));
    expect(nodeVerify(null, message, nodePublic, Buffer.from(sign('ed25519-sha256', key.privateKey, message), 'hex'))).toBe(true);
  });
});

describe.each(CRYPTO_SUITES)('%s: what every suite guarantees', (suite) => {
  const key = generateKeyPair(suite);
  const message = utf8('manifest');

  it('never accepts a changed message, another key or a malformed signature, and never throws', () => {
    const signature = sign(suite, key.privateKey, message);
    expect(verify(suite, key.publicKey, message, signature)).toBe(true);
    expect(verify(suite, generateKeyPair(suite).publicKey, message, signature)).toBe(false);
    const flipped = signature.slice(0, 20) + (signature[20] === '0' ? '1' : '0') + signature.slice(21);
    expect(verify(suite, key.publicKey, message, flipped)).toBe(false);
    for (const bad of ['', 'zz', '00', signature.slice(0, -2), signature + '00', 'f'.repeat(2000)]) expect(verify(suite, key.publicKey, message, bad)).toBe(false);
    expect(verify(suite, 'not a key', message, signature)).toBe(false);
  });

  it('refuses public keys of the wrong shape, and SM2 points off the curve', () => {
    expect(isPublicKey(suite, key.publicKey)).toBe(true);
    expect(isPublicKey(suite, key.publicKey.toUpperCase())).toBe(false);
    expect(isPublicKey(suite, key.publicKey.slice(2))).toBe(false);
    expect(isPublicKey(suite, `${key.publicKey}00`)).toBe(false);
    if (suite === 'sm2-sm3') {
      const last = key.publicKey.slice(-2) === '00' ? '01' : '00';
      expect(isPublicKey(suite, key.publicKey.slice(0, -2) + last)).toBe(false);
    }
  });

  it('names a key by a short id and a fingerprint of eight five-digit groups', () => {
    expect(keyIdOf(suite, key.publicKey)).toMatch(/^[0-9a-f]{32}$/);
    expect(fingerprint(suite, key.publicKey)).toMatch(/^\d{5}( \d{5}){7}$/);
    expect(fingerprint(suite, generateKeyPair(suite).publicKey)).not.toBe(fingerprint(suite, key.publicKey));
    expect(digest(suite, fromHex('616263'))).toBe(suite === 'sm2-sm3' ? '66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0' : 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });
});
