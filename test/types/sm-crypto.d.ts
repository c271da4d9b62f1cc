// sm-crypto (the original, by JuneAndGreen) ships no types; only what the golden-vector tests call.
declare module 'sm-crypto' {
  interface SignOptions {
    der?: boolean;
    hash?: boolean;
    userId?: string;
  }
  const smCrypto: {
    sm2: {
      getPublicKeyFromPrivateKey(privateKey: string): string;
      doSignature(msg: number[] | string, privateKey: string, options?: SignOptions): string;
      doVerifySignature(msg: number[] | string, signature: string, publicKey: string, options?: SignOptions): boolean;
      doEncrypt(msg: number[] | string, publicKey: string, cipherMode?: 0 | 1): string;
      doDecrypt(encrypted: string, privateKey: string, cipherMode: 0 | 1, options: { output: 'array' }): number[];
    };
    sm3(input: number[] | string, options?: { key: number[] | string; mode?: 'hmac' }): string;
    sm4: {
      encrypt(input: number[], key: number[], options: { padding: 'none'; output: 'array' }): number[];
    };
  };
  export default smCrypto;
}
