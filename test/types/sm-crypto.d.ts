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
    };
  };
  export default smCrypto;
}
